import Foundation

/// What `validate` checks: files, year folders and workspaces, each group of files of one year
/// checked together (relations across departments) and against the earlier year.
public struct Validation: Sendable {
    /// One set per year folder (or per folder of loose files), in the order given.
    public var sets: [SubmissionSet]
    /// Problems of the workspaces themselves (`city.yaml`), before those of the files.
    public var workspaceDiagnostics: [Diagnostic]

    public var submissions: [Submission] { sets.flatMap(\.submissions) }
    public var diagnostics: [Diagnostic] { workspaceDiagnostics + sets.flatMap(\.allDiagnostics) }

    /// Errors and warnings of the whole run, register problems counted but not listed included.
    public var tally: Tally {
        submissions.reduce(Tally(errors: diagnostics.errorCount, warnings: diagnostics.warningCount)) {
            $0 + Tally(errors: $1.unlistedErrors, warnings: $1.unlistedWarnings)
        }
    }

    /// Reads and checks `paths`: a file, a folder of files (a year folder), or a workspace (every
    /// year folder; `city.yaml` is checked too). A year folder inside a workspace is compared with
    /// the earlier year by `City`'s policy (`storePath` overrides the workspace's store).
    public static func run(paths: [String], catalog: Catalog, storePath: String? = nil) throws -> Validation {
        var groups: [(folder: String, files: [String])] = []
        var workspaceDiagnostics: [Diagnostic] = []
        func add(_ file: String) {
            let folder = (file as NSString).deletingLastPathComponent
            if let i = groups.firstIndex(where: { $0.folder == folder }) {
                if !groups[i].files.contains(file) { groups[i].files.append(file) }
            } else {
                groups.append((folder, [file]))
            }
        }
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw InputError("\(path): no such file or folder", hint: "Check the path.")
            }
            if !isDirectory.boolValue {
                add(path)
            } else if Workspace.isWorkspace(path) {
                let city = try City.open(path, catalog: catalog, store: storePath)
                workspaceDiagnostics += city.workspace.diagnostics
                let years = try city.workspace.years.map { try city.workspace.files(year: $0) }
                workspaceDiagnostics += years.flatMap(\.diagnostics)
                let files = years.flatMap(\.csv)
                guard !files.isEmpty else { throw noFiles(path) }
                files.forEach(add)
            } else {
                let files = try Workspace.csvFiles(in: path)
                guard !files.isEmpty else { throw noFiles(path) }
                files.forEach(add)
            }
        }
        let reader = SubmissionReader(catalog: catalog)
        var sets: [SubmissionSet] = []
        for group in groups {
            var set = SubmissionSet(submissions: try group.files.map { try reader.read(path: $0) }, catalog: catalog)
            if let (workspace, year) = Workspace.yearFolder(group.folder) {
                let city = try City.open(workspace, catalog: catalog, store: storePath)
                if let earlier = try city.earlierYear(before: year) { set.compare(with: earlier, catalog: catalog) }
            }
            sets.append(set)
        }
        return Validation(sets: sets, workspaceDiagnostics: workspaceDiagnostics)
    }

    private static func noFiles(_ path: String) -> InputError {
        InputError(
            "\(path): no .csv files in this folder",
            hint: "Give CSV files, a year folder, or a workspace with year folders.")
    }
}
