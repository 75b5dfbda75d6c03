import CityIndicatorsBase
import CityIndicatorsCatalog
import CityIndicatorsCompute
import CityIndicatorsIntake
import Foundation

/// Fill-in templates for departments (`cityind templates`): one CSV per department listing every
/// element it owes for the chosen frameworks, plus a Frictionless `datapackage.json`.
public enum Templates {
    public static let columns = [
        "element", "value", "unit", "source", "notes", "data_year", "title", "expected_unit", "description",
    ]

    public struct File: Sendable {
        public var department: String
        public var name: String
        public var text: String
        /// Rows kept from an earlier file whose element is no longer owed (never dropped).
        public var keptExtraRows: [String]
        public var keptValues: Int
    }

    /// The elements a department owes: those used by an indicator of the frameworks.
    public static func owed(_ catalog: Catalog, department: String, frameworks: [String]) -> [DataElement] {
        var used = Set<String>()
        for i in catalog.indicators where frameworks.contains(i.framework) { used.formUnion(i.formula.elements) }
        return catalog.elements(of: department).filter { used.contains($0.id) }
    }

    /// A department's template; `existing` is the bytes of a file already there, whose filled-in
    /// cells are kept.
    public static func make(_ catalog: Catalog, department: String, frameworks: [String], existing: [UInt8]? = nil)
        -> File
    {
        var previous: [String: [String: String]] = [:]
        var previousOrder: [String] = []
        if let existing {
            let delimiter: UInt8 =
                (existing.prefix(4096).firstIndex(of: 10).map { existing[..<$0] } ?? existing[...]).contains(44)
                ? 44 : 59
            let reader = CSVReader(bytes: existing, delimiter: delimiter)
            if let header = reader.next() {
                let names = header.cells.map { ($0.text ?? "").trimmingCharacters(in: .whitespaces).lowercased() }
                while let record = reader.next() {
                    var row: [String: String] = [:]
                    for (i, cell) in record.cells.enumerated() where i < names.count { row[names[i]] = cell.text ?? "" }
                    guard let id = row["element"]?.trimmingCharacters(in: .whitespaces), !id.isEmpty else { continue }
                    if previous[id] == nil { previousOrder.append(id) }
                    previous[id] = row
                }
            }
        }
        var text = CSVText.row(columns)
        var kept = 0
        let elements = owed(catalog, department: department, frameworks: frameworks)
        for e in elements {
            let old = previous[e.id] ?? [:]
            if !(old["value"] ?? "").trimmingCharacters(in: .whitespaces).isEmpty { kept += 1 }
            let unit = (old["unit"] ?? "").isEmpty ? e.unit.id : old["unit"]!
            text += CSVText.row([
                e.id, old["value"] ?? "", unit, old["source"] ?? "", old["notes"] ?? "", old["data_year"] ?? "",
                e.title, expectedUnit(e.unit), describe(e, catalog),
            ])
        }
        let owedIDs = Set(elements.map(\.id))
        let extra = previousOrder.filter {
            !owedIDs.contains($0) && !(previous[$0]?.values.allSatisfy { $0.isEmpty } ?? true)
        }
        for id in extra {
            let old = previous[id]!
            let e = catalog.elements[id]
            let filled = ["value", "unit", "source", "notes", "data_year"].map { old[$0] ?? "" }
            let title: String = e?.title ?? old["title"] ?? ""
            let unit: String = e.map { expectedUnit($0.unit) } ?? old["expected_unit"] ?? ""
            let description: String = e?.description ?? old["description"] ?? ""
            text += CSVText.row([id] + filled + [title, unit, description])
        }
        return File(
            department: department, name: "\(department).csv", text: text, keptExtraRows: extra, keptValues: kept)
    }

    /// The element's description, and when a register can give it, how (so a department that
    /// sends the register leaves the row blank instead of submitting the total twice).
    static func describe(_ e: DataElement, _ catalog: Catalog) -> String {
        guard let (register, d) = catalog.derivation(of: e.id) else { return e.description }
        return e.description
            + " Or send the \(register.id) register (\(register.id).csv) and leave this row blank: it gives \(d.source)."
    }

    static func expectedUnit(_ u: CityIndicatorsCatalog.Unit) -> String {
        u.id == u.title ? u.id : "\(u.id) (\(u.title))"
    }

    /// A Frictionless Data Package describing the templates' columns and constraints.
    public static func dataPackage(_ catalog: Catalog, files: [File], frameworks: [String]) throws -> String {
        struct Constraints: Encodable {
            var required: Bool?
            var `enum`: [String]?
            var minimum: Int?
            var maximum: Int?
        }
        struct Field: Encodable {
            var name: String
            var type: String
            var description: String
            var constraints: Constraints?
        }
        struct Schema: Encodable {
            var fields: [Field]
            var primaryKey: [String]
            var missingValues: [String]
        }
        struct Dialect: Encodable {
            var delimiter = ","
            var header = true
            var quoteChar = "\""
        }
        struct Resource: Encodable {
            var name: String
            var path: String
            var profile = "tabular-data-resource"
            var format = "csv"
            var mediatype = "text/csv"
            var encoding = "utf-8"
            var title: String
            var description: String
            var dialect = Dialect()
            var schema: Schema
        }
        struct Package: Encodable {
            var profile = "tabular-data-package"
            var name: String
            var title: String
            var description: String
            var resources: [Resource]
        }
        let resources = files.map { file -> Resource in
            let ids = owed(catalog, department: file.department, frameworks: frameworks).map(\.id) + file.keptExtraRows
            let units = catalog.units.keys.sorted()
            return Resource(
                name: file.department.replacingOccurrences(of: "_", with: "-"), path: file.name,
                title: catalog.departments[file.department]?.name ?? file.department,
                description:
                    "Data elements owed by \(catalog.departments[file.department]?.name ?? file.department) for \(frameworks.joined(separator: ", ")). A blank value means not reported.",
                schema: Schema(
                    fields: [
                        Field(
                            name: "element", type: "string", description: "Data element id (do not change).",
                            constraints: Constraints(required: true, enum: ids)),
                        Field(
                            name: "value", type: "number",
                            description: "The figure, in the unit of the unit column. Blank = not reported.",
                            constraints: nil),
                        Field(
                            name: "unit", type: "string",
                            description: "Unit id; the expected unit or one that converts to it.",
                            constraints: Constraints(enum: units)),
                        Field(
                            name: "source", type: "string",
                            description: "Register, report or meter the figure comes from.", constraints: nil),
                        Field(
                            name: "notes", type: "string", description: "Method notes; why a value is blank.",
                            constraints: nil),
                        Field(
                            name: "data_year", type: "year",
                            description: "The year the figure refers to, when not the submission year.",
                            constraints: Constraints(minimum: 1900, maximum: 2100)),
                        Field(
                            name: "title", type: "string",
                            description: "Guidance: the element's title (ignored on read).", constraints: nil),
                        Field(
                            name: "expected_unit", type: "string",
                            description: "Guidance: the element's unit (ignored on read).", constraints: nil),
                        Field(
                            name: "description", type: "string",
                            description: "Guidance: what to count (ignored on read).", constraints: nil),
                    ], primaryKey: ["element"], missingValues: [""]))
        }
        let package = Package(
            name: "cityindicators-templates", title: "CityIndicators submission templates",
            description:
                "Departmental submission templates for \(frameworks.joined(separator: ", ")), generated by cityind templates.",
            resources: resources)
        return try Documents.encode(package)
    }
}
