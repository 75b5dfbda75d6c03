import CityIndicatorsBase
import CityIndicatorsCatalog
import CityIndicatorsIntake
import Foundation

/// Writes synthetic registers that follow their catalog schemas, for benchmarks and tests:
/// deterministic for a seed, any size, optionally with a share of bad cells (docs/performance.md).
///
/// Values follow each column's constraints: enum values with a skewed (Zipf-like) frequency,
/// text matching the column's pattern (unique columns numbered so they never repeat), numbers
/// skewed towards the minimum (most fire calls have no deaths), dates inside the financial year of
/// `year` (some from the year before, which derivations filter out), blanks in optional columns.
public struct RegisterGenerator {
    typealias Random = Synthetic.Random

    public let register: Register
    public let year: Int
    /// Share of records with one bad cell (0 = a valid register).
    public let errorRate: Double
    private var random: Random
    private var row = 0
    private var out: [UInt8] = []
    /// Per field: precomputed text of enum values.
    private let enumBytes: [[[UInt8]]]
    private let weights: [[Double]]

    public init(register: Register, year: Int, seed: UInt64, errorRate: Double = 0) {
        self.register = register
        self.year = year
        self.errorRate = errorRate
        random = Random(
            seed: 0x9E37_79B9_7F4A_7C15 &+ seed
                ^ register.id.utf8.reduce(UInt64(0xCBF2_9CE4_8422_2325)) { ($0 ^ UInt64($1)) &* 0x100_0000_01B3 })
        enumBytes = register.fields.map { f in (f.enumValues ?? []).map { Array($0.utf8) } }
        weights = register.fields.map { f in
            let n = f.enumValues?.count ?? 0
            var w = (0..<n).map { 1.0 / Double($0 + 1) }
            let total = w.reduce(0, +)
            var acc = 0.0
            for k in w.indices {
                acc += w[k] / total
                w[k] = acc
            }
            return w
        }
    }

    /// Writes the header and records until the file holds at least `bytes` bytes (or `records`
    /// records, whichever is given). Returns the records written.
    @discardableResult
    public mutating func write(to path: String, bytes: Int? = nil, records: Int? = nil) throws -> Int {
        guard FileManager.default.createFile(atPath: path, contents: nil),
            let handle = FileHandle(forWritingAtPath: path)
        else {
            throw InputError("\(path): cannot be written", hint: "Check the folder exists and is writable.")
        }
        defer { try? handle.close() }
        out.reserveCapacity(1 << 20)
        out += Array(register.fields.map(\.name).joined(separator: ",").utf8)
        out.append(10)
        var written = 0
        var count = 0
        while true {
            if let records, count >= records { break }
            if let bytes, written + out.count >= bytes { break }
            if bytes == nil && records == nil { break }
            record()
            count += 1
            if out.count >= 1 << 20 {
                written += out.count
                try handle.write(contentsOf: out)
                out.removeAll(keepingCapacity: true)
            }
        }
        try handle.write(contentsOf: out)
        out.removeAll(keepingCapacity: true)
        return count
    }

    private mutating func record() {
        row += 1
        let bad = errorRate > 0 && random.unit() < errorRate ? random.below(register.fields.count) : -1
        for (i, field) in register.fields.enumerated() {
            if i > 0 { out.append(44) }
            if i == bad {
                corrupt(field)
                continue
            }
            let isKey = field.unique || register.primaryKey.contains(field.name)
            // Optional cells are blank now and then; an optional date (struck off, closed,
            // cancelled) mostly.
            if !field.required && !isKey && random.below(field.type == .date ? 5 : 20) < (field.type == .date ? 4 : 1) {
                continue
            }
            value(i, field, key: isKey)
        }
        out.append(10)
    }

    /// One bad cell of a kind nodal officers really send.
    private mutating func corrupt(_ field: RegisterField) {
        switch field.type {
        case .date: append("31/06/\(year)")
        case .integer, .number: append(random.below(2) == 0 ? "n/a" : "1,234")
        case .boolean: append("maybe")
        case .year: append("FY\(year % 100)")
        case .string:
            if let values = field.enumValues, let first = values.first {
                append(first.uppercased() + " ")
            } else {
                append("\"unclosed \"\" quote, ok\"")
            }
        }
    }

    private mutating func append(_ s: String) { out += Array(s.utf8) }

