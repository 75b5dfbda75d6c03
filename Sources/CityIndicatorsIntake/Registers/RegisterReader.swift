import CityIndicatorsBase
import CityIndicatorsCatalog
import Foundation

/// An element derived from a register: its value and the records behind it.
public struct DerivedValue: Sendable, Codable {
    public var element: String
    public var derivation: String
    /// In the element's unit; nil when it cannot be computed (`reason` says why).
    public var value: Double?
    /// Accepted records the filter matched.
    public var matched: Int
    /// Of those, records with a value in the aggregated column.
    public var valued: Int
    public var reason: String?
    /// False when the derivation could not run at all (its filter needs `{year}` outside a year
    /// folder, or the file lacks a column it reads; the latter is also a V003 error).
    public var ran: Bool
}

/// A record the register reader rejected, with its first reason.
public struct RejectedRecord: Sendable, Codable {
    public var line: Int
    public var reason: String
}

/// What reading one register file gave.
public struct RegisterResult: Sendable {
    public var path: String
    public var register: String
    public var year: Int?
    public var records = 0
    public var accepted = 0
    public var rejected = 0
    public var blankLines = 0
    /// The problems listed (at most `maxListed`, in file order) and notes of how many more.
    public var diagnostics: [Diagnostic] = []
    /// Every problem counted, by code, listed or not.
    public var problemCounts: [String: Int] = [:]
    public var derived: [DerivedValue] = []
    /// The first rejected records (at most 20 per thread), for `explain`.
    public var rejectedSamples: [RejectedRecord] = []
    public var bytes = 0
    /// Threads that scanned the file.
    public var threads = 1
    /// The largest read buffer of any thread, in bytes: the reader's memory does not grow with
    /// the file.
    public var largestBuffer = 0

    /// Errors and warnings in all, listed or not.
    public var errors = 0
    public var warnings = 0

    /// Lists and counts a problem of the file as a whole (header, encoding, a fatal read).
    mutating func add(_ d: Diagnostic) {
        diagnostics.append(d)
        problemCounts[d.code.rawValue, default: 0] += 1
    }
}

/// Reads a register file: header, then every record checked and derived, on all cores for large
/// files (docs/registers.md, docs/performance.md).
public struct RegisterReader {
    public struct Options: Sendable {
        public var bufferSize = 4 << 20
        public var maxRecordBytes = 64 << 20
        public var threads = ProcessInfo.processInfo.activeProcessorCount
        /// Files smaller than this per thread are read by one thread.
        public var minBytesPerThread = 1 << 20
        public var maxListed = 1000
        public init() {}
    }

    public let catalog: Catalog
    public var options: Options

    public init(catalog: Catalog, options: Options = Options()) {
        self.catalog = catalog
        self.options = options
    }

    /// The register a file is, by its name (`2024/fire_calls.csv` → fire_calls).
    public static func register(for path: String, in catalog: Catalog) -> Register? {
        let stem = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent.lowercased()
        return catalog.registers[stem]
    }

    /// The reporting year of a file in a year folder (`my-city/2024/x.csv` → 2024).
    public static func year(of path: String) -> Int? {
        Workspace.year(named: URL(fileURLWithPath: path).deletingLastPathComponent().lastPathComponent)
    }

