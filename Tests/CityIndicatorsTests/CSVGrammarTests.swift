import CityIndicators
import Foundation
import Testing

@testable import CityIndicatorsBase
@testable import CityIndicatorsIntake

/// One CSV grammar: the submission reader's `CSVReader` and the register reader's byte-level
/// `RecordSplitter` split the same records into the same cells.
@Suite struct CSVGrammarTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var bytes: String
        var delimiter: Character = ","
        /// The first record's cells.
        var cells: [String]
        var quoted: [Bool]? = nil
        /// True when the record has a structural problem (stray or unclosed quote).
        var problem = false
        /// Where the second record starts, in bytes (nil: there is none).
        var next: Int? = nil
        var testDescription: String { name }
    }

    static let table: [Case] = [
        Case(name: "plain", bytes: "a,b,c\n", cells: ["a", "b", "c"], next: 6),
        Case(name: "empty cells", bytes: ",,\n", cells: ["", "", ""], next: 3),
        Case(name: "trailing delimiter", bytes: "a,\n", cells: ["a", ""], next: 3),
        Case(name: "no final line end", bytes: "a,b", cells: ["a", "b"]),
        Case(name: "CRLF", bytes: "a,b\r\nc\r\n", cells: ["a", "b"], next: 5),
        Case(name: "lone CR (old Mac exports)", bytes: "a,b\rc\r", cells: ["a", "b"], next: 4),
        Case(name: "quoted", bytes: "\"a\",b\n", cells: ["a", "b"], quoted: [true, false], next: 6),
        Case(name: "delimiter inside quotes", bytes: "\"31,24,458\",x\n", cells: ["31,24,458", "x"], next: 14),
        Case(name: "escaped quote", bytes: "\"say \"\"hi\"\"\",x\n", cells: ["say \"hi\"", "x"], next: 15),
        Case(name: "line break inside quotes", bytes: "\"two\nlines\",x\nz\n", cells: ["two\nlines", "x"], next: 14),
        Case(name: "CRLF inside quotes", bytes: "\"two\r\nlines\",x\r\n", cells: ["two\r\nlines", "x"], next: 16),
        Case(name: "spaces after the closing quote", bytes: "\"a\"  ,b\n", cells: ["a", "b"], next: 8),
        Case(name: "spaces around a plain cell are kept", bytes: " a ,b\n", cells: [" a ", "b"], next: 6),
        Case(name: "semicolons", bytes: "a;\"b;c\"\n", delimiter: ";", cells: ["a", "b;c"], next: 8),
        Case(name: "quote inside a plain cell", bytes: "ab\"c,d\n", cells: [], problem: true),
        Case(name: "text after the closing quote", bytes: "\"a\"b,c\n", cells: [], problem: true),
        Case(name: "quote left open", bytes: "\"abc,d\n", cells: [], problem: true),
    ]

    @Test(arguments: table) func bothReadersAgree(c: Case) {
        let bytes = Array(c.bytes.utf8)
        let delimiter = c.delimiter.asciiValue!
        // CSVReader.
        let reader = CSVReader(bytes: bytes, delimiter: delimiter)
        let record = reader.next()
        // RecordSplitter, over the same bytes.
        let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: max(1, bytes.count))
        defer { buffer.deallocate() }
        buffer.update(from: bytes, count: bytes.count)
        let starts = UnsafeMutablePointer<Int>.allocate(capacity: 16)
        let ends = UnsafeMutablePointer<Int>.allocate(capacity: 16)
        let flags = UnsafeMutablePointer<UInt8>.allocate(capacity: 16)
        defer {
            starts.deallocate()
            ends.deallocate()
            flags.deallocate()
        }
        let split = RecordSplitter.split(
            buffer, from: 0, limit: bytes.count, eof: true, delimiter: delimiter, cells: 16, cellStart: starts,
            cellEnd: ends, cellFlags: flags)
        let splitCells = (0..<split.cells).map { k -> String in
            let text = String(decoding: bytes[starts[k]..<ends[k]], as: UTF8.self)
            return flags[k] & 2 != 0 ? text.replacingOccurrences(of: "\"\"", with: "\"") : text
        }
        let splitProblem = (0..<split.cells).contains { flags[$0] & (4 | 8) != 0 }
        #expect(!reader.problems.isEmpty == c.problem, "CSVReader problems: \(reader.problems)")
        #expect(splitProblem == c.problem, "RecordSplitter flags: \((0..<split.cells).map { flags[$0] })")
        guard !c.problem else { return }
        #expect(record?.cells.map { String(decoding: $0.bytes, as: UTF8.self) } == c.cells)
        #expect(splitCells == c.cells)
        if let quoted = c.quoted {
            #expect(record?.cells.map(\.quoted) == quoted)
            #expect((0..<split.cells).map { flags[$0] & 1 != 0 } == quoted)
        }
        #expect(split.next == (c.next ?? bytes.count))
        if let n = c.next, n < bytes.count { #expect(reader.next() != nil, "a second record") }
    }
}
