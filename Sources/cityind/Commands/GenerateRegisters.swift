import ArgumentParser
import CityIndicators
import CityIndicatorsSynthetic
import Foundation

struct GenerateRegisters: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate-registers",
        abstract: "Write synthetic departmental registers of any size, for benchmarks.",
        discussion: """
            Writes a workspace (city.yaml and one year folder) holding one CSV file per register
            of the catalog, together about --size bytes, shared out as in a large city (property
            assessments the largest). Records follow each register's schema; the same seed gives
            the same bytes. With --errors, that share of records gets one bad cell (a date written
            31/06/2024, "n/a" in a number, a misspelt category …).

            Examples:
              cityind generate-registers --out /tmp/registers --size 100MB
              cityind generate-registers --out bench --size 1GB --seed 7 --errors 0.001
              cityind generate-registers --out bench --size 10MB --register fire_calls
            """)

    @Option(help: ArgumentHelp("The folder to write the workspace into.", valueName: "dir"))
    var out: String

    @Option(help: "Total size: bytes, or with KB, MB or GB (1 GB = 10^9 bytes).")
    var size: String = "100MB"

    @Option(help: "The reporting year (the year folder).")
    var year: Int = 2024

    @Option(help: "Random seed.")
    var seed: UInt64 = 2017

    @Option(help: "Share of records with one bad cell, 0 to 1.")
    var errors: Double = 0

    @Option(name: .customLong("register"), help: "Only these registers (repeatable).")
    var registers: [String] = []

    @OptionGroup var catalogOptions: CatalogOptions

    /// How a large city's registers compare in size (property assessments the largest).
    static let shares: [String: Double] = [
        "property_assessments": 0.40, "births_deaths": 0.25, "grievances": 0.20,
        "water_quality_tests": 0.08, "fire_calls": 0.05, "health_facilities": 0.02,
    ]

    func validate() throws {
        if parsedSize == nil { throw ValidationError("--size must be a number of bytes, or end in KB, MB or GB (100MB)") }
        if !(0...1).contains(errors) { throw ValidationError("--errors must be between 0 and 1") }
    }

    var parsedSize: Int? {
        let t = size.uppercased().trimmingCharacters(in: .whitespaces)
        for (suffix, factor) in [("GB", 1e9), ("MB", 1e6), ("KB", 1e3), ("B", 1.0)] where t.hasSuffix(suffix) {
            return Double(t.dropLast(suffix.count).trimmingCharacters(in: .whitespaces)).map { Int($0 * factor) }
        }
        return Int(t)
    }

    func run() throws {
        let (catalog, _) = try catalogOptions.load()
        var chosen = registers.isEmpty ? catalog.registers.keys.sorted() : registers
        for id in chosen where catalog.registers[id] == nil {
            throw InputError("no register '\(id)'", hint: (Suggest.nearest(id, in: catalog.registers.keys).map { "Did you mean '\($0)'? " } ?? "") + "Registers: \(catalog.registers.keys.sorted().joined(separator: ", ")).")
        }
        chosen = chosen.sorted()
        let total = parsedSize ?? 0
        let weights = chosen.map { Self.shares[$0] ?? 0.05 }
        let sum = weights.reduce(0, +)
        let folder = (out as NSString).appendingPathComponent(String(year))
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let city = """
            # A fictional city whose registers were written by `cityind generate-registers` (seed \(seed)).
            name: Synthetic registers city
            country: India
            ulb_code: "999999"
            currency: INR
            frameworks: [iso37120-2018]
            year_basis: financial

            """
        try city.write(toFile: (out as NSString).appendingPathComponent("city.yaml"), atomically: true, encoding: .utf8)
        let t = Terminal.standardOutput
        for (id, w) in zip(chosen, weights) {
            var generator = RegisterGenerator(register: catalog.registers[id]!, year: year, seed: seed, errorRate: errors)
            let path = (folder as NSString).appendingPathComponent("\(id).csv")
            let bytes = Int(Double(total) * w / sum)
            let n = try generator.write(to: path, bytes: bytes)
            t.write("\(path): \(Format.grouped(n)) records, \(Format.grouped(bytes)) bytes\n")
        }
    }
}
