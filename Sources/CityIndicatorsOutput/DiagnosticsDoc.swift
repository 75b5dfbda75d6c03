import CityIndicatorsBase
import CityIndicatorsCatalog
import CityIndicatorsCompute

/// The diagnostics catalog, `docs/diagnostics.md`, generated from `DiagnosticCode`.
public enum DiagnosticsDoc {
    public static func markdown() -> String {
        var out = """
        # Diagnostics

        Generated from `Sources/CityIndicators/Diagnostics/DiagnosticCode.swift` by `cityind docs --out docs`; do not edit by hand.

        Every problem is printed like a compiler's: `file:line:column: severity[CODE]: message`, then a
        hint saying how to fix it. Codes are stable. `C` codes concern the catalog (`Indicators/`,
        `city.yaml`), `V` codes submission files, `W` codes a workspace.

        Severity: **error** means the row (or file) was rejected and the command exits 1; **warning**
        means the value was kept but needs a look (`--strict` makes warnings fail); **info** is a note.

        """
        for prefix in ["C", "V", "W"] {
            let title = ["C": "Catalog", "V": "Submissions", "W": "Workspaces"][prefix]!
            out += "\n## \(title)\n\n| code | severity | meaning | example | how to fix |\n|---|---|---|---|---|\n"
            for code in DiagnosticCode.allCases where code.rawValue.hasPrefix(prefix) {
                let (message, fix) = code.example
                out += "| \(code.rawValue) | \(code.severity.rawValue) | \(TextRenderers.md(code.title)) | `\(message.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "`", with: "'"))` | \(TextRenderers.md(fix)) |\n"
            }
        }
        return out
    }
}
