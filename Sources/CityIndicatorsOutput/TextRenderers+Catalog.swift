import CityIndicatorsBase
import CityIndicatorsCatalog
import CityIndicatorsCompute

extension TextRenderers {
    /// `cityind catalog --departments`.
    public static func departments(_ catalog: Catalog) -> String {
        table(
            ["department", "file", "name", "elements"],
            catalog.departments.values.sorted { $0.id < $1.id }.map {
                [$0.id, "\($0.id).csv", $0.name, String(catalog.elements(of: $0.id).count)]
            })
    }

    /// `cityind catalog --units`: each unit and those it converts with.
    public static func units(_ catalog: Catalog) -> String {
        table(
            ["unit", "symbol", "dimension", "converts with"],
            catalog.units.values.sorted { $0.id < $1.id }.map { u in
                let converts = catalog.units.values.filter { $0.id != u.id && u.converts(to: $0) }.map(\.id).sorted()
                return [u.id, u.symbol, u.dimension.description, converts.joined(separator: " ")]
            })
    }

    /// `cityind catalog --registers`.
    public static func registers(_ catalog: Catalog) -> String {
        table(
            ["register", "file", "department", "columns", "derives"],
            catalog.registers.values.sorted { $0.id < $1.id }.map { r in
                [
                    r.id, "\(r.id).csv", r.department, String(r.fields.count),
                    r.derivations.map(\.element).joined(separator: " "),
                ]
            })
    }

    /// `cityind catalog --elements`.
    public static func elements(_ catalog: Catalog) -> String {
        table(
            ["element", "department", "unit", "kind", "title"],
            catalog.sortedElements.map { [$0.id, $0.department, $0.unit.id, $0.kind.rawValue, $0.title] })
    }

    /// What `cityind check` counted, after the problems and before its verdict: indicators per
    /// framework, the size of the catalog and the worked examples run.
    public static func checkSummary(_ catalog: Catalog, outcome: CatalogCheck.Outcome) -> String {
        var text = ""
        for id in catalog.frameworks.keys.sorted() {
            let list = catalog.indicators(in: id)
            func count(_ type: IndicatorType) -> Int { list.filter { $0.type == type }.count }
            text +=
                "\(id): \(list.count) indicators (\(count(.core)) core, \(count(.supporting)) supporting, \(count(.profile)) profile)\n"
        }
        let derived = catalog.registers.values.reduce(0) { $0 + $1.derivations.count }
        text +=
            "\(catalog.units.count) units, \(catalog.departments.count) departments, \(catalog.elements.count) elements, "
        text +=
            "\(catalog.relations.count) relations, \(catalog.registers.count) registers deriving \(derived) elements\n"
        text +=
            "\(outcome.examples) worked examples: \(outcome.passed) passed, \(outcome.examples - outcome.passed) failed\n"
        return text
    }
}
