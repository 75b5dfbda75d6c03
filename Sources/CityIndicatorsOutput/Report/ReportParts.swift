import CityIndicatorsBase
import CityIndicatorsCatalog
import CityIndicatorsCompute
import CityIndicatorsIntake
import Foundation

/// How many indicators of one theme a city-year reports.
public struct ThemeCompleteness: Sendable, Codable, Equatable {
    public var theme: String
    public var clause: String
    public var title: String
    public var indicators: Int
    public var computed: Int
    public var notComputable: Int
    public var notSubmitted: Int
    public var notDefined: Int
    public var core: Int
    public var coreComputed: Int

    /// Share computed, 0…1 (0 for an empty theme).
    public var share: Double { indicators == 0 ? 0 : Double(computed) / Double(indicators) }

    static func rows(_ framework: Framework, _ results: [IndicatorResult]) -> [ThemeCompleteness] {
        framework.themes.compactMap { theme in
            let list = results.filter { $0.indicator.theme == theme.id }
            guard !list.isEmpty else { return nil }
            func n(_ s: ResultStatus) -> Int { list.filter { $0.status == s }.count }
            let core = list.filter { $0.indicator.type == .core }
            return ThemeCompleteness(
                theme: theme.id, clause: theme.clause, title: theme.title, indicators: list.count,
                computed: n(.computed), notComputable: n(.notComputable), notSubmitted: n(.notSubmitted),
                notDefined: n(.notDefined),
                core: core.count, coreComputed: core.filter { $0.status == .computed }.count)
        }
    }
}

/// How many of the data elements a department owes for the framework it submitted.
public struct DepartmentCompleteness: Sendable, Codable, Equatable {
    public var department: String
    public var name: String
    /// Elements the framework's indicators read that this department owns.
    public var owed: Int
    public var reported: Int
    /// Rows whose value was left blank.
    public var leftBlank: Int
    /// Owed elements with no accepted or blank row (missing, or rejected).
    public var absent: Int
    /// Owed element ids not reported (blank or absent), sorted.
    public var missing: [String]
    /// The department's submission files this year (workspace-relative), sorted.
    public var files: [String]

    public var share: Double { owed == 0 ? 0 : Double(reported) / Double(owed) }

    static func rows(_ catalog: Catalog, _ results: [IndicatorResult], _ set: SubmissionSet, _ relative: RelativePaths)
        -> [DepartmentCompleteness]
    {
        var owed: [String: Set<String>] = [:]
        for r in results {
            for id in r.indicator.formula.elements {
                if let e = catalog.elements[id] { owed[e.department, default: []].insert(id) }
            }
        }
        return owed.keys.sorted().map { dept in
            let ids = owed[dept]!.sorted()
            let reported = ids.filter { set.values[$0] != nil }
            let blank = ids.filter { set.values[$0] == nil && set.notReported.contains($0) }
            let files = set.submissions.filter { $0.department == dept }.map { relative($0.path) }.sorted()
            return DepartmentCompleteness(
                department: dept, name: catalog.departments[dept]?.name ?? dept, owed: ids.count,
                reported: reported.count, leftBlank: blank.count, absent: ids.count - reported.count - blank.count,
                missing: ids.filter { set.values[$0] == nil }, files: files)
        }
    }
}

/// How an indicator changed since the previous year present in the workspace.
public struct YearChange: Sendable, Codable, Equatable {
    public enum Flag: String, Sendable, Codable, CaseIterable {
        /// The relative change is larger than the report's threshold (or the value left zero).
        case jump
        /// The value moved against the indicator's better direction (by enough to show at the
        /// precision the report prints it).
        case worse
        case newlyReported = "newly_reported"
        case noLongerReported = "no_longer_reported"
    }

    public var indicator: String
    public var previous: Double?
    public var current: Double?
    /// Relative change (0.1 = +10 %); nil when either year has no value or the previous is 0.
    public var change: Double?
    public var direction: Direction
    public var flags: [Flag]

    static func rows(_ results: [IndicatorResult], _ previous: [String: Double], hasPrevious: Bool, threshold: Double)
        -> [YearChange]
    {
        guard hasPrevious else { return [] }
        return results.compactMap { r in
            let id = r.indicator.id
            let before = previous[id]
            let now = r.value
            guard before != nil || now != nil else { return nil }
            var change: Double?
            var flags: [Flag] = []
            if let before, let now {
                if before != 0 {
                    let c = (now - before) / abs(before)
                    change = c
                    if abs(c) > threshold { flags.append(.jump) }
                } else if now != 0 {
                    flags.append(.jump)
                }
                // Worse only when the values differ as the report shows them (not rounding noise).
                let shown = Format.readable(now) != Format.readable(before)
                if shown,
                    (r.indicator.direction == .higher && now < before)
                        || (r.indicator.direction == .lower && now > before)
                {
                    flags.append(.worse)
                }
            } else {
                flags.append(now == nil ? .noLongerReported : .newlyReported)
            }
            return YearChange(
                indicator: id, previous: before, current: now, change: change, direction: r.indicator.direction,
                flags: flags)
        }
    }

    /// `+12.5 %`, `−3.0 %`, `—`.
    public var changeText: String {
        guard let change else { return "—" }
        let percent = Format.fixed(change * 100, decimals: 1)
        if percent.hasPrefix("-") { return "−" + percent.dropFirst() + " %" }
        return (percent == "0.0" ? "" : "+") + percent + " %"
    }

    /// The flags in words.
    public var flagText: String {
        flags.map { flag in
            switch flag {
            case .jump: "jump"
            case .worse: "worse"
            case .newlyReported: "newly reported"
            case .noLongerReported: "no longer reported"
            }
        }.joined(separator: ", ")
    }
}

/// One submission file behind the report: what it is, its digest and what became of its rows.
public struct ProvenanceFile: Sendable, Codable, Equatable {
    /// Relative to the workspace folder.
    public var file: String
    public var department: String?
    public var departmentName: String?
    /// Lower-case hex SHA-256 of the file's bytes ("" when it could not be read again).
    public var sha256: String
    public var bytes: Int
    public var accepted: Int
    public var notReported: Int
    public var rejected: Int
    public var errors: Int
    public var warnings: Int

    init(_ s: Submission, catalog: Catalog, diagnostics: [Diagnostic], relative: RelativePaths) {
        file = relative(s.path)
        department = s.department
        departmentName = s.department.flatMap { catalog.departments[$0]?.name }
        let tally = s.tally(in: diagnostics)
        errors = tally.errors
        warnings = tally.warnings
        sha256 = FileDigest.sha256(path: s.path) ?? ""
        accepted = s.acceptedCount
        notReported = s.notReportedCount
        rejected = s.rejectedCount
        let size = (try? FileManager.default.attributesOfItem(atPath: s.path)[.size]) as? NSNumber
        bytes = size?.intValue ?? 0
    }
}

extension Direction: Codable {}
