// Test support, not shipped: imports a workspace year with a pause inside the first file's
// import transaction, so a test can SIGKILL it there (Tests/…/StoreProcessTests.swift).
// Usage: store-fault WORKSPACE YEAR SECONDS
import CityIndicators
import Foundation

let arguments = CommandLine.arguments
guard arguments.count == 4, let year = Int(arguments[2]), let seconds = Double(arguments[3]) else {
    FileHandle.standardError.write(Data("usage: store-fault WORKSPACE YEAR SECONDS\n".utf8))
    exit(2)
}
do {
    let city = try City.open(arguments[1], catalog: try CatalogChoice().load())
    let store = try Store(
        path: city.storePath,
        insideImportTransaction: { file in
            FileHandle.standardError.write(Data("paused inside the import transaction of \(file)\n".utf8))
            Thread.sleep(forTimeInterval: seconds)
        })
    _ = try city.importYears([year], into: store, by: "store-fault")
} catch {
    FileHandle.standardError.write(Data("\(error)\n".utf8))
    exit(2)
}
