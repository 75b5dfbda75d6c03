import ArgumentParser
import CityIndicators
import CityIndicatorsStore
import Foundation

struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check departmental submission files before sending them.",
        discussion: """
            Reads each CSV file against the catalog and reports every problem in one pass, with
            file, line and column, what was expected and how to fix it. Files of one folder (one
            year) are also checked together: relations between elements of different departments.

            Examples:
              cityind validate water.csv
              cityind validate my-city/2024/
              cityind validate my-city            # every year of a workspace
              cityind validate water.csv --format json
              cityind validate my-city/2024 --format sarif > results.sarif
            """)

    enum OutputFormat: String, ExpressibleByArgument, CaseIterable { case text, json, sarif, github }

    @Argument(help: ArgumentHelp("CSV files, year folders or a workspace.", valueName: "path"))
    var paths: [String]

    @Option(help: "Output format: text, json, sarif (2.1.0) or github (workflow annotations).")
    var format: OutputFormat = .text

    @Flag(help: "Treat warnings as failures (exit 1).")
    var strict = false

    @Option(help: "List at most this many problems (all are still counted).")
    var maxErrors: Int = 200

    @OptionGroup var store: StoreOptions
    @OptionGroup var catalogOptions: CatalogOptions

    func validate() throws {
        if maxErrors < 0 { throw ValidationError("--max-errors must be 0 or more") }
    }

    func run() throws {
        // Checking submissions needs the data part of the catalog, not the indicators.
        let (catalog, _) = try catalogOptions.load(scope: .data)
        let groups = try expand(paths)
        let reader = SubmissionReader(catalog: catalog)
        var sets: [SubmissionSet] = []
        for group in groups {
            var set = SubmissionSet(submissions: try group.map { try reader.read(path: $0) }, catalog: catalog)
            if let first = group.first {
                compareWithPreviousYear(&set, yearDirectory: (first as NSString).deletingLastPathComponent, catalog: catalog, storePath: store.db)
            }
            sets.append(set)
        }
        let submissions = sets.flatMap(\.submissions)
        let diagnostics = sets.flatMap(\.allDiagnostics)
        let unlistedErrors = submissions.reduce(0) { $0 + $1.unlistedErrors }
        let unlistedWarnings = submissions.reduce(0) { $0 + $1.unlistedWarnings }
        let failing = diagnostics.errorCount + unlistedErrors > 0 || (strict && diagnostics.warningCount + unlistedWarnings > 0)
        switch format {
        case .json:
            let doc = Documents.ValidationDocument(files: submissions.map { Documents.FileSummary($0, diagnostics: diagnostics) }, diagnostics: diagnostics, errors: diagnostics.errorCount + unlistedErrors, warnings: diagnostics.warningCount + unlistedWarnings)
            Terminal.standardOutput.write(Documents.encode(doc))
        case .sarif:
            Terminal.standardOutput.write(SARIF.document(diagnostics))
            printSummary(submissions, diagnostics, catalog, to: Terminal.standardError)
        case .github:
            for d in diagnostics.prefix(maxErrors) {
                let kind = d.severity == .error ? "error" : d.severity == .warning ? "warning" : "notice"
                var props: [String] = ["title=\(d.code)"]
                if let l = d.location {
                    props.insert("file=\(l.file)", at: 0)
                    if l.line > 0 { props.append("line=\(l.line)") }
                    if l.column > 0 { props.append("col=\(l.column)") }
                }
                let message = (d.message + (d.hint.map { " — \($0)" } ?? "")).replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\n", with: "%0A")
                Terminal.standardOutput.write("::\(kind) \(props.joined(separator: ","))::\(message)\n")
            }
            printSummary(submissions, diagnostics, catalog, to: Terminal.standardError)
        case .text:
            let out = Terminal.standardOutput
            for d in diagnostics.prefix(maxErrors) { out.write(out.render(d)) }
            if diagnostics.count > maxErrors {
                out.write("… \(diagnostics.count - maxErrors) more problem(s) not listed (--max-errors \(maxErrors)); all are counted below.\n")
            }
            if !diagnostics.isEmpty { out.write("\n") }
            printSummary(submissions, diagnostics, catalog, to: out)
        }
        if failing { throw ExitCode(1) }
    }

    private func printSummary(_ submissions: [Submission], _ diagnostics: [Diagnostic], _ catalog: Catalog, to t: Terminal) {
        var errors = 0, warnings = 0
        for s in submissions {
            let mine = diagnostics.filter { $0.location?.file == s.path }
            // Register problems beyond the listing are counted by the register reader.
            let e = mine.errorCount + s.unlistedErrors
            let w = mine.warningCount + s.unlistedWarnings
            errors += e
            warnings += w
            let mark = e > 0 ? t.style("✗", .red) : w > 0 ? t.style("!", .yellow) : t.style("✓", .green)
            if let r = s.register {
                t.write("\(mark) \(s.path): register \(r.register), \(Format.grouped(r.records)) record(s): \(Format.grouped(r.accepted)) accepted, \(Format.grouped(r.rejected)) rejected — \(e) error(s), \(w) warning(s)\n")
                for d in r.derived {
                    let unit = catalog.elements[d.element]?.unit.id ?? ""
                    if let v = d.value {
                        t.write("    \(d.element) = \(Format.readable(v)) \(unit)  (\(d.derivation); \(Format.grouped(d.matched)) record(s) matched)\n")
                    } else {
                        t.write("    \(d.element): not derived — \(d.reason ?? "")\n")
                    }
                }
            } else {
                t.write("\(mark) \(s.path): \(s.acceptedCount) accepted, \(s.notReportedCount) not reported, \(s.rejectedCount) rejected — \(e) error(s), \(w) warning(s)\n")
            }
        }
        let crossFile = diagnostics.filter { d in !submissions.contains { $0.path == d.location?.file } }
        errors += crossFile.errorCount
        warnings += crossFile.warningCount
        let verdict = errors > 0 ? t.style("FAILED", .red) : (strict && warnings > 0) ? t.style("FAILED (strict)", .red) : t.style("OK", .green)
        t.write("\(verdict): \(submissions.count) file(s), \(errors) error(s), \(warnings) warning(s)\n")
    }

    /// Turns paths into groups of files checked together (one group per folder).
    private func expand(_ paths: [String]) throws -> [[String]] {
        var groups: [String: [String]] = [:]
        var order: [String] = []
        func add(_ file: String) {
            let dir = (file as NSString).deletingLastPathComponent
            if groups[dir] == nil { order.append(dir) }
            if !(groups[dir]?.contains(file) ?? false) { groups[dir, default: []].append(file) }
        }
        let fm = FileManager.default
        for path in paths {
            var isDir: ObjCBool = false
            guard fm.fileExists(atPath: path, isDirectory: &isDir) else {
                throw InputError("\(path): no such file or folder", hint: "Check the path.")
            }
            if !isDir.boolValue { add(path); continue }
            let entries = ((try? fm.contentsOfDirectory(atPath: path)) ?? []).sorted()
            let isWorkspace = entries.contains("city.yaml")
            var found = false
            for name in entries where !name.hasPrefix(".") {
                let full = (path as NSString).appendingPathComponent(name)
                var sub: ObjCBool = false
                _ = fm.fileExists(atPath: full, isDirectory: &sub)
                if sub.boolValue, isWorkspace, name.count == 4, Int(name) != nil {
                    for f in ((try? fm.contentsOfDirectory(atPath: full)) ?? []).sorted() where f.lowercased().hasSuffix(".csv") {
                        add((full as NSString).appendingPathComponent(f))
                        found = true
                    }
                } else if !sub.boolValue, name.lowercased().hasSuffix(".csv") {
                    add(full)
                    found = true
                }
            }
            if !found { throw InputError("\(path): no .csv files in this folder", hint: "Give CSV files, a year folder, or a workspace with year folders.") }
        }
        return order.map { groups[$0]! }
    }
}
