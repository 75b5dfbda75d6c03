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
        var cities: [String: City] = [:]
        /// Each workspace opened once, however many of its folders are given.
        func city(_ workspace: String) throws -> City {
            if let opened = cities[workspace] { return opened }
            let opened = try City.open(workspace, catalog: catalog, store: storePath)
            cities[workspace] = opened
            return opened
        }
        /// A year folder of a workspace is listed by the workspace: stray files (W002) and links
        /// that lead out of it are its rules, whichever way the folder was named.
        func yearFiles(_ city: City, _ year: Int) throws -> [String] {
            let (csv, strays) = try city.workspace.files(year: year)
            workspaceDiagnostics += strays
            return csv
        }
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
            let files: [String]
            if !isDirectory.boolValue {
                files = [path]
            } else if Workspace.isWorkspace(path) {
                let opened = try city(path)
                workspaceDiagnostics += opened.workspace.diagnostics  // city.yaml, when the workspace is given
                files = try opened.workspace.years.flatMap { try yearFiles(opened, $0) }
            } else if let (workspace, year) = Workspace.yearFolder(path) {
                files = try yearFiles(try city(workspace), year)
            } else {
                files = try Workspace.csvFiles(in: path)
            }
            guard !files.isEmpty else { throw noFiles(path) }
            files.forEach(add)
        }
        let reader = SubmissionReader(catalog: catalog)
        var sets: [SubmissionSet] = []
        for group in groups {
            var set = SubmissionSet(submissions: try group.files.map { try reader.read(path: $0) }, catalog: catalog)
            if let (workspace, year) = Workspace.yearFolder(group.folder),
                let earlier = try city(workspace).earlierYear(before: year)
            {
                set.compare(with: earlier, catalog: catalog)
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
