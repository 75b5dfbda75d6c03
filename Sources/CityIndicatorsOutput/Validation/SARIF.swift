import CityIndicatorsBase
import CityIndicatorsCatalog
import CityIndicatorsCompute
import CityIndicatorsIntake
import Foundation

/// Diagnostics as SARIF 2.1.0, for code-scanning views in CI.
public enum SARIF {
    struct Text: Encodable { var text: String }
    struct Rule: Encodable {
        var id: String
        var name: String
        var shortDescription: Text
        var help: Text
        var defaultConfiguration: [String: String]
    }
    struct Driver: Encodable {
        var name = "cityind"
        var version: String
        var rules: [Rule]
    }
    struct Tool: Encodable { var driver: Driver }
    struct Region: Encodable {
        var startLine: Int
        var startColumn: Int?
    }
    struct Artifact: Encodable { var uri: String }
    struct Physical: Encodable {
        var artifactLocation: Artifact
        var region: Region?
    }
    struct Location: Encodable { var physicalLocation: Physical }
    struct Result: Encodable {
        var ruleId: String
        var level: String
        var message: Text
        var locations: [Location]
    }
    struct Run: Encodable {
        var tool: Tool
        var results: [Result]
    }
    struct Log: Encodable {
        var schema = "https://json.schemastore.org/sarif-2.1.0.json"
        var version = "2.1.0"
        var runs: [Run]
        enum CodingKeys: String, CodingKey {
            case schema = "$schema"
            case version
            case runs
        }
    }

    public static func document(_ diagnostics: [Diagnostic], toolVersion: String = Documents.schemaVersion) throws
        -> String
    {
        let codes = Set(diagnostics.map(\.code))
        let rules = DiagnosticCode.allCases.filter { codes.contains($0) }.map { code in
            Rule(
                id: code.rawValue, name: String(describing: code), shortDescription: Text(text: code.title),
                help: Text(text: code.fix),
                defaultConfiguration: ["level": level(code.severity)])
        }
        let results = diagnostics.map { d in
            Result(
                ruleId: d.code.rawValue, level: level(d.severity),
                message: Text(text: d.message + (d.hint.map { " Hint: \($0)" } ?? "")),
                locations: d.location.map { l in
                    [
                        Location(
                            physicalLocation: Physical(
                                artifactLocation: Artifact(uri: uri(l.file)),
                                region: l.line > 0
                                    ? Region(startLine: l.line, startColumn: l.column > 0 ? l.column : nil) : nil))
                    ]
                } ?? [])
        }
        return try Documents.encode(
            Log(runs: [Run(tool: Tool(driver: Driver(version: toolVersion, rules: rules)), results: results)]))
    }

    /// A file path as a relative URI reference: spaces, `#`, `%` and `?` percent-encoded, so a
    /// folder name cannot end the path or start a fragment.
    static func uri(_ path: String) -> String {
        path.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? path
    }

    static func level(_ s: Severity) -> String {
        switch s {
        case .error: "error"
        case .warning: "warning"
        case .info: "note"
        }
    }
}
