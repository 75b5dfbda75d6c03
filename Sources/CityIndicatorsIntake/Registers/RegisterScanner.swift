import CityIndicatorsBase
import CityIndicatorsCatalog
import Foundation

/// One thread's share of a register: reads its byte range with `pread` into a fixed buffer,
/// splits records without making Strings, checks every cell against the schema and feeds the
/// accepted records to the derivations. Lines are counted from the start of the range and made
/// absolute when the shares are merged (`RegisterReader`).
final class RegisterScanner {
    struct Accumulator {
        var matched = 0
        var valued = 0
        var sum = 0.0
        var compensation = 0.0
        var minimum = Double.infinity
        var maximum = -Double.infinity

        @inline(__always)
        mutating func add(_ v: Double) {
            valued += 1
            // Neumaier summation: sums of many decimals stay exact to the last digit shown.
            let t = sum + v
            if abs(sum) >= abs(v) { compensation += (sum - t) + v } else { compensation += (v - t) + sum }
            sum = t
            if v < minimum { minimum = v }
            if v > maximum { maximum = v }
        }

        mutating func merge(_ o: Accumulator) {
            matched += o.matched
            valued += o.valued
            let t = sum + o.sum
            if abs(sum) >= abs(o.sum) { compensation += (sum - t) + o.sum } else { compensation += (o.sum - t) + sum }
            sum = t
            compensation += o.compensation
            minimum = Swift.min(minimum, o.minimum)
            maximum = Swift.max(maximum, o.maximum)
        }

        var total: Double { sum + compensation }
    }

    /// A problem found while scanning, with a line relative to the start of the range.
    struct Pending {
        var code: DiagnosticCode
        var message: String
        var hint: String?
        var line: Int
        var column: Int
    }

    let plan: RegisterPlan
    let program: FilterProgram
    let fd: Int32
    let maxListed: Int
    private(set) var buffer: UnsafeMutablePointer<UInt8>
    private(set) var capacity: Int
    let maxRecordBytes: Int
    /// The largest the buffer grew to (the reader's memory bound, asserted by tests).
    private(set) var largestBuffer: Int

    // Results of the range.
    var records = 0
    var accepted = 0
    var rejected = 0
    var blankLines = 0
    /// Newlines consumed, from the first record of the range to `stopOffset`.
    var lines = 0
    var listed: [Pending] = []
    var counts: [DiagnosticCode: Int] = [:]
    var rejectedSamples: [(line: Int, reason: String)] = []
    let uniqueSets: [HashSet64]
    let keySet: HashSet64?
    var accumulators: UnsafeMutablePointer<Accumulator>
    let distinct: [HashSet64?]
    /// Where the first record of the range starts, and where the next range must start.
    var firstRecordOffset = 0
    var stopOffset = 0
    /// A record too long for the largest buffer, or a read error: the file cannot be read on.
    var fatal: String?

    private let cells: Int
    private let columnCount: Int
    private let delimiter: UInt8
    private let cellStart: UnsafeMutablePointer<Int>
    private let cellEnd: UnsafeMutablePointer<Int>
    private let cellFlags: UnsafeMutablePointer<UInt8>  // 1 quoted, 2 has "" escapes, 4 stray quote
    private let values: RecordValues
    private var scratch: UnsafeMutablePointer<UInt8>
    private var scratchCapacity = 256
    /// Bytes of `scratch` holding the current record's unescaped cells.
    private var scratchUsed = 0

