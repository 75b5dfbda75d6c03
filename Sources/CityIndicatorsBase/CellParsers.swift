import Foundation

/// Byte-level parsers for register cells: no String is made on the hot path.
package enum CellParsers {
    /// A whole number with an optional sign; nil for anything else (spaces, grouping, decimals).
    @inlinable
    package static func integer(_ p: UnsafePointer<UInt8>, _ n: Int) -> Int64? {
        guard n > 0 else { return nil }
        var i = 0
        var negative = false
        if p[0] == 45 || p[0] == 43 {
            negative = p[0] == 45
            i = 1
            guard n > 1 else { return nil }
        }
        guard n - i <= 18 else { return nil }
        var v: Int64 = 0
        while i < n {
            let d = p[i] &- 48
            if d > 9 { return nil }
            v = v &* 10 &+ Int64(d)
            i += 1
        }
        return negative ? -v : v
    }

    @usableFromInline package static let powers: [Double] = (0...22).map { pow(10, Double($0)) }

    /// A decimal number (`-12.5`, `3`, `1e3`, `.5`); exact for up to 15 significant digits
    /// (Clinger's fast path), falls back to strtod beyond. nil for anything else, and for
    /// infinities and NaN written out. The one number parser: catalog values, formulas,
    /// submission cells and register cells all come through here.
    @inlinable
    package static func number(_ p: UnsafePointer<UInt8>, _ n: Int) -> Double? {
        decimal(p, n).value
    }

    /// `number`, and whether the text was written as a decimal at all (`wellFormed` true and
    /// `value` nil: too large to be finite).
    @inlinable
    package static func decimal(_ p: UnsafePointer<UInt8>, _ n: Int) -> (value: Double?, wellFormed: Bool) {
        guard n > 0 else { return (nil, false) }
        var i = 0
        var negative = false
        if p[0] == 45 || p[0] == 43 {
            negative = p[0] == 45
            i = 1
        }
        var mantissa: UInt64 = 0
        var digits = 0
        var scale = 0
        var sawDigit = false
        var sawPoint = false
        // Digits, with at most one decimal point among them.
        while i < n {
            if p[i] == 46 && !sawPoint {
                sawPoint = true
                i += 1
                continue
            }
            let d = p[i] &- 48
            if d > 9 { break }
            sawDigit = true
            if digits < 19 {
                mantissa = mantissa &* 10 &+ UInt64(d)
                if mantissa > 0 { digits += 1 }
                if sawPoint { scale -= 1 }
            } else if !sawPoint {
                scale += 1
            }
            i += 1
        }
        guard sawDigit else { return (nil, false) }
        if i < n, p[i] == 101 || p[i] == 69 {
            i += 1
            var expNegative = false
            if i < n, p[i] == 45 || p[i] == 43 {
                expNegative = p[i] == 45
                i += 1
            }
            var e = 0
            var expDigits = 0
            while i < n {
                let d = p[i] &- 48
                if d > 9 { break }
                if e < 100_000 { e = e * 10 + Int(d) }
                expDigits += 1
                i += 1
            }
            guard expDigits > 0 else { return (nil, false) }
            scale += expNegative ? -e : e
        }
        guard i == n else { return (nil, false) }
        var value: Double
        if digits <= 15, scale >= -22, scale <= 22 {
            value = Double(mantissa)
            value = scale < 0 ? value / powers[-scale] : value * powers[scale]
        } else {
            var buffer = [CChar](repeating: 0, count: n + 1)
            for k in 0..<n { buffer[k] = CChar(bitPattern: p[k]) }
            value = strtod(buffer, nil)
            return (value.isFinite ? value : nil, true)
        }
        guard value.isFinite else { return (nil, true) }
        return (negative ? -value : value, true)
    }

    /// `YYYY-MM-DD` of a date that exists: (days since 1970-01-01, year, month).
    @inlinable
    package static func date(_ p: UnsafePointer<UInt8>, _ n: Int) -> (days: Int, year: Int, month: Int)? {
        guard n == 10, p[4] == 45, p[7] == 45 else { return nil }
        var y = 0
        for k in 0..<4 {
            let d = p[k] &- 48
            if d > 9 { return nil }
            y = y * 10 + Int(d)
        }
        let m1 = p[5] &- 48
        let m2 = p[6] &- 48
        let d1 = p[8] &- 48
        let d2 = p[9] &- 48
        guard m1 <= 9, m2 <= 9, d1 <= 9, d2 <= 9 else { return nil }
        let m = Int(m1) * 10 + Int(m2)
        let d = Int(d1) * 10 + Int(d2)
        guard m >= 1, m <= 12, d >= 1, d <= daysIn(month: m, year: y) else { return nil }
        return (daysFromCivil(y, m, d), y, m)
    }

    package static func date(_ text: String) -> (days: Int, year: Int, month: Int)? {
        var bytes = Array(text.utf8)
        return bytes.withUnsafeMutableBufferPointer { b in b.baseAddress.flatMap { date(UnsafePointer($0), b.count) } }
    }

    package static func number(_ text: String) -> Double? { decimal(text).value }

    package static func decimal(_ text: String) -> (value: Double?, wellFormed: Bool) {
        var bytes = Array(text.utf8)
        return bytes.withUnsafeMutableBufferPointer { b in
            b.baseAddress.map { decimal(UnsafePointer($0), b.count) } ?? (nil, false)
        }
    }

    @inlinable
    package static func daysIn(month m: Int, year y: Int) -> Int {
        switch m {
        case 2: return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 (Howard Hinnant's days_from_civil).
    @inlinable
    package static func daysFromCivil(_ y0: Int, _ m: Int, _ d: Int) -> Int {
        let y = m <= 2 ? y0 - 1 : y0
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    /// `true/false`, `yes/no`, `1/0`, any case.
    @inlinable
    package static func boolean(_ p: UnsafePointer<UInt8>, _ n: Int) -> Bool? {
        func lower(_ b: UInt8) -> UInt8 { b | 0x20 }
        switch n {
        case 1: return p[0] == 49 ? true : p[0] == 48 ? false : nil
        case 2: return lower(p[0]) == 110 && lower(p[1]) == 111 ? false : nil
        case 3: return lower(p[0]) == 121 && lower(p[1]) == 101 && lower(p[2]) == 115 ? true : nil
        case 4: return lower(p[0]) == 116 && lower(p[1]) == 114 && lower(p[2]) == 117 && lower(p[3]) == 101 ? true : nil
        case 5:
            return lower(p[0]) == 102 && lower(p[1]) == 97 && lower(p[2]) == 108 && lower(p[3]) == 115
                && lower(p[4]) == 101 ? false : nil
        default: return nil
        }
    }

    /// Byte equality without a call, for the short texts of cells (categories, codes).
    @inlinable
    package static func equal(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, _ n: Int) -> Bool {
        var i = 0
        let ra = UnsafeRawPointer(a)
        let rb = UnsafeRawPointer(b)
        while i + 8 <= n {
            if ra.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                != rb.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            {
                return false
            }
            i += 8
        }
        while i < n {
            if a[i] != b[i] { return false }
            i += 1
        }
        return true
    }

    /// The offset of the first delimiter, line feed, carriage return or double quote in
    /// `p[from..<limit]`, or `limit`: eight bytes at a time (SWAR), then byte by byte.
    @inlinable
    package static func nextSpecial(_ p: UnsafePointer<UInt8>, _ from: Int, _ limit: Int, delimiter: UInt8) -> Int {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        let d = ones &* UInt64(delimiter)
        let nl = ones &* 10
        let q = ones &* 34
        let cr = ones &* 13
        var i = from
        let raw = UnsafeRawPointer(p)
        while i + 8 <= limit {
            let v = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            let x = v ^ d
            let y = v ^ nl
            let z = v ^ q
            let w = v ^ cr
            let hit = ((x &- ones) & ~x | (y &- ones) & ~y | (z &- ones) & ~z | (w &- ones) & ~w) & highs
            if hit != 0 { return i + hit.trailingZeroBitCount / 8 }
            i += 8
        }
        while i < limit {
            let c = p[i]
            if c == delimiter || c == 10 || c == 34 || c == 13 { return i }
            i += 1
        }
        return limit
    }

    /// A 64-bit hash of bytes (for unique and count-distinct sets). Never 0.
    @inlinable
    package static func hash(_ p: UnsafePointer<UInt8>, _ n: Int, seed: UInt64 = 0x9E37_79B9_7F4A_7C15) -> UInt64 {
        var h = seed ^ (UInt64(n) &* 0xFF51_AFD7_ED55_8CCD)
        var i = 0
        let raw = UnsafeRawPointer(p)
        while i + 8 <= n {
            let w = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            h = mix(h ^ w)
            i += 8
        }
        if i < n {
            var w: UInt64 = 0
            var shift: UInt64 = 0
            while i < n {
                w |= UInt64(p[i]) << shift
                shift += 8
                i += 1
            }
            h = mix(h ^ w ^ 0x8000_0000_0000_0000)
        }
        h = mix(h)
        return h == 0 ? 1 : h
    }

    /// A bijective mix (the finaliser of MurmurHash3): distinct inputs give distinct outputs.
    @inlinable
    package static func mix(_ x0: UInt64) -> UInt64 {
        var x = x0
        x ^= x >> 33
        x = x &* 0xFF51_AFD7_ED55_8CCD
        x ^= x >> 33
        x = x &* 0xC4CE_B9FE_1A85_EC53
        x ^= x >> 33
        return x
    }
}
