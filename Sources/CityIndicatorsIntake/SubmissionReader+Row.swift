import CityIndicatorsBase
import CityIndicatorsCatalog
import Foundation

extension SubmissionReader {
    /// A cell of the row by column name, trimmed; reports stray spaces and bad UTF-8.
    struct RowCells {
        var record: CSVRecord
        var columns: [String: Int]

        func cell(_ name: String) -> CSVCell? {
            guard let i = columns[name], i < record.cells.count else { return nil }
            return record.cells[i]
        }

        /// Adds a diagnostic at `cell`, or at the start of the row when there is no such cell.
        func report(
            _ code: DiagnosticCode, _ message: String, at cell: CSVCell?, hint: String? = nil,
            into s: inout Submission
        ) {
            s.diagnostics.append(
                Diagnostic(
                    code, message,
                    at: SourceLocation(file: s.path, line: cell?.line ?? record.line, column: cell?.column ?? 1),
                    hint: hint))
        }

        /// The text of a cell, trimmed ("" when the row has no such cell); nil, and a diagnostic,
        /// when it is not UTF-8. Spaces trimmed around an element, value or unit are reported.
        func text(_ name: String, into s: inout Submission) -> String? {
            guard let cell = cell(name) else { return "" }
            guard let t = cell.text else {
                let latin1 = String(decoding: cell.bytes.map { UInt16($0) }, as: UTF16.self)
                report(
                    .encoding, "the \(name) cell is not UTF-8 text (it reads as '\(latin1)' in Latin-1/Windows-1252)",
                    at: cell,
                    hint: "Re-save the file as UTF-8: in Excel, File › Save As › 'CSV UTF-8 (Comma delimited)'.",
                    into: &s)
                return nil
            }
            let trimmed = t.trimmedSpaces
            if trimmed != t, !trimmed.isEmpty, name == "element" || name == "value" || name == "unit" {
                report(
                    .strayWhitespace, "spaces around '\(trimmed)' in the \(name) cell were removed", at: cell,
                    hint: "Nothing is lost; clean the cell to silence this.", into: &s)
            }
            return trimmed
        }
    }

    /// Why a row is rejected, with the element it names when it names one.
    struct RowRejection: Error {
        var element: String?
        var reason: String
    }

    /// The cells of a row as trimmed text; blank ("") for a column the file lacks.
    struct RowTexts {
        var element = ""
        var value = ""
        var unit = ""
        var source = ""
        var notes = ""
        var dataYear = ""
    }

    /// Reads one data row into `s`: an accepted value, an element not reported, a rejected row, or
    /// a blank line; every problem found is a diagnostic.
    func readRow(
        _ record: CSVRecord, header: CSVRecord, columns: [String: Int], firstLine: inout [String: Int],
        into s: inout Submission
    ) {
        let row = RowCells(record: record, columns: columns)
        do throws(RowRejection) {
            try rejectExtraCells(row, header: header, into: &s)
            let texts = try readTexts(row, into: &s)
            let elementID = texts.element
            if elementID.isEmpty {
                if texts.value.isEmpty {
                    // Blank records never get here: this row holds something, only not an element
                    // and a value (a short row, or only notes): rejected, never dropped.
                    let short = record.cells.count < header.cells.count
                    let message =
                        short
                        ? "row has \(record.cells.count) cell(s) but the header has \(header.cells.count), and no element id or value"
                        : "row has no element id and no value"
                    row.report(
                        short ? .raggedRow : .missingElementName, message, at: row.cell("element"),
                        hint: "Give every row an element id and a value in the columns the header names.", into: &s)
                    throw RowRejection(element: nil, reason: "no element id or value")
                }
                row.report(
                    .missingElementName, "row has a value but no element id", at: row.cell("element"),
                    hint: "Fill in the element column with an id from the template.", into: &s)
                throw RowRejection(element: nil, reason: "no element id")
            }
            let element = try submittableElement(elementID, row, firstLine: firstLine, into: &s)
            firstLine[elementID] = record.line
            if texts.value.isEmpty {
                s.rows.append(SubmissionRow(line: record.line, outcome: .notReported(element: elementID)))
                return
            }
            let value = try checkedValue(texts, of: element, row, into: &s)
            s.rows.append(SubmissionRow(line: record.line, outcome: .accepted(value)))
        } catch {
            s.rows.append(
                SubmissionRow(line: record.line, outcome: .rejected(element: error.element, reason: error.reason)))
        }
    }

