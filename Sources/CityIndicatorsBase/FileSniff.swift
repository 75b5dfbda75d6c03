/// What the first bytes of a CSV export say: empty, UTF-16, a workbook or binary, and whether it
/// is separated by commas or (some spreadsheet locales) semicolons. Shared by the submission and
/// register readers, so both say the same thing about the same file.
package enum FileSniff {
    package static let saveAs =
        "In Excel: File › Save As › 'CSV UTF-8 (Comma delimited) (*.csv)'; in LibreOffice: Save As › Text CSV, character set UTF-8."

    /// The delimiter (nil when the file cannot be read as CSV text) and the problems found, located
    /// in `path`.
    package static func sniff(_ head: [UInt8], path: String, emptyHint: String) -> (
        delimiter: UInt8?, diagnostics: [Diagnostic]
    ) {
        var problems: [Diagnostic] = []
        func report(_ code: DiagnosticCode, _ message: String, line: Int = 0, column: Int = 0, hint: String?) {
            problems.append(
                Diagnostic(code, message, at: SourceLocation(file: path, line: line, column: column), hint: hint))
        }
        if head.isEmpty {
            report(.emptyFile, "the file is empty", hint: emptyHint)
            return (nil, problems)
        }
        if head.starts(with: [0xFF, 0xFE]) || head.starts(with: [0xFE, 0xFF]) {
            let which = head[0] == 0xFF ? "UTF-16 (little-endian)" : "UTF-16 (big-endian)"
            report(
                .encoding, "the file is \(which) text, not UTF-8", line: 1, column: 1,
                hint: "Re-save it as UTF-8. " + saveAs)
            return (nil, problems)
        }
        if head.starts(with: [0x50, 0x4B, 0x03, 0x04]) {
            report(
                .binaryContent, "this is a spreadsheet workbook (.xlsx/.ods, a zip file), not a CSV file", line: 1,
                column: 1, hint: saveAs)
            return (nil, problems)
        }
        let nuls = head.filter { $0 == 0 }.count
        if nuls > 0 {
            let oddNuls = stride(from: 1, to: head.count, by: 2).filter { head[$0] == 0 }.count
            if nuls > head.count / 4, oddNuls * 10 >= nuls * 9 {
                report(
                    .encoding, "the file looks like UTF-16 text without a byte-order mark, not UTF-8", line: 1,
                    column: 1, hint: "Re-save it as UTF-8. " + saveAs)
            } else {
                report(
                    .binaryContent, "the file contains NUL bytes; it is not a CSV text file", line: 1, column: 1,
                    hint: "Export the sheet as CSV; a binary file renamed to .csv cannot be read. " + saveAs)
            }
            return (nil, problems)
        }
        // Delimiter: count commas and semicolons outside quotes on the first line.
        var commas = 0
        var semicolons = 0
        var inQuotes = false
        var start = head.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        var column = 1
        var firstSemicolon = 0
        while start < head.count {
            let b = head[start]
            if b == 34 {
                inQuotes.toggle()
            } else if !inQuotes && (b == 10 || b == 13) {
                break
            } else if !inQuotes && b == 44 {
                commas += 1
            } else if !inQuotes && b == 59 {
                semicolons += 1
                if firstSemicolon == 0 { firstSemicolon = column }
            }
            if b & 0xC0 != 0x80 { column += 1 }
            start += 1
        }
        if semicolons > 0 && commas == 0 {
            report(
                .semicolonDelimiter,
                "the file is separated by ';' (a spreadsheet export in a European locale); it is read as such", line: 1,
                column: firstSemicolon, hint: "Nothing is lost. To silence this, export with commas: " + saveAs)
            return (59, problems)
        }
        return (44, problems)
    }
}
