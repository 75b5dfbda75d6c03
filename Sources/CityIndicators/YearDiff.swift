import Foundation

/// Element values and indicators that differ between two years in the store (`cityind diff`).
public struct YearDiff: Encodable, Sendable {
    public struct Change: Encodable, Sendable {
        public var id: String
        public var from: Double?
        public var to: Double?
        public var unit: String
        /// Relative change in per cent; nil when either value is missing or the first is zero.
        public var change: Double?

        init(id: String, from: Double?, to: Double?, unit: String) {
            self.id = id
            self.from = from
            self.to = to
            self.unit = unit
            if let from, let to, from != 0 { change = (to - from) / abs(from) * 100 }
        }
    }

    public var schemaVersion = Documents.schemaVersion
    public var city: String
    public var from: Int
    public var to: Int
    public var elements: [Change]
    public var indicators: [Change]

    /// Compares the latest revision of each department's submission of year `a` with year `b`.
    public static func make(city: City, from a: Int, to b: Int) throws -> YearDiff {
        let (store, cityID) = try city.stored()
        let old = try store.latest(cityID: cityID, year: a)
        let new = try store.latest(cityID: cityID, year: b)
        for (year, stored) in [(a, old), (b, new)] where stored.submissions.isEmpty {
            let years = try store.years(cityID: cityID).map(String.init).joined(separator: ", ")
            throw InputError("the store has no submissions for \(year)", hint: "Years in the store: \(years).")
        }
        let catalog = city.catalog
        let elements = Set(old.values.keys).union(new.values.keys).sorted().compactMap { id -> Change? in
            let x = old.values[id]?.value
            let y = new.values[id]?.value
            return x == y ? nil : Change(id: id, from: x, to: y, unit: catalog.elements[id]?.unit.id ?? "")
        }
        let frameworks = city.profile.frameworks
        let before = Dictionary(
            uniqueKeysWithValues: old.compute(catalog, frameworks: frameworks).map { ($0.indicator.id, $0) })
        let indicators = new.compute(catalog, frameworks: frameworks).compactMap { r -> Change? in
            let x = before[r.indicator.id]?.value
            return x == r.value ? nil : Change(id: r.indicator.id, from: x, to: r.value, unit: r.indicator.unit.id)
        }
        return YearDiff(city: city.profile.name, from: a, to: b, elements: elements, indicators: indicators)
    }

    /// Two tables: elements changed, indicators changed.
    public var text: String {
        func show(_ v: Double?) -> String { v.map { Format.readable($0) } ?? "—" }
        func percent(_ c: Double?) -> String {
            c.map { ($0 >= 0 ? "+" : "") + Format.fixed($0, decimals: 1) + " %" } ?? ""
        }
        func table(_ first: String, _ changes: [Change]) -> String {
            TextRenderers.table(
                [first, "\(from)", "\(to)", "unit", "change"],
                changes.map { [$0.id, show($0.from), show($0.to), $0.unit, percent($0.change)] })
        }
        var text = "\(city): \(from) → \(to)\n\n\(elements.count) element value(s) changed\n"
        text += table("element", elements)
        text += "\n\(indicators.count) indicator(s) changed\n"
        text += table("indicator", indicators)
        return text
    }
}