    @inline(__always)
    private mutating func digits(_ v0: Int, width: Int = 0) {
        var v = v0
        if v < 0 {
            out.append(45)
            v = -v
        }
        var tmp:
            (
                UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                UInt8, UInt8, UInt8, UInt8, UInt8
            ) = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var n = 0
        withUnsafeMutableBytes(of: &tmp) { b in
            repeat {
                b[n] = UInt8(48 + v % 10)
                v /= 10
                n += 1
            } while v > 0 && n < 20
            while n < width && n < 20 {
                b[n] = 48
                n += 1
            }
        }
        withUnsafeBytes(of: &tmp) { b in
            for k in stride(from: n - 1, through: 0, by: -1) { out.append(b[k]) }
        }
    }

    private mutating func value(_ i: Int, _ field: RegisterField, key: Bool) {
        switch field.type {
        case .string:
            if !enumBytes[i].isEmpty {
                let u = random.unit()
                let k = weights[i].firstIndex { u <= $0 } ?? 0
                let v = enumBytes[i][k]
                let needsQuotes = v.contains(44) || v.contains(34)
                if needsQuotes { out.append(34) }
                out += v
                if needsQuotes { out.append(34) }
            } else if let pattern = field.pattern {
                text(pattern, counter: key ? row : nil)
            } else if key {
                append("\(field.name.prefix(3).uppercased())-")
                digits(row, width: 8)
            } else {
                let words = [
                    "Shivaji Road", "Kasba Peth", "Station Road", "Market Yard", "Ganesh Nagar", "Tilak Nagar",
                    "Riverside", "Hill-side",
                ]
                let start = out.count
                out += Array(words[random.below(words.count)].utf8)
                out.append(32)
                digits(random.below(500) + 1)
                if let most = field.maxLength, out.count - start > most { out.removeLast(out.count - start - most) }
                while let least = field.minLength, out.count - start < least { out.append(120) }
            }
        case .integer, .year:
            let lo = field.minimum ?? 0
            let hi = field.maximum ?? (field.type == .year ? Double(year) : max(lo + 100, 1000))
            if field.type == .year {
                digits(Int(min(hi, max(lo, Double(year - random.below(2))))))
                return
            }
            if key {
                digits(row)
                return
            }
            digits(Int(amount(field, lo, hi).rounded(.down)))
        case .number:
            let lo = field.minimum ?? 0
            let hi = field.maximum ?? max(lo + 1000, 100_000)
            let v = amount(field, lo, hi)
            let cents = Int((v * 100).rounded(.down))
            digits(cents / 100)
            out.append(46)
            digits(cents % 100, width: 2)
        case .boolean:
            append(random.below(10) == 0 ? "false" : "true")
        case .date:
            // Mostly the financial year of `year` (April to March), some of the year before.
            let start = CellParsers.daysFromCivil(year - (random.below(10) == 0 ? 1 : 0), 4, 1)
            var day = start + random.below(365)
            if let lo = field.minimum { day = max(day, Int(lo)) }
            if let hi = field.maximum { day = min(day, Int(hi)) }
            civil(day)
        }
    }

    /// A value between lo and hi: counts of people mostly at the minimum (most fire calls kill
    /// no one), other quantities spread log-uniformly over four orders of magnitude.
    private mutating func amount(_ field: RegisterField, _ lo: Double, _ hi: Double) -> Double {
        if field.unit?.dimension == Dimension(base: "count") {
            if random.below(100) < 85 { return lo }
            let u = random.unit()
            return lo + (hi - lo) * pow(u, 6)
        }
        let floor = Swift.max(lo, hi / 1e4, 1e-3)
        guard hi > floor else { return lo }
        return Swift.min(hi, floor * pow(hi / floor, random.unit()))
    }

    /// Writes days since 1970-01-01 as YYYY-MM-DD.
    private mutating func civil(_ days: Int) {
        let z = days + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        let y = yoe + era * 400 + (m <= 2 ? 1 : 0)
        digits(y, width: 4)
        out.append(45)
        digits(m, width: 2)
        out.append(45)
        digits(d, width: 2)
    }