    /// Rejects a row with more non-blank cells than the header (an unquoted comma, usually);
    /// trailing empty cells are fine.
    private func rejectExtraCells(_ row: RowCells, header: CSVRecord, into s: inout Submission) throws(RowRejection) {
        let record = row.record
        guard record.cells.count > header.cells.count,
            let first = record.cells[header.cells.count...].first(where: { !$0.bytes.allSatisfy { $0 == 32 } })
        else { return }
        let rejection = RowRejection(
            element: row.cell("element")?.text?.trimmedSpaces, reason: "more cells than the header")
        // The usual cause: a grouped number without quotes (3,57,440 → cells 3 | 57 | 440).
        if let v = row.columns["value"], v + 1 < record.cells.count {
            let groups = record.cells[v...].prefix { cell in
                guard let t = cell.text, !t.isEmpty, t.count <= 3 else { return false }
                return t.allSatisfy(\.isNumber)
            }.compactMap(\.text)
            if groups.count >= 2, groups.count >= record.cells.count - header.cells.count + 1 {
                let number = groups.prefix(record.cells.count - header.cells.count + 1).joined(separator: ",")
                row.report(
                    .raggedRow,
                    "row has \(record.cells.count) cells but the header has \(header.cells.count): the value \(number) is a grouped number without quotes",
                    at: record.cells[v],
                    hint:
                        "Write it in quotes, \"\(number)\", or without commas: \(number.replacingOccurrences(of: ",", with: "")).",
                    into: &s)
                throw rejection
            }
        }
        row.report(
            .raggedRow, "row has \(record.cells.count) cells but the header has \(header.cells.count)", at: first,
            hint: "A value with a comma must be quoted: \"31,24,458\". Notes with commas need quotes too.", into: &s)
        throw rejection
    }

    /// The row's cells as text; rejects the row when any of them is not UTF-8 (each one reported).
    private func readTexts(_ row: RowCells, into s: inout Submission) throws(RowRejection) -> RowTexts {
        let element = row.text("element", into: &s)
        let value = row.text("value", into: &s)
        let unit = row.text("unit", into: &s)
        let source = row.text("source", into: &s)
        let notes = row.text("notes", into: &s)
        let dataYear = row.text("data_year", into: &s)
        guard let element, let value, let unit, let source, let notes, let dataYear else {
            throw RowRejection(element: element, reason: "not UTF-8 text")
        }
        return RowTexts(element: element, value: value, unit: unit, source: source, notes: notes, dataYear: dataYear)
    }

    /// The catalog element a row names, when it is known, belongs to the file's department and
    /// was not given on an earlier line; otherwise reported and rejected.
    private func submittableElement(
        _ elementID: String, _ row: RowCells, firstLine: [String: Int], into s: inout Submission
    ) throws(RowRejection) -> DataElement {
        let elementCell = row.cell("element")
        guard let element = catalog.elements[elementID] else {
            let department = s.department
            let suggestion = suggestions.nearest("\(department ?? "")/\(elementID)") {
                let candidates = department.map { d in catalog.elements(of: d).map(\.id) } ?? []
                return Suggest.nearest(elementID, in: candidates)
                    ?? Suggest.nearest(elementID, in: catalog.elements.keys)
            }
            row.report(
                .unknownElement, "unknown element '\(elementID)'", at: elementCell,
                hint: (suggestion.map { "Did you mean '\($0)'? " } ?? "")
                    + "Use the element ids of the template (`cityind templates`).", into: &s)
            throw RowRejection(element: elementID, reason: "unknown element")
        }
        if let department = s.department, element.department != department {
            let owner = catalog.departments[element.department]?.name ?? element.department
            row.report(
                .wrongDepartment,
                "element '\(elementID)' is submitted by \(owner) (\(element.department).csv), not by this file's department (\(department))",
                at: elementCell,
                hint: "Move the row to \(element.department).csv, or ask that department to submit it.",
                into: &s)
            throw RowRejection(element: elementID, reason: "belongs to department \(element.department)")
        }
        if let first = firstLine[elementID] {
            row.report(
                .duplicateElement, "element '\(elementID)' is given again (first on line \(first))", at: elementCell,
                hint: "Keep one row per element; delete or correct one of them.", into: &s)
            throw RowRejection(element: elementID, reason: "duplicate of line \(first)")
        }
        return element
    }