    /// What the per-record loop needs of a field, as plain values (no reference counting).
    struct FieldSpec {
        var type: RegisterField.FieldType
        var column: Int
        var required: Bool
        var hasEnum: Bool
        var checksText: Bool
        var minimum: Double
        var maximum: Double
        /// Text enum values: `enumCount` (offset, length) pairs from `enumFirst` in `enumSpans`.
        var enumFirst: Int
        var enumCount: Int
        /// A fixed-length pattern's byte sets (4 words per position), or nil.
        var fixedPattern: UnsafeMutablePointer<UInt64>?
        var fixedPositions: Int
        /// Index into the unique sets, or -1.
        var unique: Int
    }
    private let enumBytes: UnsafeMutablePointer<UInt8>
    private let enumSpans: UnsafeMutablePointer<Int>
    private let uniquePointers: UnsafeMutablePointer<HashSet64>
    private let distinctPointers: UnsafeMutablePointer<HashSet64?>
    private let keyFields: UnsafeMutablePointer<Int>
    private let keyCount: Int
    private let instructions: UnsafeMutablePointer<FilterInstruction>
    /// With several threads, unique values are checked in batches and a repeat only noted
    /// (`sawDuplicate`): the reader then reads the file again on one thread, non-optimistic,
    /// which rejects and lists each repeat at its record. Repeated keys are errors, so only files
    /// with errors pay for the second read.
    let optimistic: Bool
    private(set) var sawDuplicate = false
    /// Where the prefetching loads go, so the compiler keeps them.
    private var touched: UInt64 = 0
    static let batchSize = 256
    private let pending: UnsafeMutablePointer<UInt64>
    private let pendingCount: UnsafeMutablePointer<Int>
    private let literals: UnsafeMutablePointer<UInt8>
    private let specs: UnsafeMutablePointer<FieldSpec>
    private let fieldCount: Int
    private let derivationSpecs: UnsafeMutablePointer<DerivationSpec>
    private let derivationCount: Int
    /// This record's filter results, by derivation.
    private let filterResults: UnsafeMutablePointer<Bool>

    init(
        plan: RegisterPlan, program: FilterProgram, fd: Int32, bufferSize: Int, maxRecordBytes: Int, maxListed: Int,
        optimistic: Bool
    ) {
        self.optimistic = optimistic
        pending = .allocate(capacity: (plan.uniqueFields.count + 1) * RegisterScanner.batchSize)
        pendingCount = .allocate(capacity: plan.uniqueFields.count + 1)
        pendingCount.initialize(repeating: 0, count: plan.uniqueFields.count + 1)
        self.plan = plan
        self.program = program
        self.fd = fd
        self.maxListed = maxListed
        capacity = max(64, bufferSize)
        largestBuffer = capacity
        self.maxRecordBytes = max(capacity, maxRecordBytes)
        buffer = .allocate(capacity: capacity)
        cells = plan.columnCount + 1
        columnCount = plan.columnCount
        delimiter = plan.delimiter
        cellStart = .allocate(capacity: cells)
        cellEnd = .allocate(capacity: cells)
        cellFlags = .allocate(capacity: cells)
        values = RecordValues(fields: plan.fields.count)
        uniqueSets = plan.uniqueFields.map { _ in HashSet64() }
        // A one-column key that is also `unique` needs one set, not two.
        let keyIsUnique = plan.primaryKey.count == 1 && plan.uniqueFields.contains(plan.primaryKey[0])
        keySet = plan.primaryKey.isEmpty || keyIsUnique ? nil : HashSet64()
        accumulators = .allocate(capacity: max(1, plan.derivations.count))
        accumulators.initialize(repeating: Accumulator(), count: max(1, plan.derivations.count))
        distinct = plan.derivations.map { $0.aggregate == .countDistinct ? HashSet64() : nil }
        scratch = .allocate(capacity: scratchCapacity)
        fieldCount = plan.fields.count
        (specs, enumBytes, enumSpans) = RegisterScanner.makeFieldSpecs(of: plan)
        uniquePointers = .allocate(capacity: max(1, uniqueSets.count))
        uniquePointers.initialize(from: uniqueSets, count: uniqueSets.count)
        distinctPointers = .allocate(capacity: max(1, distinct.count))
        distinctPointers.initialize(from: distinct, count: distinct.count)
        keyCount = plan.primaryKey.count
        keyFields = .allocate(capacity: max(1, keyCount))
        keyFields.initialize(from: plan.primaryKey, count: keyCount)
        instructions = program.instructions
        literals = program.literals
        derivationCount = plan.derivations.count
        filterResults = .allocate(capacity: max(1, derivationCount))
        filterResults.initialize(repeating: false, count: max(1, derivationCount))
        derivationSpecs = RegisterScanner.makeDerivationSpecs(of: plan, program: program)
    }