    /// Reads a register. Throws `InputError` only when the file cannot be opened.
    public func read(path: String, register: Register, year: Int?) throws -> RegisterResult {
        try SubmissionReader.requireRegularFile(path)  // before opening: a pipe would block
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else {
            throw InputError(
                "\(path): cannot be read (\(String(cString: strerror(errno))))",
                hint: "Check the path and the file's permissions.")
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
            throw InputError("\(path): not a regular file", hint: "Give the register's .csv file.")
        }
        let size = Int(info.st_size)
        var result = RegisterResult(path: path, register: register.id, year: year)
        result.bytes = size
        func fileProblem(_ code: DiagnosticCode, _ message: String, line: Int = 0, column: Int = 0, hint: String?) {
            result.add(
                Diagnostic(code, message, at: SourceLocation(file: path, line: line, column: column), hint: hint))
        }
        // The head: encoding, delimiter, header.
        var head = [UInt8](repeating: 0, count: min(size, 1 << 16))
        let got = head.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, 0) }
        if got < head.count { head = Array(head.prefix(max(0, got))) }
        let emptyHint = "Export the register with its header row: \(register.fields.map(\.name).joined(separator: ","))"
        let (sniffed, problems) = FileSniff.sniff(head, path: path, emptyHint: emptyHint)
        for d in problems { result.add(d) }
        guard let delimiter = sniffed else { return result }
        var start = head.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        if start == head.count {
            fileProblem(.emptyFile, "the file is empty", hint: emptyHint)
            return result
        }
        // The header ends at LF, CRLF or a lone CR, as every record does.
        let lineEnd = head[start...].firstIndex { $0 == 10 || $0 == 13 }
        guard let newline = lineEnd ?? (size == head.count ? head.count : nil) else {
            fileProblem(
                .missingColumn, "the header row is longer than 64 KB", line: 1, column: 1,
                hint: "The first row must be the column names.")
            return result
        }
        let headerBytes = Array(head[start..<newline])
        let crlf = newline + 1 < head.count && head[newline] == 13 && head[newline + 1] == 10
        guard String(validating: headerBytes, as: UTF8.self) != nil else {
            fileProblem(
                .encoding, "the header row is not UTF-8 text", line: 1, column: 1,
                hint: "Re-save the file as UTF-8. " + FileSniff.saveAs)
            return result
        }
        // The header through the one CSV tokenizer: quoted names and delimiters inside quotes.
        let headerCells = CSVReader(bytes: headerBytes, delimiter: delimiter).next()?.cells ?? []
        let header = headerCells.map { String(decoding: $0.bytes, as: UTF8.self).trimmingCharacters(in: .whitespaces) }
        checkHeader(
            header, headerBytes: headerBytes, delimiter: delimiter, register: register, path: path, into: &result)
        start = newline + (crlf ? 2 : 1)

        let plan = RegisterPlan(register: register, header: header, delimiter: delimiter, year: year, catalog: catalog)
        let program = FilterProgram(plan.derivations.map(\.filter))
        let dataBytes = max(0, size - start)
        let threads = max(1, min(options.threads, dataBytes / max(1, options.minBytesPerThread)))
        var scanners = scan(
            plan: plan, program: program, fd: fd, from: start, size: size, threads: threads, optimistic: threads > 1)
        if !consistent(scanners) {
            // A quoted line break fooled a split, or a key repeats: read again on one thread,
            // checking each key at its record, which is always right.
            scanners = scan(
                plan: plan, program: program, fd: fd, from: start, size: size, threads: 1, optimistic: false)
            _ = consistent(scanners)
        }
        result.threads = scanners.count
        merge(scanners, plan: plan, firstLine: 2, into: &result)
        return result
    }

    private func checkHeader(
        _ header: [String], headerBytes: [UInt8], delimiter: UInt8, register: Register, path: String,
        into result: inout RegisterResult
    ) {
        var columnOf: [String: Int] = [:]
        // Character column of each header cell.
        var columns: [Int] = [1]
        var chars = 1
        for b in headerBytes {
            if b & 0xC0 != 0x80 { chars += 1 }
            if b == delimiter { columns.append(chars) }
        }
        func add(_ code: DiagnosticCode, _ message: String, column: Int, hint: String?, severity: Severity? = nil) {
            result.add(
                Diagnostic(
                    code, message, at: SourceLocation(file: path, line: 1, column: column), hint: hint,
                    severity: severity))
        }
        let used = Set(
            register.derivations.flatMap { ($0.column.map { [$0] } ?? []) + ($0.condition?.columns ?? []) }
                + register.primaryKey)
        for (j, name) in header.enumerated() {
            let col = j < columns.count ? columns[j] : 1
            if let first = columnOf[name] {
                add(
                    .duplicateColumn, "column '\(name)' appears twice (first at column \(columns[first]))", column: col,
                    hint: "Remove or rename one; the first is used.")
                continue
            }
            columnOf[name] = j
            if register.field(name) == nil {
                add(
                    .unknownColumn, "column '\(name)' is not in the \(register.id) register; it is ignored",
                    column: col,
                    hint: Suggest.nearest(name, in: register.fields.map(\.name)).map { "Did you mean '\($0)'?" }
                        ?? "Columns: \(register.fields.map(\.name).joined(separator: ", ")).")
            }
        }
        for field in register.fields where columnOf[field.name] == nil {
            let needed = field.required || used.contains(field.name)
            add(
                .missingColumn, "the header has no column '\(field.name)'\(needed ? "" : "; its checks are skipped")",
                column: 0,
                hint:
                    "The \(register.id) register's columns are: \(register.fields.map(\.name).joined(separator: ",")).",
                severity: needed ? .error : .warning)
        }
    }

    private func scan(
        plan: RegisterPlan, program: FilterProgram, fd: Int32, from start: Int, size: Int, threads: Int,
        optimistic: Bool
    ) -> [RegisterScanner] {
        let scanners = (0..<threads).map { _ in
            RegisterScanner(
                plan: plan, program: program, fd: fd, bufferSize: options.bufferSize,
                maxRecordBytes: options.maxRecordBytes, maxListed: options.maxListed, optimistic: optimistic)
        }
        let share = (size - start) / threads
        let box = ScannerBox(scanners)
        DispatchQueue.concurrentPerform(iterations: threads) { k in
            let from = start + k * share
            let to = k == threads - 1 ? size : start + (k + 1) * share
            box.scanners[k].scan(start: from, end: to, fileSize: size, align: k > 0)
        }
        return scanners
    }

    /// True when each share began where the previous one stopped, and no unique value or key
    /// repeats across shares (then the sets are merged into the first share's).
    private func consistent(_ scanners: [RegisterScanner]) -> Bool {
        if scanners.contains(where: \.sawDuplicate) { return false }
        guard scanners.count > 1 else { return true }
        for k in 1..<scanners.count where scanners[k].firstRecordOffset != scanners[k - 1].stopOffset {
            return false
        }
        // Sets are compared by probing, without building their union (memory stays two halves).
        for (k, other) in scanners.enumerated() {
            for earlier in scanners[..<k] {
                for (u, set) in other.uniqueSets.enumerated() where earlier.uniqueSets[u].common(with: set) > 0 {
                    return false
                }
                if let keys = other.keySet, let earlierKeys = earlier.keySet, earlierKeys.common(with: keys) > 0 {
                    return false
                }
            }
        }
        return true
    }

    /// Distinct values over all shares: each share's count less the values an earlier share had.
    private func distinctCount(_ scanners: [RegisterScanner], _ derivation: Int) -> Int {
        let sets = scanners.compactMap { $0.distinct[derivation] }
        guard let first = sets.first else { return 0 }
        if sets.count == 1 { return first.count }
        if sets.count == 2 { return first.count + sets[1].count - first.common(with: sets[1]) }
        let union = HashSet64(capacity: first.count * 2)
        defer { union.deallocate() }
        var total = 0
        for set in sets {
            total += set.count - union.common(with: set)
            set.forEachValue { _ = union.insert($0) }
        }
        return total
    }

    /// Makes one result of the shares: counts added up, problems listed with absolute lines, the
    /// derived values computed over all shares.
    private func merge(
        _ scanners: [RegisterScanner], plan: RegisterPlan, firstLine: Int, into result: inout RegisterResult
    ) {
        var listed: [Diagnostic] = []
        let accumulators = addUpShares(scanners, plan: plan, firstLine: firstLine, listed: &listed, into: &result)
        listProblems(listed, scanners: scanners, into: &result)
        if result.rejectedSamples.count > 20 { result.rejectedSamples = Array(result.rejectedSamples.prefix(20)) }
        for k in plan.derivations.indices {
            result.derived.append(
                derivedValue(of: k, accumulators[k], plan: plan, scanners: scanners, result: result))
        }
    }

    /// Adds the shares' counts, fatal read errors and rejected samples to `result` and their record
    /// problems to `listed`, each line made absolute (the shares count lines from their start);
    /// returns each derivation's accumulator over all shares.
    private func addUpShares(
        _ scanners: [RegisterScanner], plan: RegisterPlan, firstLine: Int, listed: inout [Diagnostic],
        into result: inout RegisterResult
    ) -> [RegisterScanner.Accumulator] {
        var base = firstLine
        var accumulators = [RegisterScanner.Accumulator](repeating: .init(), count: plan.derivations.count)
        for s in scanners {
            if let fatal = s.fatal {
                result.add(
                    Diagnostic(
                        .unterminatedQuote, "the file cannot be read past here: \(fatal)",
                        at: SourceLocation(file: result.path, line: base + s.lines),
                        hint: "Check for a double quote that is never closed."))
            }
            result.records += s.records
            result.accepted += s.accepted
            result.rejected += s.rejected
            result.blankLines += s.blankLines
            result.largestBuffer = max(result.largestBuffer, s.largestBuffer)
            for (code, n) in s.counts { result.problemCounts[code.rawValue, default: 0] += n }
            for p in s.listed {
                listed.append(
                    Diagnostic(
                        p.code, p.message, at: SourceLocation(file: result.path, line: base + p.line, column: p.column),
                        hint: p.hint))
            }
            for r in s.rejectedSamples {
                result.rejectedSamples.append(RejectedRecord(line: base + r.line, reason: r.reason))
            }
            for k in 0..<plan.derivations.count { accumulators[k].merge(s.accumulators[k]) }
            base += s.lines
        }
        return accumulators
    }

    /// Lists the header and file problems all, the record problems in file order up to
    /// `maxListed`, and a note of how many more of each code are counted but not listed; counts
    /// the errors and warnings, listed or not.
    private func listProblems(_ listed: [Diagnostic], scanners: [RegisterScanner], into result: inout RegisterResult) {
        let listed = listed.sortedByLocation()
        let limit = options.maxListed
        var shown: [String: Int] = [:]
        for d in result.diagnostics {
            shown[d.code.rawValue, default: 0] += 1
            if d.severity == .error { result.errors += 1 } else if d.severity == .warning { result.warnings += 1 }
        }
        for s in scanners {
            for (code, n) in s.counts {
                if code.severity == .error {
                    result.errors += n
                } else if code.severity == .warning {
                    result.warnings += n
                }
            }
        }
        for d in listed.prefix(limit) { shown[d.code.rawValue, default: 0] += 1 }
        result.diagnostics += listed.prefix(limit)
        for (code, n) in result.problemCounts.sorted(by: { $0.key < $1.key }) {
            let more = n - (shown[code] ?? 0)
            guard more > 0, let c = DiagnosticCode(rawValue: code) else { continue }
            result.diagnostics.append(
                Diagnostic(
                    c,
                    "\(Format.grouped(more)) more \(code) problem(s) (\(c.title.lowercased())) are counted but not listed",
                    at: SourceLocation(file: result.path),
                    hint: "The first \(limit) problems of a file are listed; fix them and validate again.",
                    severity: .info))
        }
    }

    /// The value of derivation `k` from its accumulator over all shares, or the reason it has
    /// none: it cannot run, the register has no accepted records, the file lacks a column it
    /// reads, or no matching record has a value. An empty register never derives 0.
    private func derivedValue(
        of k: Int, _ a: RegisterScanner.Accumulator, plan: RegisterPlan, scanners: [RegisterScanner],
        result: RegisterResult
    ) -> DerivedValue {
        let d = plan.derivations[k]
        var value: Double?
        var reason: String?
        var ran = false
        if let unavailable = d.unavailable {
            reason = unavailable
        } else if result.accepted == 0 {
            // An empty register is no evidence of zero: never derive 0 from nothing.
            reason = result.records == 0 ? "the register has no records" : "the register has no accepted records"
        } else if let missing = ([d.derivation.column].compactMap { $0 } + (d.derivation.condition?.columns ?? []))
            .first(where: { name in plan.columnOfField[plan.fields.firstIndex { $0.name == name }!] < 0 })
        {
            reason = "the file has no column '\(missing)'"
        } else {
            ran = true
            switch d.aggregate {
            case .count: value = Double(d.field >= 0 ? a.valued : a.matched)
            case .countDistinct: value = Double(distinctCount(scanners, k))
            case .sum: value = a.total * d.factor
            case .mean: value = a.valued > 0 ? a.total / Double(a.valued) * d.factor : nil
            case .min: value = a.valued > 0 ? a.minimum * d.factor : nil
            case .max: value = a.valued > 0 ? a.maximum * d.factor : nil
            }
            if value == nil {
                reason =
                    a.matched == 0
                    ? "no accepted record matches the filter"
                    : "none of the \(a.matched) matching records has a '\(d.derivation.column ?? "")' value"
            }
        }
        return DerivedValue(
            element: d.derivation.element, derivation: d.derivation.source, value: value, matched: a.matched,
            valued: a.valued, reason: reason, ran: ran)
    }
}

/// Hands the scanners to the worker threads (each thread touches only its own).
private final class ScannerBox: @unchecked Sendable {
    let scanners: [RegisterScanner]
    init(_ s: [RegisterScanner]) { scanners = s }
}
