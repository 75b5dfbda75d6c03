import Foundation

/// An element's or an indicator's values over the years and revisions in a store (`cityind history`).
public enum History {
    /// The history as text, for a city given by its ULB code.
    public static func text(of id: String, ulbCode: String, store: Store, catalog: Catalog) throws -> String {
        guard let cityID = try store.city(ulbCode: ulbCode)?.id else {
            let cities = try store.cities().map(\.ulbCode).joined(separator: ", ")
            throw InputError(
                "the store \(store.path) holds no city with ULB code \(ulbCode)", hint: "Cities in it: \(cities).")
        }
        if let element = catalog.elements[id] {
            let rows = try store.elementHistory(cityID: cityID, element: id).map { s, v in
                let value = v.value.map { Format.readable($0, decimals: $0 == $0.rounded() ? 0 : nil) } ?? "(blank)"
                let from = v.line > 0 ? "\(s.fileName):\(v.line)" : s.fileName
                return [String(s.year), String(s.revision), value, s.importedBy, s.importedAt, from]
            }
            var text = "\(id) — \(element.title) [\(element.unit.id)]\n\n"
            text += TextRenderers.table(["year", "rev", "value", "imported by", "imported at", "from"], rows)
            return text + (rows.isEmpty ? "(no values in the store)\n" : "")
        }
        if let indicator = catalog.indicator(id) {
            let rows = try store.indicatorHistory(cityID: cityID, indicator: id).map { c, r in
                let definition =
                    String(r.definitionHash.prefix(12))
                    + (r.definitionHash == indicator.definitionHash ? "" : " (older definition)")
                return [String(c.year), c.computedAt, r.status, r.value.map { Format.readable($0) } ?? "—", definition]
            }
            var text = "\(id) — \(indicator.title) [\(indicator.unit.label)]\n\n"
            text += TextRenderers.table(["year", "computed at", "status", "value", "definition"], rows)
            return text + (rows.isEmpty ? "(no results in the store)\n" : "")
        }
        throw catalog.unknownIndicatorOrElement(id)
    }
}