    /// The per-field specs of the record loop, and the text enum values of all fields in one byte
    /// arena (`enumBytes`), found by (offset, length) pairs (`enumSpans`). Called once per scanner.
    @inline(__always)
    private static func makeFieldSpecs(
        of plan: RegisterPlan
    ) -> (
        specs: UnsafeMutablePointer<FieldSpec>, enumBytes: UnsafeMutablePointer<UInt8>,
        enumSpans: UnsafeMutablePointer<Int>
    ) {
        let specs = UnsafeMutablePointer<FieldSpec>.allocate(capacity: max(1, plan.fields.count))
        var arena: [UInt8] = []
        var spans: [Int] = []
        for (i, f) in plan.fields.enumerated() {
            let first = spans.count / 2
            if f.type == .string {
                for v in plan.enumBytes[i] {
                    spans += [arena.count, v.count]
                    arena += v
                }
            }
            var fixed: UnsafeMutablePointer<UInt64>?
            var positions = 0
            if let sets = f.pattern?.fixed {
                let copy = UnsafeMutablePointer<UInt64>.allocate(capacity: max(1, sets.count))
                copy.initialize(from: sets, count: sets.count)
                fixed = copy
                positions = sets.count / 4
            }
            specs[i] = FieldSpec(
                type: f.type, column: plan.columnOfField[i], required: f.required || plan.primaryKey.contains(i),
                hasEnum: f.enumValues != nil,
                checksText: (f.pattern != nil && fixed == nil) || f.minLength != nil || f.maxLength != nil,
                minimum: f.minimum ?? -.infinity, maximum: f.maximum ?? .infinity,
                enumFirst: first, enumCount: spans.count / 2 - first, fixedPattern: fixed, fixedPositions: positions,
                unique: plan.uniqueFields.firstIndex(of: i) ?? -1)
        }
        let enumBytes = UnsafeMutablePointer<UInt8>.allocate(capacity: max(1, arena.count))
        enumBytes.initialize(from: arena, count: arena.count)
        let enumSpans = UnsafeMutablePointer<Int>.allocate(capacity: max(1, spans.count))
        enumSpans.initialize(from: spans, count: spans.count)
        return (specs, enumBytes, enumSpans)
    }

    /// What the record loop needs of each derivation; a derivation reuses the filter result of an
    /// earlier one with the same filter. Called once per scanner.
    @inline(__always)
    private static func makeDerivationSpecs(
        of plan: RegisterPlan, program: FilterProgram
    ) -> UnsafeMutablePointer<DerivationSpec> {
        let specs = UnsafeMutablePointer<DerivationSpec>.allocate(capacity: max(1, plan.derivations.count))
        for (k, d) in plan.derivations.enumerated() {
            let same = program.sameFilterAs[k]
            specs[k] = DerivationSpec(
                aggregate: d.aggregate, field: d.field, active: d.unavailable == nil, range: program.ranges[k],
                reuse: same != k && plan.derivations[same].unavailable == nil ? same : -1)
        }
        return specs
    }

    deinit {
        buffer.deallocate()
        cellStart.deallocate()
        cellEnd.deallocate()
        cellFlags.deallocate()
        values.deallocate()
        accumulators.deallocate()
        scratch.deallocate()
        for i in 0..<fieldCount { specs[i].fixedPattern?.deallocate() }
        specs.deallocate()
        derivationSpecs.deallocate()
        filterResults.deallocate()
        enumBytes.deallocate()
        enumSpans.deallocate()
        uniquePointers.deallocate()
        distinctPointers.deallocate()
        keyFields.deallocate()
        for set in uniqueSets { set.deallocate() }
        pending.deallocate()
        pendingCount.deallocate()
        keySet?.deallocate()
        for set in distinct { set?.deallocate() }
    }

    // MARK: Reading

