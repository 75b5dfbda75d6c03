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

    @Option(help: ArgumentHelp("The folder to write the workspace into.", valueName: "dir")) var out: String

    @Option(help: "Total size: bytes, or with KB, MB or GB (1 GB = 10^9 bytes).") var size: String = "100MB"

    @Option(help: "The reporting year (the year folder).") var year: Int = 2024

    @Option(help: "Random seed.") var seed: UInt64 = 2017

    @Option(help: "Share of records with one bad cell, 0 to 1.") var errors: Double = 0

    @Option(name: .customLong("register"), help: "Only these registers (repeatable).") var registers: [String] = []

    @OptionGroup var catalogOptions: CatalogOptions

    func validate() throws {
        if RegisterGenerator.parseSize(size) == nil {
            throw ValidationError("--size must be a number of bytes, or end in KB, MB or GB (100MB)")
        }
        if !(0...1).contains(errors) { throw ValidationError("--errors must be between 0 and 1") }
    }

    func run() throws {
        let written = try RegisterGenerator.writeWorkspace(
            try catalogOptions.load(), registers: registers, into: out, bytes: RegisterGenerator.parseSize(size) ?? 0,
            year: year, seed: seed, errorRate: errors)
        for w in written {
            Terminal.standardOutput.write(
                "\(w.path): \(Format.grouped(w.records)) records, \(Format.grouped(w.bytes)) bytes\n")
        }
    }
}