    /// The value of a row with a known element and a value: parsed, converted to the element's
    /// unit and checked against its kind, bounds and data year; a missing source is reported.
    private func checkedValue(
        _ texts: RowTexts, of element: DataElement, _ row: RowCells, into s: inout Submission
    ) throws(RowRejection) -> SubmittedValue {
        let valueCell = row.cell("value")
        var number = try parseNumber(texts, of: element, at: valueCell, row, into: &s)
        let givenUnit = try convertToElementUnit(&number, texts, of: element, row, into: &s)
        // Computation works in base units (rupees, litres): a value must stay finite there too.
        guard (number * element.unit.factor).isFinite else { throw tooLarge(texts, element, row, into: &s) }
        try checkKindAndBounds(number, texts, of: element, at: valueCell, row, into: &s)
        let dataYear = try parseDataYear(texts, row, into: &s)
        let source = texts.source.isEmpty ? nil : texts.source
        if source == nil {
            row.report(
                .missingSource, "no source for '\(texts.element)'; certification needs one", at: row.cell("element"),
                hint: "Name the register, report or meter the figure comes from in the source column.", into: &s)
        }
        return SubmittedValue(
            element: texts.element, value: number, written: texts.value, writtenUnit: givenUnit.id, source: source,
            notes: texts.notes.isEmpty ? nil : texts.notes, dataYear: dataYear,
            location: SourceLocation(
                file: s.path, line: valueCell?.line ?? row.record.line, column: valueCell?.column ?? 1))
    }

    /// Reports a value too large to compute with (it overflows when converted) and rejects it.
    private func tooLarge(_ texts: RowTexts, _ element: DataElement, _ row: RowCells, into s: inout Submission)
        -> RowRejection
    {
        row.report(
            .notANumber, "value '\(texts.value)' for \(texts.element) is too large to compute with",
            at: row.cell("value"), hint: "The number is too large to be a real figure; check the cell and its unit.",
            into: &s)
        return RowRejection(element: texts.element, reason: "value too large")
    }

    /// The value as a number (yes/no and the like as 1/0 for a boolean element); reported and
    /// rejected when it is not one.
    private func parseNumber(
        _ texts: RowTexts, of element: DataElement, at valueCell: CSVCell?, _ row: RowCells,
        into s: inout Submission
    ) throws(RowRejection) -> Double {
        let valueRaw = texts.value
        if element.kind == .boolean,
            let b = ["yes": 1.0, "no": 0, "true": 1, "false": 0, "y": 1, "n": 0][valueRaw.lowercased()]
        {
            return b
        }
        let problem: NumberText.Problem
        switch NumberText.parseSubmission(valueRaw, quoted: valueCell?.quoted ?? false) {
        case .success(let v): return v
        case .failure(let p): problem = p
        }
        var isNot = "is not a number"
        let hint: String
        switch problem {
        case .notANumber(let h):
            hint = h
        case .notFinite(let h):
            isNot = "is not a finite number"
            hint = h
        case .badGrouping:
            isNot = "has commas that are not digit grouping"
            hint =
                "Use '.' for decimals; commas may only group digits: \"31,24,458\" (Indian) or \"3,124,458\" (international)."
        case .groupingUnquoted, .empty:
            // One comma not followed by three digits is a decimal comma (a European export).
            let parts = valueRaw.split(separator: ",", omittingEmptySubsequences: false)
            let decimal = valueRaw.replacingOccurrences(of: ",", with: ".")
            if parts.count == 2, parts[1].count != 3, CellParsers.number(decimal) != nil {
                hint = "Write the decimal point as '.', not ',': \(decimal)."
            } else {
                hint = "Quote grouped numbers: \"31,24,458\"."
            }
        }
        row.report(
            .notANumber, "value '\(valueRaw)' for \(texts.element) \(isNot)", at: valueCell, hint: hint, into: &s)
        throw RowRejection(element: texts.element, reason: "value is not a number")
    }

