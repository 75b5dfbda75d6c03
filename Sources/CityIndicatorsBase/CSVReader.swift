import Foundation

/// One cell of a CSV record, with where it starts (1-based line and column; columns count
/// characters, not bytes).
public struct CSVCell: Sendable, Equatable {
    public var bytes: [UInt8]
    public var line: Int
    public var column: Int
    /// The cell was written in double quotes.
    public var quoted: Bool

    /// The text, or nil when the bytes are not valid UTF-8.
    public var text: String? { String(validating: bytes, as: UTF8.self) }
}

public struct CSVRecord: Sendable {
    public var cells: [CSVCell]
    /// The line the record starts on.
    public var line: Int
    /// The line and column just past its last cell (for messages about the row's end).
    public var endLine: Int
    public var endColumn: Int

    public var isBlank: Bool { cells.allSatisfy { $0.bytes.allSatisfy { $0 == 32 || $0 == 9 } } }
}

/// A structural problem met while reading (reported, never thrown).
public struct CSVProblem: Sendable, Equatable {
    public enum Kind: Sendable, Equatable { case unterminatedQuote, quoteInUnquotedField, nulByte }
    public var kind: Kind
    public var line: Int
    public var column: Int
}

/// A streaming RFC 4180 reader over bytes: reads the file in chunks (memory independent of file
/// size), keeps line and column of every cell, accepts CRLF, LF and lone CR line ends, skips a
/// UTF-8 byte-order mark.
public final class CSVReader {
    private let handle: FileHandle?
    private var buffer: [UInt8]
    private var position = 0
    private var finished: Bool
    private let chunkSize: Int
    public let delimiter: UInt8
    public private(set) var problems: [CSVProblem] = []
    /// Set when reading the file failed part-way (the rows before it were read); the caller
    /// reports it: a file that cannot be read is never taken as ending there.
    public private(set) var readError: String?
    private var line = 1
    private var column = 1
    private var nulReported = false

    /// Reads from a file, streaming.
    public init(fileHandle: FileHandle, delimiter: UInt8 = UInt8(ascii: ","), chunkSize: Int = 1 << 16) {
        handle = fileHandle
        buffer = []
        finished = false
        self.delimiter = delimiter
        self.chunkSize = chunkSize
        skipByteOrderMark()
    }

    /// Reads from bytes in memory.
    public init(bytes: [UInt8], delimiter: UInt8 = UInt8(ascii: ",")) {
        handle = nil
        buffer = bytes
        finished = true
        self.delimiter = delimiter
        chunkSize = 0
        skipByteOrderMark()
    }

    private func skipByteOrderMark() {
        if peek() == 0xEF, peek(1) == 0xBB, peek(2) == 0xBF { position += 3 }
    }

    private func fill(_ needed: Int) -> Bool {
        while buffer.count - position < needed {
            guard !finished, let handle else { return false }
            let data: Data?
            do {
                data = try handle.read(upToCount: chunkSize)
            } catch {
                readError = error.localizedDescription
                data = nil
            }
            guard let data, !data.isEmpty else {
                finished = true
                return buffer.count - position >= needed
            }
            if position > 0 {
                buffer.removeFirst(position)
                position = 0
            }
            buffer.append(contentsOf: data)
        }
        return true
    }

    private func peek(_ offset: Int = 0) -> UInt8? {
        guard fill(offset + 1) else { return nil }
        return buffer[position + offset]
    }

    private func take() -> UInt8? {
        guard let b = peek() else { return nil }
        position += 1
        if b == 0, !nulReported {
            nulReported = true
            problems.append(CSVProblem(kind: .nulByte, line: line, column: column))
        }
        if b & 0xC0 != 0x80 { column += 1 }  // count characters, not continuation bytes
        return b
    }

    private func newLine() {
        line += 1
        column = 1
    }

    /// The next record, or nil at the end of the input.
    public func next() -> CSVRecord? {
        guard peek() != nil else { return nil }
        let recordLine = line
        var cells: [CSVCell] = []
        while true {
            let startLine = line
            let startColumn = column
            var bytes: [UInt8] = []
            var quoted = false
            if peek() == 34 {  // opening quote
                quoted = true
                _ = take()
                var closed = false
                while let b = take() {
                    if b == 34 {
                        if peek() == 34 {
                            _ = take()
                            bytes.append(34)
                            continue
                        }
                        closed = true
                        break
                    }
                    bytes.append(b)
                    if b == 10 {
                        newLine()
                    } else if b == 13 {
                        if peek() == 10 { bytes.append(take()!) }
                        newLine()
                    }
                }
                if !closed {
                    problems.append(CSVProblem(kind: .unterminatedQuote, line: startLine, column: startColumn))
                }
                // Spaces between the closing quote and the delimiter are passed over; anything
                // else there is kept, and reported.
                var stray = false
                while let b = peek(), b != delimiter, b != 10, b != 13 {
                    if !stray && (b == 32 || b == 9) {
                        _ = take()
                        continue
                    }
                    if !stray { problems.append(CSVProblem(kind: .quoteInUnquotedField, line: line, column: column)) }
                    stray = true
                    bytes.append(take()!)
                }
            } else {
                while let b = peek(), b != delimiter, b != 10, b != 13 {
                    if b == 34 {
                        problems.append(CSVProblem(kind: .quoteInUnquotedField, line: line, column: column))
                    }
                    bytes.append(take()!)
                }
            }
            cells.append(CSVCell(bytes: bytes, line: startLine, column: startColumn, quoted: quoted))
            let endLine = line
            let endColumn = column
            guard let b = take() else {
                return CSVRecord(cells: cells, line: recordLine, endLine: endLine, endColumn: endColumn)
            }
            if b == delimiter { continue }
            if b == 13, peek() == 10 { _ = take() }
            newLine()
            return CSVRecord(cells: cells, line: recordLine, endLine: endLine, endColumn: endColumn)
        }
    }
}
