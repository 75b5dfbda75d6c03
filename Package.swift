// swift-tools-version: 6.1
import PackageDescription

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
        .executableTarget(
            name: "cityind",
            dependencies: [
                "CityIndicators",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "CityIndicatorsTests",
            // The end-to-end tests run the built `cityind` binary, so it is built first.
            dependencies: ["CityIndicators", "cityind"],
            // Expected report files, read from disk by ReportGoldenTests (not resources).
            exclude: ["Golden"]
        ),
    ]
)
