import CityIndicatorsBase

/// The register reader's record splitter: RFC 4180 over raw bytes, the same grammar as
/// `CSVReader` (a shared test table proves it), without making Strings. Cells are byte ranges;
/// a quoted cell's range excludes its quotes and still holds `""` escapes.
enum RecordSplitter {
    /// Cell flags: 1 quoted, 2 holds `""` escapes, 4 a stray quote (inside an unquoted cell or
    /// after a closing quote), 8 a quote left open to the end of the file.
    typealias Flags = UInt8

    /// Splits the record starting at `start` (bytes up to `limit`; `eof` when no more follow)
    /// into at most `cells` cells; returns the offset just past its line end (`limit` at the end
    /// of the file) or -1 when more bytes are needed, the number of cells found (may exceed
    /// `cells`) and the line ends the record spans.
    @inline(__always)
    static func split(
        _ b: UnsafeMutablePointer<UInt8>, from start: Int, limit: Int, eof: Bool, delimiter: UInt8, cells: Int,
        cellStart: UnsafeMutablePointer<Int>, cellEnd: UnsafeMutablePointer<Int>, cellFlags: UnsafeMutablePointer<Flags>
    ) -> (next: Int, cells: Int, newlines: Int) {
        var p = start
        var cell = 0
        var quotedNewlines = 0
        while true {
            var flags: UInt8 = 0
            var s = p
            var e = p
            if p < limit, b[p] == 34 {
                // Quoted cell.
                flags = 1
                p += 1
                s = p
                while true {
                    if p >= limit {
                        if !eof { return (-1, 0, 0) }
                        flags |= 8  // unterminated
                        e = limit
                        break
                    }
                    // A line break inside quotes: LF, CRLF (counted at its LF) or a lone CR.
                    if b[p] == 10 || (b[p] == 13 && (p + 1 >= limit || b[p + 1] != 10)) { quotedNewlines += 1 }
                    if b[p] == 34 {
                        if p + 1 >= limit && !eof { return (-1, 0, 0) }
                        if p + 1 < limit, b[p + 1] == 34 {
                            flags |= 2
                            p += 2
                            continue
                        }
                        e = p
                        p += 1
                        break
                    }
                    p += 1
                }
                // After the closing quote: spaces, then a delimiter, a line end or the end of the
                // file; anything else is a stray quote (left out of the cell, as CSVReader keeps
                // it but reports it).
                while p < limit, b[p] != delimiter, b[p] != 10, b[p] != 13 {
                    if b[p] != 32 && b[p] != 9 { flags |= 4 }
                    p += 1
                }
                if p >= limit && !eof { return (-1, 0, 0) }
            } else {
                p = CellParsers.nextSpecial(b, p, limit, delimiter: delimiter)
                while p < limit, b[p] == 34 {
                    // A quote inside an unquoted cell.
                    flags |= 4
                    p = CellParsers.nextSpecial(b, p + 1, limit, delimiter: delimiter)
                }
                if p >= limit && !eof { return (-1, 0, 0) }
                e = p
            }
            if cell < cells {
                cellStart[cell] = s
                cellEnd[cell] = e
                cellFlags[cell] = flags
            }
            cell += 1
            if p >= limit {
                return (limit, cell, quotedNewlines)
            }
            if b[p] == delimiter {
                p += 1
                continue
            }
            // A line end: LF, CRLF, or a lone CR (as CSVReader reads them).
            if b[p] == 13 {
                if p + 1 < limit, b[p + 1] == 10 { return (p + 2, cell, quotedNewlines + 1) }
                if p + 1 >= limit && !eof { return (-1, 0, 0) }
            }
            return (p + 1, cell, quotedNewlines + 1)
        }
    }
}
