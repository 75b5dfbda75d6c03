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
    }

    func readRow(
        _ record: CSVRecord, header: CSVRecord, columns: [String: Int], firstLine: inout [String: Int],
        into s: inout Submission
    ) {
        let row = RowCells(record: record, columns: columns)
        func reject(_ element: String?, _ reason: String) {
            s.rows.append(SubmissionRow(line: record.line, outcome: .rejected(element: element, reason: reason)))
        }
        func diag(_ code: DiagnosticCode, _ message: String, _ cell: CSVCell?, hint: String? = nil) {
            s.diagnostics.append(
                Diagnostic(
                    code, message,
                    at: SourceLocation(file: s.path, line: cell?.line ?? record.line, column: cell?.column ?? 1),
                    hint: hint))
        }
        // Text of a cell; nil (and a diagnostic) when it is not UTF-8.
        var encodingBad = false
        func text(_ name: String) -> String? {
            guard let cell = row.cell(name) else { return "" }
            guard let t = cell.text else {
                let latin1 = String(decoding: cell.bytes.map { UInt16($0) }, as: UTF16.self)
                diag(
                    .encoding, "the \(name) cell is not UTF-8 text (it reads as '\(latin1)' in Latin-1/Windows-1252)",
                    cell, hint: "Re-save the file as UTF-8: in Excel, File › Save As › 'CSV UTF-8 (Comma delimited)'.")
                encodingBad = true
                return nil
            }
            let trimmed = t.trimmedSpaces
            if trimmed != t, !trimmed.isEmpty, name == "element" || name == "value" || name == "unit" {
                diag(
                    .strayWhitespace, "spaces around '\(trimmed)' in the \(name) cell were removed", cell,
                    hint: "Nothing is lost; clean the cell to silence this.")
            }
            return trimmed
        }

        // Extra cells beyond the header: an unquoted comma, usually. Trailing empty cells are fine.
        if record.cells.count > header.cells.count {
            let extra = record.cells[header.cells.count...]
            if extra.contains(where: { !$0.bytes.allSatisfy { $0 == 32 } }) {
                let first = extra.first { !$0.bytes.allSatisfy { $0 == 32 } }!
                // The usual cause: a grouped number without quotes (3,57,440 → cells 3 | 57 | 440).
                if let v = columns["value"], v + 1 < record.cells.count {
                    let groups = record.cells[v...].prefix { cell in
                        guard let t = cell.text, !t.isEmpty, t.count <= 3 else { return false }
                        return t.allSatisfy(\.isNumber)
                    }.compactMap(\.text)
                    if groups.count >= 2, groups.count >= record.cells.count - header.cells.count + 1 {
                        let number = groups.prefix(record.cells.count - header.cells.count + 1).joined(separator: ",")
                        diag(
                            .raggedRow,
                            "row has \(record.cells.count) cells but the header has \(header.cells.count): the value \(number) is a grouped number without quotes",
                            record.cells[v],
                            hint:
                                "Write it in quotes, \"\(number)\", or without commas: \(number.replacingOccurrences(of: ",", with: ""))."
                        )
                        reject(row.cell("element")?.text?.trimmedSpaces, "more cells than the header")
                        return
                    }
                }
                diag(
                    .raggedRow, "row has \(record.cells.count) cells but the header has \(header.cells.count)", first,
                    hint: "A value with a comma must be quoted: \"31,24,458\". Notes with commas need quotes too.")
                reject(row.cell("element")?.text?.trimmedSpaces, "more cells than the header")
                return
            }
        }
        let elementText = text("element")
        let valueText = text("value")
        let unitText = text("unit")
        let sourceText = text("source")
        let notesText = text("notes")
        let yearText = text("data_year")
        guard !encodingBad, let elementID = elementText, let valueRaw = valueText else {
            reject(elementText, "not UTF-8 text")
            return
        }
        let elementCell = row.cell("element")
        let valueCell = row.cell("value")
        if elementID.isEmpty {
            if valueRaw.isEmpty {
                s.blankLines += 1
                return
            }
            diag(
                .missingElementName, "row has a value but no element id", elementCell,
                hint: "Fill in the element column with an id from the template.")
            reject(nil, "no element id")
            return
        }
        guard let element = catalog.elements[elementID] else {
            let department = s.department
            let suggestion = suggestions.nearest("\(department ?? "")/\(elementID)") {
                let candidates = department.map { d in catalog.elements(of: d).map(\.id) } ?? []
                return Suggest.nearest(elementID, in: candidates)
                    ?? Suggest.nearest(elementID, in: catalog.elements.keys)
            }
            diag(
                .unknownElement, "unknown element '\(elementID)'", elementCell,
                hint: (suggestion.map { "Did you mean '\($0)'? " } ?? "")
                    + "Use the element ids of the template (`cityind templates`).")
            reject(elementID, "unknown element")
            return
        }
        if let department = s.department, element.department != department {
            let owner = catalog.departments[element.department]?.name ?? element.department
            diag(
                .wrongDepartment,
                "element '\(elementID)' is submitted by \(owner) (\(element.department).csv), not by this file's department (\(department))",
                elementCell, hint: "Move the row to \(element.department).csv, or ask that department to submit it.")
            reject(elementID, "belongs to department \(element.department)")
            return
        }
        if let first = firstLine[elementID] {
            diag(
                .duplicateElement, "element '\(elementID)' is given again (first on line \(first))", elementCell,
                hint: "Keep one row per element; delete or correct one of them.")
            reject(elementID, "duplicate of line \(first)")
            return
        }
        firstLine[elementID] = record.line
        if valueRaw.isEmpty {
            s.rows.append(SubmissionRow(line: record.line, outcome: .notReported(element: elementID)))
            return
        }

        // The value, as a number (booleans as yes/no).
        var number: Double
        if element.kind == .boolean,
            let b = ["yes": 1.0, "no": 0, "true": 1, "false": 0, "y": 1, "n": 0][valueRaw.lowercased()]
        {
            number = b
        } else {
            switch NumberText.parseSubmission(valueRaw, quoted: valueCell?.quoted ?? false) {
            case .success(let v): number = v
            case .failure(let problem):
                switch problem {
                case .notANumber(let hint):
                    diag(.notANumber, "value '\(valueRaw)' for \(elementID) is not a number", valueCell, hint: hint)
                case .notFinite(let hint):
                    diag(
                        .notANumber, "value '\(valueRaw)' for \(elementID) is not a finite number", valueCell,
                        hint: hint)
                case .badGrouping:
                    diag(
                        .notANumber, "value '\(valueRaw)' for \(elementID) has commas that are not digit grouping",
                        valueCell,
                        hint:
                            "Use '.' for decimals; commas may only group digits: \"31,24,458\" (Indian) or \"3,124,458\" (international)."
                    )
                case .groupingUnquoted, .empty:
                    diag(
                        .notANumber, "value '\(valueRaw)' for \(elementID) is not a number", valueCell,
                        hint: "Quote grouped numbers: \"31,24,458\".")
                }
                reject(elementID, "value is not a number")
                return
            }
        }

        // The unit: the element's, or one that converts to it.
        var givenUnit = element.unit
        if let u = unitText, !u.isEmpty, u != element.unit.id {
            let unitCell = row.cell("unit")
            guard let unit = catalog.units[u] ?? catalog.units.values.first(where: { $0.symbol == u && !u.isEmpty })
            else {
                let sameFamily = catalog.units.values.filter { $0.converts(to: element.unit) }.map(\.id).sorted()
                let suggestion = Suggest.nearest(u, in: catalog.units.keys)
                diag(
                    .unknownUnit, "unknown unit '\(u)'", unitCell,
                    hint: (suggestion.map { "Did you mean '\($0)'? " } ?? "") + "\(elementID) is in \(element.unit.id)"
                        + (sameFamily.count > 1 ? "; accepted units: \(sameFamily.joined(separator: ", "))." : "."))
                reject(elementID, "unknown unit")
                return
            }
            guard unit.converts(to: element.unit) else {
                diag(
                    .inconvertibleUnit,
                    "unit '\(unit.id)' cannot be converted to \(element.unit.id), the unit of \(elementID)", unitCell,
                    hint: "Give the value in \(element.unit.id) (\(element.unit.title)).")
                reject(elementID, "unit cannot be converted")
                return
            }
            givenUnit = unit
            if unit.id != element.unit.id {
                let converted = unit.convert(number, to: element.unit)
                diag(
                    .unitConverted,
                    "\(Format.plain(number)) \(unit.id) converted to \(Format.plain(converted)) \(element.unit.id)",
                    unitCell)
                number = converted
            }
        }

        // Kind and bounds.
        if element.kind == .count && (number < 0 || number != number.rounded()) {
            diag(
                .notWholeOrNegative,
                "\(elementID) is a count, so \(valueRaw) is impossible: counts are whole numbers of 0 or more",
                valueCell, hint: "Check the figure; a count cannot be negative or have decimals.")
            reject(elementID, "not a whole, non-negative count")
            return
        }
        if element.kind == .amount && number < 0 {
            diag(
                .notWholeOrNegative, "\(elementID) cannot be negative: \(valueRaw)", valueCell,
                hint: "Give the amount as a positive number.")
            reject(elementID, "negative amount")
            return
        }
        let unitLabel = element.unit.id
        /// "below the minimum 0", "above the plausible maximum 1000", or nil inside the bounds.
        func outside(_ bounds: Bounds?, _ kind: String) -> String? {
            guard let bounds, !bounds.contains(number) else { return nil }
            if let min = bounds.min, number < min { return "below the \(kind)minimum \(Format.plain(min))" }
            return "above the \(kind)maximum \(Format.plain(bounds.max ?? 0))"
        }
        if let side = outside(element.bounds, "") {
            diag(
                .outOfBounds, "\(elementID) = \(Format.plain(number)) \(unitLabel) is \(side) \(unitLabel)", valueCell,
                hint: "Check the figure and its unit.")
            reject(elementID, "outside the element's bounds")
            return
        }
        if let side = outside(element.plausible, "plausible ") {
            diag(
                .implausible, "\(elementID) = \(Format.plain(number)) \(unitLabel) is \(side) \(unitLabel)", valueCell,
                hint: "Check the unit and the figure; if it is right, say why in the notes column.")
        }
        var dataYear: Int?
        if let y = yearText, !y.isEmpty {
            guard y.count == 4, let year = Int(y), (1900...2100).contains(year) else {
                diag(
                    .badDataYear, "data_year '\(y)' is not a year", row.cell("data_year"),
                    hint:
                        "Write the four-digit year the figure refers to, e.g. 2011 for a census count; leave it blank for the submission year."
                )
                reject(elementID, "bad data_year")
                return
            }
            dataYear = year
        }
        let source = sourceText.flatMap { $0.isEmpty ? nil : $0 }
        if source == nil {
            diag(
                .missingSource, "no source for '\(elementID)'; certification needs one", elementCell,
                hint: "Name the register, report or meter the figure comes from in the source column.")
        }
        s.rows.append(
            SubmissionRow(
                line: record.line,
                outcome: .accepted(
                    SubmittedValue(
                        element: elementID, value: number, written: valueRaw, writtenUnit: givenUnit.id, source: source,
                        notes: notesText.flatMap { $0.isEmpty ? nil : $0 }, dataYear: dataYear,
                        location: SourceLocation(
                            file: s.path, line: valueCell?.line ?? record.line, column: valueCell?.column ?? 1)))))
    }
}
