import CityIndicatorsBase
import CityIndicatorsCatalog
import Foundation

/// Reads a departmental submission CSV against the catalog (DESIGN §3.4): every problem in one
/// pass, every data row accepted, not reported, or rejected with a reason.
public struct SubmissionReader {
    public let catalog: Catalog
    let suggestions = SuggestionCache()

    static let knownColumns = ["element", "value", "unit", "source", "notes", "data_year"]
    /// Guidance columns of templates, ignored on read.
    static let guidanceColumns = ["title", "expected_unit", "description", "department", "kind"]

    /// How register files are read (buffer size, threads, listing cap).
    public var registerOptions = RegisterReader.Options()

    public init(catalog: Catalog) { self.catalog = catalog }

    /// Reads a file. Throws `InputError` only when the file cannot be opened at all.
    public func read(path: String) throws -> Submission {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw InputError("\(path): no such file", hint: "Check the path; give a .csv file or a folder of them.")
        }
        // Before opening: opening a pipe blocks until something writes to it.
        if !isDirectory.boolValue { try Self.requireRegularFile(path) }
        guard !isDirectory.boolValue, let handle = FileHandle(forReadingAtPath: path) else {
            throw InputError(
                "\(path): cannot be read",
                hint: isDirectory.boolValue
                    ? "This is a folder; give the .csv files in it." : "Check the file's permissions.")
        }
        defer { try? handle.close() }
        if let register = RegisterReader.register(for: path, in: catalog) {
            let result = try RegisterReader(catalog: catalog, options: registerOptions).read(
                path: path, register: register, year: RegisterReader.year(of: path))
            return Submission(register: result, catalog: catalog)
        }
        let head: Data
        do {
            head = try handle.read(upToCount: 4096) ?? Data()
            try handle.seek(toOffset: 0)
        } catch {
            throw InputError(
                "\(path): cannot be read: \(error.localizedDescription)",
                hint: "Check the file is a saved CSV file on a working disk.")
        }
        var submission = Submission(path: path, department: nil)
        identifyDepartment(&submission)
        guard let delimiter = sniff(Array(head), &submission) else { return submission }
        let reader = CSVReader(fileHandle: handle, delimiter: delimiter)
        read(reader, into: &submission)
        if let failure = reader.readError {
            throw InputError(
                "\(path): reading stopped part-way: \(failure)",
                hint: "Check the file is a saved CSV file on a working disk.")
        }
        return submission
    }

    /// Only regular files are read: a pipe or a device would block or never end.
    package static func requireRegularFile(_ path: String) throws {
        let attributes: [FileAttributeKey: Any]
        do {
            // Of what a link leads to (where a workspace's links may lead is `Workspace`'s rule).
            attributes = try FileManager.default.attributesOfItem(
                atPath: URL(fileURLWithPath: path).resolvingSymlinksInPath().path)
        } catch {
            throw InputError(
                "\(path): cannot be read: \(error.localizedDescription)", hint: "Check the file's permissions.")
        }
        guard attributes[.type] as? FileAttributeType == .typeRegular else {
            throw InputError(
                "\(path): not a regular file (a pipe, a device or a socket)", hint: "Give a saved .csv file.")
        }
    }

    /// Reads bytes in memory as if they were the file `path` (tests, fuzzing).
    public func read(bytes: [UInt8], path: String) -> Submission {
        var submission = Submission(path: path, department: nil)
        identifyDepartment(&submission)
        guard let delimiter = sniff(Array(bytes.prefix(4096)), &submission) else { return submission }
        read(CSVReader(bytes: bytes, delimiter: delimiter), into: &submission)
        return submission
    }

    private func report(
        _ s: inout Submission, _ code: DiagnosticCode, _ message: String, line: Int = 0, column: Int = 0,
        hint: String? = nil
    ) {
        s.diagnostics.append(
            Diagnostic(code, message, at: SourceLocation(file: s.path, line: line, column: column), hint: hint))
    }

    private func identifyDepartment(_ s: inout Submission) {
        let stem = URL(fileURLWithPath: s.path).deletingPathExtension().lastPathComponent
        let id = stem.lowercased()
        if catalog.departments[id] != nil {
            s.department = id
        } else {
            let suggestion = Suggest.nearest(id, in: catalog.departments.keys)
            report(
                &s, .unknownDepartmentFile,
                "'\(stem)' is not a department id, so the file's rows cannot be checked against a department",
                hint: (suggestion.map { "Did you mean \($0).csv? " } ?? "")
                    + "Name the file after its department (see `cityind catalog --departments`).")
        }
    }

    private func report(
        _ s: inout Submission, _ code: DiagnosticCode, _ message: String, hint: String?, severity: Severity
    ) {
        s.diagnostics.append(
            Diagnostic(code, message, at: SourceLocation(file: s.path), hint: hint, severity: severity))
    }

    /// Checks encoding and finds the delimiter from the first bytes; nil when the file is unreadable as CSV.
    private func sniff(_ head: [UInt8], _ s: inout Submission) -> UInt8? {
        let (delimiter, problems) = FileSniff.sniff(
            head, path: s.path, emptyHint: "Fill in the template from `cityind templates` and save it as CSV.")
        s.diagnostics += problems
        return delimiter
    }

    /// Reads the header and every data row, then reports the tokenizer's problems; diagnostics end
    /// sorted by location.
    private func read(_ reader: CSVReader, into s: inout Submission) {
        guard let header = reader.next() else {
            report(
                &s, .emptyFile, "the file has no header row",
                hint: "The first row must be: element,value,unit,source,notes")
            return
        }
        let columns = readColumns(header, into: &s)
        let missing = ["element", "value"].filter { columns[$0] == nil }
        if !missing.isEmpty {
            report(
                &s, .missingColumn, "the header has no \(missing.map { "'\($0)'" }.joined(separator: " or ")) column",
                line: header.line, column: 1,
                hint: "The first row must name the columns: element,value,unit,source,notes")
        }
        var firstLine: [String: Int] = [:]
        while let record = reader.next() {
            if record.isBlank {
                s.blankLines += 1
                continue
            }
            if !missing.isEmpty {
                s.rows.append(
                    SubmissionRow(
                        line: record.line,
                        outcome: .rejected(
                            element: nil, reason: "the header lacks the \(missing.joined(separator: " and ")) column")))
                continue
            }
            readRow(record, header: header, columns: columns, firstLine: &firstLine, into: &s)
        }
        reportTokenizerProblems(reader.problems, into: &s)
        if s.rows.isEmpty && missing.isEmpty {
            report(
                &s, .emptyFile, "the file has a header but no data rows",
                hint: "Fill in one row per element; `cityind templates` writes the list.", severity: .warning)
        }
        s.diagnostics = s.diagnostics.sortedByLocation()
    }

    /// The index of each column by its lower-case name; reports header cells that are not UTF-8,
    /// repeated names (the first is kept) and names that are not columns of a submission.
    private func readColumns(_ header: CSVRecord, into s: inout Submission) -> [String: Int] {
        var columns: [String: Int] = [:]
        for (index, cell) in header.cells.enumerated() {
            guard let raw = cell.text else {
                report(
                    &s, .encoding, "the header is not UTF-8 text", line: cell.line, column: cell.column,
                    hint: "Re-save the file as UTF-8.")
                continue
            }
            let name = raw.trimmedSpaces.lowercased()
            if name.isEmpty { continue }
            if let first = columns[name] {
                report(
                    &s, .duplicateColumn,
                    "column '\(name)' appears twice (first at column \(header.cells[first].column))", line: cell.line,
                    column: cell.column, hint: "Remove or rename one of them.")
                continue
            }
            columns[name] = index
            if !SubmissionReader.knownColumns.contains(name) && !SubmissionReader.guidanceColumns.contains(name) {
                let suggestion = Suggest.nearest(name, in: SubmissionReader.knownColumns)
                report(
                    &s, .unknownColumn, "column '\(raw)' is not used and will be ignored", line: cell.line,
                    column: cell.column,
                    hint: (suggestion.map { "Did you mean '\($0)'? " } ?? "")
                        + "The columns are: \(SubmissionReader.knownColumns.joined(separator: ", ")).")
            }
        }
        return columns
    }

    /// Reports what the CSV tokenizer found wrong: an unclosed quote, a stray quote, a NUL byte.
    private func reportTokenizerProblems(_ problems: [CSVProblem], into s: inout Submission) {
        for problem in problems {
            switch problem.kind {
            case .unterminatedQuote:
                report(
                    &s, .unterminatedQuote, "a quoted cell is never closed; the rest of the file was read into it",
                    line: problem.line, column: problem.column,
                    hint: "Close the quote. Inside a quoted cell, write a quote as two: \"\"")
            case .quoteInUnquotedField:
                report(
                    &s, .quoteInUnquotedField, "a '\"' inside a cell that is not quoted", line: problem.line,
                    column: problem.column, hint: "Quote the whole cell and double the inner quote: \"12\"\" pipe\"")
            case .nulByte:
                report(
                    &s, .binaryContent, "a NUL byte in the text", line: problem.line, column: problem.column,
                    hint: "Re-export the sheet as CSV UTF-8.")
            }
        }
    }
}
