import CityIndicators
import Foundation
import Testing

@testable import CityIndicatorsBase

@Suite struct CSVReaderTests {
    func records(_ text: String, delimiter: Character = ",") -> [[String]] {
        let reader = CSVReader(bytes: Array(text.utf8), delimiter: delimiter.asciiValue!)
        var out: [[String]] = []
        while let r = reader.next() { out.append(r.cells.map { $0.text ?? "<bad>" }) }
        return out
    }

    @Test func quotesEscapesAndEmbeddedNewlines() {
        #expect(
            records("a,\"b,c\",\"say \"\"hi\"\"\"\n\"multi\nline\",x,\n") == [
                ["a", "b,c", "say \"hi\""],
                ["multi\nline", "x", ""],
            ])
    }

    @Test func crlfLoneCRAndNoFinalNewline() {
        #expect(records("a,b\r\nc,d\re,f") == [["a", "b"], ["c", "d"], ["e", "f"]])
    }

    @Test func byteOrderMarkIsSkipped() {
        #expect(records("\u{FEFF}element,value\n") == [["element", "value"]])
    }

    @Test func positionsAreLinesAndCharacterColumns() {
        let reader = CSVReader(bytes: Array("é,\"x\ny\",z\nab,cd\n".utf8))
        let first = reader.next()!
        #expect(first.cells.map(\.line) == [1, 1, 2])
        #expect(first.cells.map(\.column) == [1, 3, 4])
        #expect(first.cells[1].quoted)
        let second = reader.next()!
        #expect(second.line == 3)
        #expect(second.cells.map(\.column) == [1, 4])
    }

    @Test func problemsAreReportedNotThrown() {
        let reader = CSVReader(bytes: Array("a,b\"c\nd,\"never closed\n".utf8))
        while reader.next() != nil {}
        #expect(
            reader.problems == [
                CSVProblem(kind: .quoteInUnquotedField, line: 1, column: 4),
                CSVProblem(kind: .unterminatedQuote, line: 2, column: 3),
            ])
    }

    @Test func streamsFromAFileInSmallChunks() throws {
        let path = NSTemporaryDirectory() + "csv-stream-\(UUID().uuidString).csv"
        let rows = (0..<2000).map { "row\($0),\"v,\($0)\"" }
        try (rows.joined(separator: "\r\n") + "\r\n").write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let reader = CSVReader(fileHandle: FileHandle(forReadingAtPath: path)!, chunkSize: 7)
        var count = 0
        while let r = reader.next() {
            #expect(r.cells[1].text == "v,\(count)")
            #expect(r.line == count + 1)
            count += 1
        }
        #expect(count == 2000)
    }

    @Test func semicolonDelimiter() {
        #expect(records("a;b\n1;2\n", delimiter: ";") == [["a", "b"], ["1", "2"]])
    }
}

@Suite struct NumberTextTests {
    @Test(arguments: [
        ("3124458", false, 3124458.0),
        ("\t17 ", false, 17),
        ("0.5", false, 0.5),
        ("-2.5e3", false, -2500),
        ("31,24,458", true, 3_124_458),
        ("3,124,458.75", true, 3124458.75),
        ("1,00,00,000", true, 10_000_000),
    ])
    func accepted(text: String, quoted: Bool, value: Double) {
        #expect(NumberText.parseSubmission(text, quoted: quoted) == .success(value))
    }

    @Test(arguments: [
        "NaN", "inf", "1e309", "#DIV/0!", "12 lakh", "45%", "₹1200", "1,2,3", "3 124 458", "0x10", "1.2.3", "--5",
    ])
    func rejected(text: String) {
        guard case .failure = NumberText.parseSubmission(text, quoted: true) else {
            Issue.record("'\(text)' was accepted")
            return
        }
    }

    @Test func groupingNeedsQuotes() {
        #expect(NumberText.parseSubmission("31,24,458", quoted: false) == .failure(.groupingUnquoted))
    }

    @Test func expectedValuesComparedAtTheirWrittenPrecision() {
        #expect(abs(NumberText.halfUnitOfLastPlace("0.544") - 0.0005) < 1e-12)
        #expect(abs(NumberText.halfUnitOfLastPlace("137") - 0.5) < 1e-9)
        #expect(abs(NumberText.halfUnitOfLastPlace("1.5e3") - 50) < 1e-6)
    }

    @Test func grouping() {
        #expect(Format.group("3521000", .international) == "3,521,000")
        #expect(Format.group("3521000.25", .indian) == "35,21,000.25")
        #expect(Format.group("-999", .indian) == "-999")
        #expect(Format.readable(0.000123456) == "0.000123")
    }
}
