// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "CityIndicators",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "cityind", targets: ["cityind"]),
        .library(name: "CityIndicators", targets: ["CityIndicators"]),
        .library(name: "CityIndicatorsStore", targets: ["CityIndicatorsStore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    ],
    targets: [
        // Embeds Indicators/**.yaml into the library before every build (Plugins/EmbedCatalog),
        // so the built binary carries its catalog and runs from any directory.
        .plugin(name: "EmbedCatalog", capability: .buildTool()),
        .target(
            name: "CityIndicators",
            dependencies: [
                .product(name: "Yams", package: "Yams"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            plugins: ["EmbedCatalog"]
        ),
        // The SQLite store (GRDB on the system libsqlite3): history, provenance, revisions.
        .target(
            name: "CityIndicatorsStore",
            dependencies: ["CityIndicators", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .executableTarget(
            name: "cityind",
            dependencies: [
                "CityIndicators",
                "CityIndicatorsStore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "CityIndicatorsTests",
            // The end-to-end tests run the built `cityind` binary, so it is built first.
            dependencies: [
                "CityIndicators", "CityIndicatorsStore", "cityind",
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            // Expected report files and fuzz regression inputs, read from disk by the tests (not resources).
            exclude: ["Golden", "FuzzRegressions"]
        ),
    ]
)

// libFuzzer targets, built only for fuzzing: CITYIND_FUZZ=1 scripts/fuzz.sh (docs/fuzzing.md).
if Context.environment["CITYIND_FUZZ"] != nil {
    for name in ["FuzzCSV", "FuzzExpression", "FuzzCatalog", "FuzzRegister"] {
        package.targets.append(.executableTarget(name: name, dependencies: ["CityIndicators"]))
    }
}
