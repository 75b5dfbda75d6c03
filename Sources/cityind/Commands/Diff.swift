import ArgumentParser
import CityIndicators
import CityIndicatorsStore
import Foundation

struct Diff: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List element values and indicators that differ between two years in the store.",
        discussion: """
            Compares the latest revision of each department's submission of year A with year B.

            Examples:
              cityind diff SampleData/sahyadrinagar --year 2023 --year 2024
              cityind diff my-city --year 2023 --year 2024 --format json
            """)

    enum OutputFormat: String, ExpressibleByArgument, CaseIterable { case text, json }

    @Argument(help: ArgumentHelp("The city workspace.", valueName: "workspace"))
    var workspace: String

    @Option(name: .customLong("year"), help: "The two years to compare (give --year twice).")
    var years: [Int] = []

    @Option(help: "Output format: text or json.")
    var format: OutputFormat = .text

    @OptionGroup var store: StoreOptions
    @OptionGroup var catalogOptions: CatalogOptions

    func validate() throws {
        if years.count != 2 { throw ValidationError("give exactly two years: --year A --year B") }
    }

    struct Change: Encodable {
        var id: String
        var from: Double?
        var to: Double?
        var unit: String
        var change: Double?
    }

    struct Document: Encodable {
        var schemaVersion = Documents.schemaVersion
        var city: String
        var from: Int
        var to: Int
        var elements: [Change]
        var indicators: [Change]
    }

    func run() throws {
        let (catalog, _) = try catalogOptions.load()
        let ws = try Workspace.open(workspace, catalog: catalog)
        let db = try openStore(store.path(workspace: workspace)!, create: false)
        guard let cityID = try db.city(ulbCode: ws.city.ulbCode)?.id else {
            throw InputError("the store \(db.path) holds nothing for \(ws.city.name)", hint: "Run `cityind import \(workspace)` first.")
        }
        let a = try db.latest(cityID: cityID, year: years[0])
        let b = try db.latest(cityID: cityID, year: years[1])
        for (y, s) in [(years[0], a), (years[1], b)] where s.submissions.isEmpty {
            throw InputError("the store has no submissions for \(y)", hint: "Years in the store: \(try db.years(cityID: cityID).map(String.init).joined(separator: ", ")).")
        }
        func change(_ x: Double?, _ y: Double?) -> Double? {
            guard let x, let y, x != 0 else { return nil }
            return (y - x) / abs(x) * 100
        }
        let ids = Set(a.values.keys).union(b.values.keys).sorted()
        let elements = ids.compactMap { id -> Change? in
            let x = a.values[id]?.value, y = b.values[id]?.value
            if x == y { return nil }
            return Change(id: id, from: x, to: y, unit: catalog.elements[id]?.unit.id ?? "", change: change(x, y))
        }
        let ra = Dictionary(uniqueKeysWithValues: a.compute(catalog, frameworks: ws.city.frameworks).map { ($0.indicator.id, $0) })
        let rb = b.compute(catalog, frameworks: ws.city.frameworks)
        let indicators = rb.compactMap { r -> Change? in
            let x = ra[r.indicator.id]?.value, y = r.value
            if x == y { return nil }
            return Change(id: r.indicator.id, from: x, to: y, unit: r.indicator.unit.id, change: change(x, y))
        }
        if format == .json {
            Terminal.standardOutput.write(Documents.encode(Document(city: ws.city.name, from: years[0], to: years[1], elements: elements, indicators: indicators)))
            return
        }
        func show(_ v: Double?) -> String { v.map { Format.readable($0) } ?? "—" }
        func pct(_ c: Double?) -> String { c.map { ($0 >= 0 ? "+" : "") + Format.fixed($0, decimals: 1) + " %" } ?? "" }
        let out = Terminal.standardOutput
        out.write("\(ws.city.name): \(years[0]) → \(years[1])\n\n\(elements.count) element value(s) changed\n")
        out.write(TextRenderers.table(["element", "\(years[0])", "\(years[1])", "unit", "change"], elements.map { [$0.id, show($0.from), show($0.to), $0.unit, pct($0.change)] }))
        out.write("\n\(indicators.count) indicator(s) changed\n")
        out.write(TextRenderers.table(["indicator", "\(years[0])", "\(years[1])", "unit", "change"], indicators.map { [$0.id, show($0.from), show($0.to), $0.unit, pct($0.change)] }))
    }
}
