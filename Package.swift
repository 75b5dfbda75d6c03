// swift-tools-version: 6.1
import PackageDescription

// The library's targets are the stages of the pipeline, each depending only on earlier ones, so
// the compiler forbids a later stage from being used by an earlier one (docs/architecture.md):
//
//   Base → Catalog → Intake → Compute → Output ─┐
//                                  └──→ Store ───┴→ CityIndicators (use cases) → cityind
//
// Fuzz entry points and synthetic-data generators are targets of their own that the
// `CityIndicators` library product does not contain.
let yams = Target.Dependency.product(name: "Yams", package: "Yams")

let package = Package(
    name: "CityIndicators",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "cityind", targets: ["cityind"]),
        .library(name: "CityIndicators", targets: ["CityIndicators"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    ],
    targets: [
        // Diagnostics and locations, number text, file sniffing and digests, the one CSV tokenizer.
        .target(
            name: "CityIndicatorsBase",
            dependencies: [.product(name: "Crypto", package: "swift-crypto")]
        ),
        // Embeds Indicators/**.yaml into the catalog target before every build (Plugins/EmbedCatalog),
        // so the built binary carries its catalog and runs from any directory.
        .plugin(name: "EmbedCatalog", capability: .buildTool()),
        // The catalog model and its strict loader, units, the expression language, register schemas.
        .target(
            name: "CityIndicatorsCatalog",
            dependencies: ["CityIndicatorsBase", yams],
            plugins: ["EmbedCatalog"]
        ),
        // Workspaces, submissions and submission sets, the register reader.
        .target(name: "CityIndicatorsIntake", dependencies: ["CityIndicatorsCatalog", yams]),
        // Indicator results, certification levels, index scoring, the catalog check.
        .target(name: "CityIndicatorsCompute", dependencies: ["CityIndicatorsIntake"]),
        // JSON documents, text tables, SARIF and annotations, templates, explanations, reports.
        .target(name: "CityIndicatorsOutput", dependencies: ["CityIndicatorsCompute"]),
        // The SQLite store (GRDB on the system libsqlite3): history, provenance, revisions.
        .target(
            name: "CityIndicatorsStore",
            dependencies: ["CityIndicatorsCompute", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        // The use cases the commands call (open a city, status, diff, the previous-year policy …);
        // re-exports every stage for users of the library.
        .target(name: "CityIndicators", dependencies: ["CityIndicatorsOutput", "CityIndicatorsStore"]),
        .executableTarget(
            name: "cityind",
            dependencies: [
                "CityIndicators", "CityIndicatorsSynthetic",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Not in the library: synthetic cities and registers for benchmarks, fuzz entry points.
        .target(name: "CityIndicatorsSynthetic", dependencies: ["CityIndicatorsIntake"]),
        .target(name: "CityIndicatorsFuzz", dependencies: ["CityIndicatorsCompute"]),
        // Test support: an import that pauses inside its transaction, for the kill -9 test.
        .executableTarget(name: "store-fault", dependencies: ["CityIndicators"]),
        .testTarget(
            name: "CityIndicatorsTests",
            // The end-to-end tests run the built `cityind` binary, so it is built first.
            dependencies: [
                "CityIndicators", "CityIndicatorsFuzz", "CityIndicatorsSynthetic", "cityind", "store-fault",
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            // Expected report files and fuzz regression inputs, read from disk by the tests (not resources).
            exclude: ["Golden", "FuzzRegressions", "GoldenCity"]
        ),
    ]
)

// libFuzzer targets, built only for fuzzing: CITYIND_FUZZ=1 scripts/fuzz.sh (docs/fuzzing.md).
if Context.environment["CITYIND_FUZZ"] != nil {
    for name in ["FuzzCSV", "FuzzExpression", "FuzzCatalog", "FuzzRegister"] {
        package.targets.append(.executableTarget(name: name, dependencies: ["CityIndicatorsFuzz"]))
    }
}