    /// Scans the records that start in `[start, end)`. With `align`, `start` may fall inside a
    /// record: scanning begins after the next line end (the previous range finishes that record).
    func scan(start: Int, end: Int, fileSize: Int, align: Bool) {
        var base = align ? start - 1 : start  // file offset of buffer[0]
        var filled = 0
        var pos = 0
        var eof = false
        func fill() -> Bool {
            if pos > 0 {
                if filled > pos { memmove(buffer, buffer + pos, filled - pos) }
                base += pos
                filled -= pos
                pos = 0
            } else if filled == capacity {
                guard capacity < maxRecordBytes else {
                    fatal = "a record is longer than \(maxRecordBytes / (1 << 20)) MB (an unclosed quote?)"
                    return false
                }
                let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: min(maxRecordBytes, capacity * 2))
                bigger.update(from: buffer, count: filled)
                buffer.deallocate()
                buffer = bigger
                capacity = min(maxRecordBytes, capacity * 2)
                largestBuffer = max(largestBuffer, capacity)
            }
            let n = pread(fd, buffer + filled, capacity - filled, off_t(base + filled))
            if n < 0 {
                fatal = "reading failed: \(String(cString: strerror(errno)))"
                return false
            }
            if n == 0 { eof = true }
            filled += n
            return true
        }
        if align {
            // Skip to just after the first line end at or after start - 1.
            while true {
                if pos >= filled {
                    if eof { break }
                    if !fill() { return }
                    continue
                }
                if buffer[pos] == 10 {
                    pos += 1
                    break
                }
                pos += 1
            }
        }
        firstRecordOffset = base + pos
        while true {
            let recordOffset = base + pos
            if recordOffset >= end || (eof && pos >= filled) {
                stopOffset = min(recordOffset, fileSize)
                flushAll()
                return
            }
            let next = parseRecord(pos, filled, eof)
            if next < 0 {
                if !fill() {
                    stopOffset = fileSize
                    flushAll()
                    return
                }
                continue
            }
            process(recordStart: pos, recordEnd: next)
            pos = next
            if records == 4096 {
                // Size the key sets once for the whole range, from the records' average length.
                let expected = Int(
                    Double(end - firstRecordOffset) / Double(max(1, base + pos - firstRecordOffset)) * 4096 * 1.05)
                for set in uniqueSets { set.reserve(expected) }
                keySet?.reserve(expected)
            }
        }
    }

    /// Splits the record starting at `start` into the cell arrays; returns the offset just past
    /// its line end, or -1 when the buffer ends first (more bytes are needed).
    @inline(__always)
    private func parseRecord(_ start: Int, _ limit: Int, _ eof: Bool) -> Int {
        let split = RecordSplitter.split(
            buffer, from: start, limit: limit, eof: eof, delimiter: delimiter, cells: cells, cellStart: cellStart,
            cellEnd: cellEnd, cellFlags: cellFlags)
        cellCountStorage = split.cells
        newlineStorage = split.newlines
        return split.next
    }

    private var cellCountStorage = 0
    /// Line ends inside the record just parsed, its own included.
    private var newlineStorage = 0

    // MARK: Checking a record

    /// Line (relative) and character column of a byte of the current record.
    private func position(of offset: Int, recordStart: Int) -> (line: Int, column: Int) {
        var lineStart = recordStart
        var extra = 0
        var k = recordStart
        while k < offset {
            if buffer[k] == 10 {
                extra += 1
                lineStart = k + 1
            }
            k += 1
        }
        var column = 1
        k = lineStart
        while k < offset {
            if buffer[k] & 0xC0 != 0x80 { column += 1 }
            k += 1
        }
        return (lines + extra, column)
    }

    private func cellText(_ cell: Int) -> String {
        let n = cellEnd[cell] - cellStart[cell]
        let text = String(
            decoding: UnsafeBufferPointer(start: buffer + cellStart[cell], count: min(n, 80)), as: UTF8.self)
        return n > 80 ? text + "…" : text
    }

    private var rowProblems = 0
    private var rowReason: String?

    private func report(_ code: DiagnosticCode, _ message: String, hint: String?, offset: Int, recordStart: Int) {
        counts[code, default: 0] += 1
        if code.severity == .error {
            rowProblems += 1
            if rowReason == nil { rowReason = "\(code.rawValue): \(message)" }
        }
        guard listed.count < maxListed else { return }
        let (line, column) = position(of: offset, recordStart: recordStart)
        listed.append(Pending(code: code, message: message, hint: hint, line: line, column: column))
    }

    private func process(recordStart: Int, recordEnd: Int) {
        let cellCount = cellCountStorage
        let recordNewlines = newlineStorage
        defer { lines += recordNewlines }
        // A blank line is not a record.
        if cellCount == 1, cellEnd[0] == cellStart[0], cellFlags[0] == 0 {
            blankLines += 1
            return
        }
        records += 1
        rowProblems = 0
        rowReason = nil
        if cellCount > 0, cellCount <= cells, cellFlags[cellCount - 1] & 8 != 0 {
            // A quote opened and never closed swallows the rest of the file: say that, not
            // that the record is short.
            report(
                .unterminatedQuote, "a quoted cell is not closed before the end of the file",
                hint: "Add the closing double quote; the cell runs from here to the end of the file.",
                offset: cellStart[cellCount - 1] - 1, recordStart: recordStart)
        } else if cellCount != columnCount {
            let offset =
                cellCount > columnCount
                ? cellStart[columnCount] : (cellCount > 0 ? cellEnd[cellCount - 1] : recordStart)
            report(
                .raggedRow, "the record has \(cellCount) cell(s); the header has \(plan.columnCount)",
                hint: cellCount > plan.columnCount
                    ? "A value with a comma must be in double quotes (\"Kothrud, ward 12\")."
                    : "Every record needs a cell for each column, even if blank.", offset: offset,
                recordStart: recordStart)
        } else {
            checkCells(recordStart: recordStart)
        }
        if rowProblems > 0 {
            rejected += 1
            if rejectedSamples.count < 20 { rejectedSamples.append((lines, rowReason ?? "")) }
            return
        }
        accepted += 1
        derive()
    }

    /// Checks every cell of a record that has the header's number of cells: stray quotes, blank
    /// required cells, each value against its field, then the unique values and the primary key.
    /// Fills `values` for the derivations; problems are reported (and reject the record).
    /// The per-cell helpers are `@inline(__always)`; the problem reports are `@inline(never)`:
    /// inlined too, they used up the optimizer's inlining budget and left `checkValue` a call
    /// (about 15 % more instructions per record, measured with cachegrind).
    private func checkCells(recordStart: Int) {
        // Stray quotes, and room for every cell with "" escapes: each is undone into its own part
        // of `scratch`, so the text pointers of two such cells never share bytes.
        var escaped = 0
        for c in 0..<columnCount {
            let flags = cellFlags[c]
            if flags & 4 != 0 { reportStrayQuote(c, recordStart: recordStart) }
            if flags & 2 != 0 { escaped += cellEnd[c] - cellStart[c] }
        }
        if escaped > scratchCapacity {
            scratch.deallocate()
            scratchCapacity = escaped
            scratch = .allocate(capacity: escaped)
        }
        scratchUsed = 0
        let v = values
        for i in 0..<fieldCount {
            let spec = specs[i]
            let column = spec.column
            if column < 0 {
                v.present[i] = false
                continue
            }
            let (start, n) = unescapedCell(column)
            v.text[i] = start
            v.textCount[i] = n
            if n == 0 {
                v.present[i] = false
                if spec.required { reportRequiredBlank(i, at: cellStart[column], recordStart: recordStart) }
                continue
            }
            v.present[i] = true
            checkValue(i, spec, start, n, column: column, recordStart: recordStart)
        }
        checkUniqueValues(recordStart: recordStart)
        checkPrimaryKey(recordStart: recordStart)
    }

    /// Reports a cell with a double quote inside that does not start with one.
    @inline(never)
    private func reportStrayQuote(_ column: Int, recordStart: Int) {
        report(
            .quoteInUnquotedField, "a double quote inside a cell that does not start with one",
            hint: "Put the whole cell in double quotes and double the inner quotes: \"6\"\" pipe\".",
            offset: cellStart[column], recordStart: recordStart)
    }

    /// The bytes of a cell of the current record: in the buffer, or, when the cell has ""
    /// escapes (rare), undone into the next free part of `scratch` (sized by `checkCells`).
    @inline(__always)
    private func unescapedCell(_ column: Int) -> (start: UnsafePointer<UInt8>, count: Int) {
        let start = buffer + cellStart[column]
        let n = cellEnd[column] - cellStart[column]
        guard cellFlags[column] & 2 != 0 else { return (UnsafePointer(start), n) }
        let target = scratch + scratchUsed
        var k = 0
        var m = 0
        while k < n {
            target[m] = start[k]
            m += 1
            k += start[k] == 34 && k + 1 < n && start[k + 1] == 34 ? 2 : 1
        }
        scratchUsed += m
        return (UnsafePointer(target), m)
    }

    /// Reports a blank cell of a required field (a primary key column is required).
    @inline(never)
    private func reportRequiredBlank(_ i: Int, at offset: Int, recordStart: Int) {
        let field = plan.fields[i]
        report(
            .requiredBlank, "'\(field.name)' is blank; a value is required",
            hint: "Fill in \(field.title ?? field.name) for this record.", offset: offset, recordStart: recordStart)
    }

    /// Checks a non-blank cell against its field: text against the allowed values and pattern;
    /// anything else parsed into `values` (a date with its year and month) and checked against
    /// the bounds and allowed values. A cell not of its type is reported and marked absent.
    @inline(__always)
    private func checkValue(
        _ i: Int, _ spec: FieldSpec, _ start: UnsafePointer<UInt8>, _ n: Int, column: Int, recordStart: Int
    ) {
        let v = values
        let at = cellStart[column]
        var parsed: Double?
        switch spec.type {
        case .string:
            checkTextValue(i, spec, start, n, at: at, recordStart: recordStart)
            return
        case .integer:
            if let x = CellParsers.integer(start, n) { parsed = Double(x) }
        case .number:
            parsed = CellParsers.number(start, n)
        case .year:
            if n == 4, let x = CellParsers.integer(start, n), x >= 0 { parsed = Double(x) }
        case .date:
            if let d = CellParsers.date(start, n) {
                parsed = Double(d.days)
                v.year[i] = Int32(d.year)
                v.month[i] = Int32(d.month)
            }
        case .boolean:
            if let b = CellParsers.boolean(start, n) { parsed = b ? 1 : 0 }
        }
        guard let x = parsed else {
            badType(i, start, n, at: at, recordStart: recordStart)
            return
        }
        v.number[i] = x
        if x < spec.minimum || x > spec.maximum {
            reportOutOfBounds(i, x, spec, column: column, recordStart: recordStart)
        }
        if spec.hasEnum { checkAllowedNumber(i, x, column: column, recordStart: recordStart) }
    }

    /// Checks a text cell against the field's allowed values, then its fixed-length pattern or,
    /// failing that, its pattern and length.
    @inline(__always)
    private func checkTextValue(
        _ i: Int, _ spec: FieldSpec, _ start: UnsafePointer<UInt8>, _ n: Int, at: Int, recordStart: Int
    ) {
        if spec.hasEnum && !isAllowedText(spec, start, n) {
            reportNotAllowedText(i, start, n, at: at, recordStart: recordStart)
        }
        if let sets = spec.fixedPattern, !Pattern.matchesFixed(sets, spec.fixedPositions, start, n) {
            reportFixedPatternMismatch(i, start, n, at: at, recordStart: recordStart)
        } else if spec.checksText {
            checkText(plan.fields[i], start, n, at: at, recordStart: recordStart)
        }
    }

    /// True when the bytes are one of the field's allowed text values (compared inline, without
    /// making a String).
    @inline(__always)
    private func isAllowedText(_ spec: FieldSpec, _ start: UnsafePointer<UInt8>, _ n: Int) -> Bool {
        var e = spec.enumFirst
        while e < spec.enumFirst + spec.enumCount {
            if enumSpans[2 * e + 1] == n && CellParsers.equal(enumBytes + enumSpans[2 * e], start, n) {
                return true
            }
            e += 1
        }
        return false
    }

    /// Reports a text value that is not one of the field's allowed values, with the nearest one.
    @inline(never)
    private func reportNotAllowedText(_ i: Int, _ start: UnsafePointer<UInt8>, _ n: Int, at: Int, recordStart: Int) {
        let field = plan.fields[i]
        let text = String(decoding: UnsafeBufferPointer(start: start, count: n), as: UTF8.self)
        let values = field.enumValues ?? []
        let suggestion = Suggest.nearest(text, in: values)
        report(
            .notAllowedValue, "'\(text)' is not an allowed value of '\(field.name)'",
            hint: (suggestion.map { "Did you mean '\($0)'? " } ?? "")
                + "Allowed: \(values.prefix(12).joined(separator: ", "))\(values.count > 12 ? ", …" : "").",
            offset: at, recordStart: recordStart)
    }

    /// Reports a text value that does not match the field's fixed-length pattern.
    @inline(never)
    private func reportFixedPatternMismatch(
        _ i: Int, _ start: UnsafePointer<UInt8>, _ n: Int, at: Int, recordStart: Int
    ) {
        let field = plan.fields[i]
        let text = String(decoding: UnsafeBufferPointer(start: start, count: min(n, 80)), as: UTF8.self)
        report(
            .patternMismatch,
            "'\(field.name)' is '\(text)', which does not match the pattern \(field.pattern?.source ?? "")",
            hint: RegisterScanner.formHint(field), offset: at, recordStart: recordStart)
    }

    /// Reports a parsed value below the field's minimum or above its maximum.
    @inline(never)
    private func reportOutOfBounds(_ i: Int, _ x: Double, _ spec: FieldSpec, column: Int, recordStart: Int) {
        let field = plan.fields[i]
        let below = x < spec.minimum
        report(
            .outOfBounds,
            "'\(field.name)' is \(cellText(column)), \(below ? "below the minimum" : "above the maximum") \(below ? field.minimumText ?? "" : field.maximumText ?? "")",
            hint: "Check the value\(field.unit.map { " and its unit (\($0.id))" } ?? "").",
            offset: cellStart[column], recordStart: recordStart)
    }

    /// Checks a parsed value against the field's allowed values. Out of line: it parses each
    /// allowed value's text, and the built-in registers' allowed values are all text.
    @inline(never)
    private func checkAllowedNumber(_ i: Int, _ x: Double, column: Int, recordStart: Int) {
        let allowed = plan.fields[i].enumValues ?? []
        if !allowed.contains(where: { CellParsers.number($0) == x }) {
            report(
                .notAllowedValue, "\(cellText(column)) is not an allowed value of '\(plan.fields[i].name)'",
                hint: "Allowed: \(allowed.prefix(12).joined(separator: ", ")).", offset: cellStart[column],
                recordStart: recordStart)
        }
    }

    /// Checks each unique column's value (of the cells that parsed) against earlier records'; when
    /// optimistic, only queues it (`batch`).
    @inline(__always)
    private func checkUniqueValues(recordStart: Int) {
        let v = values
        for i in 0..<fieldCount where specs[i].unique >= 0 && v.present[i] {
            if optimistic {
                batch(specs[i].unique, hashValue(i))
            } else if !uniquePointers[specs[i].unique].insert(hashValue(i)) {
                reportRepeatedValue(i, recordStart: recordStart)
            }
        }
    }

    /// Reports a unique column's value that an earlier record has.
    @inline(never)
    private func reportRepeatedValue(_ i: Int, recordStart: Int) {
        let column = plan.columnOfField[i]
        report(
            .duplicateKey, "'\(plan.fields[i].name)' \(cellText(column)) is already used by an earlier record",
            hint:
                "'\(plan.fields[i].name)' is unique: each value once. Remove the repeated record or correct its value.",
            offset: cellStart[column], recordStart: recordStart)
    }

    /// Checks the record's primary key, when all its cells parsed, against earlier records'; when
    /// optimistic, only queues it (`batch`, after the unique sets).
    @inline(__always)
    private func checkPrimaryKey(recordStart: Int) {
        let v = values
        guard let keySet, (0..<keyCount).allSatisfy({ v.present[keyFields[$0]] }) else { return }
        var h: UInt64 = 0x243F_6A88_85A3_08D3
        for k in 0..<keyCount { h = CellParsers.mix(h &* 31 &+ hashValue(keyFields[k])) }
        if optimistic {
            batch(uniqueSets.count, h)
        } else if !keySet.insert(h) {
            reportRepeatedKey(recordStart: recordStart)
        }
    }

    /// Reports a primary key that an earlier record has.
    @inline(never)
    private func reportRepeatedKey(recordStart: Int) {
        let names = plan.primaryKey.map { plan.fields[$0].name }
        let shown = plan.primaryKey.map { cellText(plan.columnOfField[$0]) }.joined(separator: ", ")
        report(
            .duplicateKey,
            "the primary key (\(names.joined(separator: ", "))) \(shown) is already used by an earlier record",
            hint: "Each record is listed once; remove the repeated record or correct its key.",
            offset: cellStart[plan.columnOfField[plan.primaryKey[0]]], recordStart: recordStart)
    }

    /// Queues a hash for its set (index `set`; the key set after the unique sets). Inserting a
    /// batch at once lets the processor overlap the cache misses of a large set, which one
    /// insert per record cannot.
    @inline(__always)
    private func batch(_ set: Int, _ h: UInt64) {
        let n = pendingCount[set]
        pending[set * RegisterScanner.batchSize + n] = h
        pendingCount[set] = n + 1
        if n + 1 == RegisterScanner.batchSize { flush(set) }
    }

    private func flush(_ set: Int) {
        let target = set < uniqueSets.count ? uniquePointers[set] : keySet!
        let base = pending + set * RegisterScanner.batchSize
        // Touch every slot first: independent loads, so their cache misses overlap (a prefetch).
        touched &+= target.touch(base, pendingCount[set])
        for k in 0..<pendingCount[set] where !target.insert(base[k]) { sawDuplicate = true }
        pendingCount[set] = 0
    }

    /// Inserts what is queued (the end of a range).
    func flushAll() {
        for set in 0..<(uniqueSets.count + 1) where pendingCount[set] > 0 { flush(set) }
    }

    /// The value of a field for sets: numbers by value (7 and 07 are the same), text by bytes.
    @inline(__always)
    private func hashValue(_ i: Int) -> UInt64 {
        let v = values
        if specs[i].type == .string {
            return CellParsers.hash(v.text[i]!, v.textCount[i])
        }
        return CellParsers.mix(v.number[i].bitPattern)
    }

    private func badType(_ i: Int, _ p: UnsafePointer<UInt8>, _ n: Int, at: Int, recordStart: Int) {
        values.present[i] = false
        let field = plan.fields[i]
        let text = String(decoding: UnsafeBufferPointer(start: p, count: min(n, 80)), as: UTF8.self)
        let spaced = n > 0 && (p[0] == 32 || p[n - 1] == 32)
        let expected: String
        var hint: String
        switch field.type {
        case .integer:
            expected = "a whole number"
            hint = "Write digits only, without spaces, grouping commas or decimals (1234)."
        case .number:
            expected = "a number"
            hint = "Write the number with '.' as the decimal point and no grouping (1234.5)."
        case .date:
            expected = "a date written YYYY-MM-DD"
            hint =
                "Write dates as 2024-09-30; a date must exist (no 31 June). In Excel, format the column as yyyy-mm-dd before saving."
        case .year:
            expected = "a four-digit year"
            hint = "Write the year as 2024."
        case .boolean:
            expected = "yes or no"
            hint = "Write true/false, yes/no or 1/0."
        case .string:
            expected = "text"
            hint = ""
        }
        if spaced { hint = "Remove the spaces around the value. " + hint }
        report(
            .notOfType, "'\(field.name)' must be \(expected); found '\(text)'", hint: hint, offset: at,
            recordStart: recordStart)
    }

    private func checkText(_ field: RegisterField, _ p: UnsafePointer<UInt8>, _ n: Int, at: Int, recordStart: Int) {
        let text = { String(decoding: UnsafeBufferPointer(start: p, count: min(n, 80)), as: UTF8.self) }
        if let pattern = field.pattern, !pattern.matches(UnsafeBufferPointer(start: p, count: n)) {
            report(
                .patternMismatch, "'\(field.name)' is '\(text())', which does not match the pattern \(pattern.source)",
                hint: RegisterScanner.formHint(field), offset: at, recordStart: recordStart)
            return
        }
        if field.minLength != nil || field.maxLength != nil {
            var characters = 0
            for k in 0..<n where p[k] & 0xC0 != 0x80 { characters += 1 }
            if let lo = field.minLength, characters < lo {
                report(
                    .patternMismatch, "'\(field.name)' has \(characters) character(s); at least \(lo) expected",
                    hint: nil, offset: at, recordStart: recordStart)
            } else if let hi = field.maxLength, characters > hi {
                report(
                    .patternMismatch, "'\(field.name)' has \(characters) character(s); at most \(hi) allowed",
                    hint: nil, offset: at, recordStart: recordStart)
            }
        }
    }

    /// "Write it in the form …", with the column's description when it has one.
    static func formHint(_ field: RegisterField) -> String {
        guard var d = field.description?.trimmingCharacters(in: .whitespacesAndNewlines), !d.isEmpty else {
            return "Write it in the form the department uses."
        }
        if d.hasSuffix(".") { d.removeLast() }
        return "Write it in the form the department uses: \(d)."
    }

    // MARK: Deriving

    struct DerivationSpec {
        var aggregate: Derivation.Aggregate
        var field: Int
        var active: Bool
        var range: Range<Int>
        /// An earlier derivation with the same filter, whose result this record reuses; or -1.
        var reuse: Int
    }

    @inline(__always)
    private func derive() {
        let v = values
        let d = derivationSpecs
        for k in 0..<derivationCount where d[k].active {
            let pass = d[k].reuse >= 0 ? filterResults[d[k].reuse] : v.matches(instructions, literals, d[k].range)
            filterResults[k] = pass
            guard pass else { continue }
            accumulators[k].matched += 1
            let f = d[k].field
            guard f >= 0, v.present[f] else { continue }
            switch d[k].aggregate {
            case .count: accumulators[k].valued += 1
            case .countDistinct:
                accumulators[k].valued += 1
                _ = distinctPointers[k]!.insert(hashValue(f))
            case .sum, .min, .max, .mean: accumulators[k].add(v.number[f])
            }
        }
    }
}