    /// Text matching a pattern; with a counter, the digit positions spell the counter so values
    /// never repeat (until the counter outgrows them).
    private mutating func text(_ pattern: Pattern, counter: Int?) {
        let digitSlots = pattern.items.reduce(0) { $0 + ($1.contains(48) && $1.contains(57) ? max($1.min, 1) : 0) }
        var counterDigits: [UInt8] = []
        if let counter {
            var v = counter
            for _ in 0..<digitSlots {
                counterDigits.append(UInt8(48 + v % 10))
                v /= 10
            }
            counterDigits.reverse()
        }
        var slot = 0
        let start = out.count
        var needsQuotes = false
        for item in pattern.items {
            let isDigits = item.contains(48) && item.contains(57)
            // Counter digits fill the fixed part of a digit item; other repeats vary a little.
            let n =
                isDigits && counter != nil
                ? max(item.min, 1)
                : item.min == item.max ? item.min : item.min + random.below(min(item.max, item.min + 6) - item.min + 1)
            for _ in 0..<n {
                if isDigits, counter != nil, slot < counterDigits.count {
                    out.append(counterDigits[slot])
                    slot += 1
                    continue
                }
                // A random ASCII byte of the set.
                var b: UInt8 = 0
                for _ in 0..<64 {
                    let c = UInt8(32 + random.below(95))
                    if item.contains(c) {
                        b = c
                        break
                    }
                }
                if b == 0 { b = (32...126).first { item.contains(UInt8($0)) }.map { UInt8($0) } ?? 65 }
                if b == 44 || b == 34 { needsQuotes = true }
                out.append(b)
                if b == 34 { out.append(34) }
            }
        }
        if needsQuotes {
            out.insert(34, at: start)
            out.append(34)
        }
    }
}

extension Synthetic.Random {
    /// Uniform in 0..<n.
    @inline(__always)
    mutating func below(_ n: Int) -> Int { n <= 1 ? 0 : Int(next() % UInt64(n)) }

    /// Uniform in [0, 1).
    @inline(__always)
    mutating func unit() -> Double { uniform(0, 1) }
}

extension RegisterGenerator {
    /// How a large city's registers compare in size (property assessments the largest).
    public static let shares: [String: Double] = [
        "property_assessments": 0.40, "births_deaths": 0.25, "grievances": 0.20,
        "water_quality_tests": 0.08, "fire_calls": 0.05, "health_facilities": 0.02,
    ]

    /// A file written by `writeWorkspace`.
    public struct Written: Sendable {
        public var path: String
        public var records: Int
        public var bytes: Int
    }

    /// Writes a workspace into `folder`: a `city.yaml` and one year folder with one CSV file per
    /// register (all of the catalog's, or those given), together about `bytes` bytes, shared out
    /// as in a large city.
    public static func writeWorkspace(
        _ catalog: Catalog, registers requested: [String], into folder: String, bytes total: Int, year: Int,
        seed: UInt64, errorRate: Double
    ) throws -> [Written] {
        let chosen = try (requested.isEmpty ? catalog.registers.keys.sorted() : requested).map {
            try catalog.register(named: $0)
        }.sorted { $0.id < $1.id }
        let weights = chosen.map { shares[$0.id] ?? 0.05 }
        let sum = weights.reduce(0, +)
        let yearFolder = (folder as NSString).appendingPathComponent(String(year))
        do {
            try FileManager.default.createDirectory(atPath: yearFolder, withIntermediateDirectories: true)
        } catch {
            throw InputError("cannot create \(yearFolder): \(error.localizedDescription)")
        }
        let city = """
            # A fictional city whose registers were written by `cityind generate-registers` (seed \(seed)).
            name: Synthetic registers city
            country: India
            ulb_code: "999999"
            currency: INR
            frameworks: [iso37120-2018]
            year_basis: financial

            """
        try TextFile.write(city, to: (folder as NSString).appendingPathComponent("city.yaml"))
        var written: [Written] = []
        for (register, weight) in zip(chosen, weights) {
            var generator = RegisterGenerator(register: register, year: year, seed: seed, errorRate: errorRate)
            let path = (yearFolder as NSString).appendingPathComponent("\(register.id).csv")
            let bytes = Int(Double(total) * weight / sum)
            written.append(Written(path: path, records: try generator.write(to: path, bytes: bytes), bytes: bytes))
        }
        return written
    }

    /// A size written by a person: bytes, or with KB, MB or GB (1 GB = 10^9 bytes); nil otherwise.
    public static func parseSize(_ text: String) -> Int? {
        let t = text.uppercased().trimmingCharacters(in: .whitespaces)
        for (suffix, factor) in [("GB", 1e9), ("MB", 1e6), ("KB", 1e3), ("B", 1.0)] where t.hasSuffix(suffix) {
            return CellParsers.number(t.dropLast(suffix.count).trimmingCharacters(in: .whitespaces)).map {
                Int($0 * factor)
            }
        }
        return Int(t)
    }
}