    /// The unit the value is written in: the element's, or one that converts to it (then `number`
    /// is converted, and the conversion noted); reported and rejected otherwise.
    private func convertToElementUnit(
        _ number: inout Double, _ texts: RowTexts, of element: DataElement, _ row: RowCells, into s: inout Submission
    ) throws(RowRejection) -> CityIndicatorsCatalog.Unit {
        let u = texts.unit
        let elementID = texts.element
        guard !u.isEmpty, u != element.unit.id else { return element.unit }
        let unitCell = row.cell("unit")
        guard let unit = catalog.units[u] ?? catalog.units.values.first(where: { $0.symbol == u && !u.isEmpty }) else {
            let sameFamily = catalog.units.values.filter { $0.converts(to: element.unit) }.map(\.id).sorted()
            let suggestion = Suggest.nearest(u, in: catalog.units.keys)
            row.report(
                .unknownUnit, "unknown unit '\(u)'", at: unitCell,
                hint: (suggestion.map { "Did you mean '\($0)'? " } ?? "") + "\(elementID) is in \(element.unit.id)"
                    + (sameFamily.count > 1 ? "; accepted units: \(sameFamily.joined(separator: ", "))." : "."),
                into: &s)
            throw RowRejection(element: elementID, reason: "unknown unit")
        }
        guard unit.converts(to: element.unit) else {
            row.report(
                .inconvertibleUnit,
                "unit '\(unit.id)' cannot be converted to \(element.unit.id), the unit of \(elementID)", at: unitCell,
                hint: "Give the value in \(element.unit.id) (\(element.unit.title)).", into: &s)
            throw RowRejection(element: elementID, reason: "unit cannot be converted")
        }
        if unit.id != element.unit.id {
            let converted = unit.convert(number, to: element.unit)
            guard converted.isFinite else { throw tooLarge(texts, element, row, into: &s) }
            row.report(
                .unitConverted,
                "\(Format.plain(number)) \(unit.id) converted to \(Format.plain(converted)) \(element.unit.id)",
                at: unitCell, into: &s)
            number = converted
        }
        return unit
    }

    /// Rejects a count that is negative or fractional, a negative amount, and a value outside the
    /// element's bounds; a value outside its plausible range is only warned about.
    private func checkKindAndBounds(
        _ number: Double, _ texts: RowTexts, of element: DataElement, at valueCell: CSVCell?, _ row: RowCells,
        into s: inout Submission
    ) throws(RowRejection) {
        let elementID = texts.element
        let valueRaw = texts.value
        if element.kind == .count && (number < 0 || number != number.rounded()) {
            row.report(
                .notWholeOrNegative,
                "\(elementID) is a count, so \(valueRaw) is impossible: counts are whole numbers of 0 or more",
                at: valueCell, hint: "Check the figure; a count cannot be negative or have decimals.", into: &s)
            throw RowRejection(element: elementID, reason: "not a whole, non-negative count")
        }
        if element.kind == .amount && number < 0 {
            row.report(
                .notWholeOrNegative, "\(elementID) cannot be negative: \(valueRaw)", at: valueCell,
                hint: "Give the amount as a positive number.", into: &s)
            throw RowRejection(element: elementID, reason: "negative amount")
        }
        let unitLabel = element.unit.id
        /// "below the minimum 0", "above the plausible maximum 1000", or nil inside the bounds.
        func outside(_ bounds: Bounds?, _ kind: String) -> String? {
            guard let bounds, !bounds.contains(number) else { return nil }
            if let min = bounds.min, number < min { return "below the \(kind)minimum \(Format.plain(min))" }
            return "above the \(kind)maximum \(Format.plain(bounds.max ?? 0))"
        }
        if let side = outside(element.bounds, "") {
            row.report(
                .outOfBounds, "\(elementID) = \(Format.plain(number)) \(unitLabel) is \(side) \(unitLabel)",
                at: valueCell, hint: "Check the figure and its unit.", into: &s)
            throw RowRejection(element: elementID, reason: "outside the element's bounds")
        }
        if let side = outside(element.plausible, "plausible ") {
            row.report(
                .implausible, "\(elementID) = \(Format.plain(number)) \(unitLabel) is \(side) \(unitLabel)",
                at: valueCell, hint: "Check the unit and the figure; if it is right, say why in the notes column.",
                into: &s)
        }
    }

    /// The data_year cell as a year from 1900 to 2100, or nil when blank; reported and rejected
    /// when it is not one.
    private func parseDataYear(_ texts: RowTexts, _ row: RowCells, into s: inout Submission) throws(RowRejection)
        -> Int?
    {
        let y = texts.dataYear
        if y.isEmpty { return nil }
        guard y.count == 4, let year = Int(y), (1900...2100).contains(year) else {
            row.report(
                .badDataYear, "data_year '\(y)' is not a year", at: row.cell("data_year"),
                hint:
                    "Write the four-digit year the figure refers to, e.g. 2011 for a census count; leave it blank for the submission year.",
                into: &s)
            throw RowRejection(element: texts.element, reason: "bad data_year")
        }
        return year
    }
}
