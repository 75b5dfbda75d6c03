import CityIndicatorsBase
import CityIndicatorsCatalog
import CityIndicatorsCompute
import CityIndicatorsIntake
import Foundation

/// Choices that change what a report shows (not which files are written).
public struct ReportOptions: Sendable {
    /// Digit grouping of numbers meant for reading (HTML, Markdown).
    public var grouping: Format.Grouping
    /// Shown on the cover and in the JSON; the report never reads a clock.
    public var generatedAt: String?
    /// A relative change between years above which a change is flagged as a jump (0.25 = 25 %).
    public var jumpThreshold: Double
    /// Other cities of the same year, scored together with this one on the index frameworks of
    /// city.yaml (min–max scores are relative to the cities scored together).
    public var peers: [ScoreInput]

    public init(
        grouping: Format.Grouping = .international, generatedAt: String? = nil, jumpThreshold: Double = 0.25,
        peers: [ScoreInput] = []
    ) {
        self.grouping = grouping
        self.generatedAt = generatedAt
        self.jumpThreshold = jumpThreshold
        self.peers = peers
    }
}

/// A city's score on an index framework (LSC 2017, EoLI 2020 …), for the report.
public struct IndexSection: Sendable {
    public var framework: Framework
    public var score: CityScore
    /// Cities in the same population group, this one included.
    public var groupSize: Int
    public var settings: ScoringSettings
}

/// Everything a certification report shows for one city, year and framework, built once from a
/// workspace and the catalog; every renderer reads only this value. Paths are relative to the
/// workspace folder, so the same data gives the same report wherever the workspace lies.
public struct ReportData: Sendable {
    public var city: CityProfile
    public var framework: Framework
    public var catalog: Catalog
    /// The year reported on, and every year folder of the workspace (ascending).
    public var year: Int
    public var years: [Int]
    /// The latest year before `year` present in the workspace, compared with for year-over-year.
    public var previousYear: Int?
    /// The framework's indicators for `year`, in catalog order (framework, then clause).
    public var results: [IndicatorResult]
    /// Computed values of every year, by year then indicator id.
    public var values: [Int: [String: Double]]
    public var assessment: CertificationAssessment?
    public var themes: [ThemeCompleteness]
    public var departments: [DepartmentCompleteness]
    /// One entry per indicator computed in `year` or in `previousYear`, in catalog order.
    public var changes: [YearChange]
    public var provenance: [ProvenanceFile]
    /// Problems in the year's submissions (workspace-relative locations), in location order.
    public var diagnostics: [Diagnostic]
    /// The notes column of the submission rows each indicator used, by indicator id.
    public var submissionNotes: [String: [String]]
    public var options: ReportOptions
    /// One per index framework of city.yaml (those with `scoring:` and pillars).
    public var indexes: [IndexSection] = []

    /// Reads every year of the workspace and builds the report of one year and framework; each
    /// year's submissions are compared with what `earlierYear` gives (`City.earlierYear(before:)`
    /// is the one previous-year policy). Throws only for unreadable input (a missing year
    /// folder, an unreadable file).
    public static func build(
        workspace: Workspace, catalog: Catalog, year: Int, framework id: String,
        options: ReportOptions = ReportOptions(),
        earlierYear: (Int) throws -> EarlierYear? = { _ in nil }
    ) throws -> ReportData {
        guard let framework = catalog.frameworks[id] else {
            throw InputError(
                "unknown framework '\(id)'",
                hint: "Frameworks: \(catalog.frameworks.keys.sorted().joined(separator: ", ")).")
        }
        guard workspace.years.contains(year) else {
            throw InputError(
                "the workspace has no \(year)/ folder",
                hint: "Years present: \(workspace.years.map(String.init).joined(separator: ", ")).")
        }
        let computer = IndicatorComputer(catalog: catalog)
        let relative = RelativePaths(root: workspace.path)
        var values: [Int: [String: Double]] = [:]
        var selected: (set: SubmissionSet, results: [IndicatorResult])?
        for y in workspace.years {
            // Relative paths in the earlier values too: the V027 hint names where the earlier value is.
            let earlier = try earlierYear(y).map { relative.earlierYear($0) }
            let set = try workspace.submissions(year: y, catalog: catalog, comparedWith: earlier)
            let results = computer.compute(frameworks: [id], set: set, year: y)
            values[y] = Dictionary(
                uniqueKeysWithValues: results.compactMap { r in r.value.map { (r.indicator.id, $0) } })
            if y == year { selected = (set, results) }
        }
        guard let (set, raw) = selected else { throw InputError("the workspace has no \(year)/ folder") }
        let results = raw.map { relative.result($0) }
        let previousYear = workspace.years.last { $0 < year }
        var notes: [String: [String]] = [:]
        for r in results {
            let list = r.inputs.compactMap { input -> String? in
                guard input.status == .reported, let note = set.values[input.element]?.notes, !note.isEmpty else {
                    return nil
                }
                return "\(input.element): \(note)"
            }
            if !list.isEmpty { notes[r.indicator.id] = list }
        }
        let diagnostics = (workspace.diagnostics + set.allDiagnostics).map(relative.diagnostic).sortedByLocation()
        var indexes: [IndexSection] = []
        for fid in workspace.city.frameworks where fid != id {
            guard let fw = catalog.frameworks[fid], let settings = fw.scoring, !fw.pillars.isEmpty else { continue }
            let own = ScoreInput(
                city: workspace.city.name, ulbCode: workspace.city.ulbCode, year: year,
                population: set.values["population_total"]?.value,
                results: computer.compute(frameworks: [fid], set: set, year: year))
            let scores = IndexScorer(framework: fw, settings: settings).score(
                [own] + options.peers.filter { $0.ulbCode != own.ulbCode })
            guard let mine = scores.first(where: { $0.ulbCode == own.ulbCode }) else { continue }
            indexes.append(
                IndexSection(
                    framework: fw, score: mine, groupSize: scores.filter { $0.group == mine.group }.count,
                    settings: settings))
        }
        var data = ReportData(
            city: workspace.city, framework: framework, catalog: catalog, year: year, years: workspace.years,
            previousYear: previousYear, results: results, values: values,
            assessment: CertificationAssessment.assess(framework, results: results),
            themes: ThemeCompleteness.rows(framework, results),
            departments: DepartmentCompleteness.rows(catalog, results, set, relative),
            changes: YearChange.rows(
                results, values[previousYear ?? -1] ?? [:], hasPrevious: previousYear != nil,
                threshold: options.jumpThreshold),
            provenance: set.submissions.map {
                ProvenanceFile($0, catalog: catalog, diagnostics: set.allDiagnostics, relative: relative)
            },
            diagnostics: diagnostics, submissionNotes: notes, options: options)
        data.indexes = indexes
        return data
    }

    // MARK: Derived views the renderers share

    /// Results grouped by theme in the framework's theme order; themes without indicators left out.
    public var resultsByTheme: [(theme: Theme, results: [IndicatorResult])] {
        framework.themes.compactMap { theme in
            let list = results.filter { $0.indicator.theme == theme.id }
            return list.isEmpty ? nil : (theme, list)
        }
    }

    /// The value of an indicator in each year of the workspace (nil where not computed).
    public func trend(_ id: String) -> [(year: Int, value: Double?)] {
        years.map { ($0, values[$0]?[id]) }
    }

    /// Indicators computed in at least one year (what gets a trend chart), in catalog order.
    public var trendIndicators: [IndicatorResult] {
        results.filter { r in r.indicator.type != .profile && years.contains { values[$0]?[r.indicator.id] != nil } }
    }

    public var errorCount: Int { diagnostics.errorCount }
    public var warningCount: Int { diagnostics.warningCount }

    public func count(_ status: ResultStatus, type: IndicatorType? = nil) -> Int {
        results.filter { $0.status == status && (type == nil || $0.indicator.type == type) }.count
    }

    public func total(type: IndicatorType) -> Int { results.filter { $0.indicator.type == type }.count }

    /// Each certification level, the core indicators it needs, and whether it is met.
    public var levels: [(level: Certification.Level, coreNeeded: Int, met: Bool)] {
        guard let cert = framework.certification, let a = assessment else { return [] }
        return cert.levels.map { level in
            let core = level.core ?? a.coreTotal
            return (level, core, a.coreReported >= core && a.reported >= level.total)
        }
    }

    /// A number for reading, in the report's digit grouping.
    public func number(_ value: Double) -> String { Format.readable(value, grouping: options.grouping) }

    /// The year as the city counts it: `2024 (FY 2024-25)` for a financial-year city.
    public var yearLabel: String {
        city.yearBasis == "financial"
            ? "\(year) (financial year \(year)–\(String(format: "%02d", (year + 1) % 100)))" : String(year)
    }

    /// `ISO 37120:2018`.
    public var standardLabel: String { "\(framework.standard):\(framework.edition)" }
}

/// Makes paths relative to the workspace folder.
struct RelativePaths {
    let root: String

    func callAsFunction(_ path: String) -> String {
        var base = root
        while base.count > 1 && base.hasSuffix("/") { base.removeLast() }
        let prefix = base == "/" ? "/" : base + "/"
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
    }

    func result(_ r: IndicatorResult) -> IndicatorResult {
        var r = r
        r.inputs = r.inputs.map { input in
            var input = input
            input.file = input.file.map(callAsFunction)
            return input
        }
        return r
    }

    func earlierYear(_ e: EarlierYear) -> EarlierYear {
        var e = e
        e.values = e.values.mapValues { value in
            var value = value
            value.location.file = callAsFunction(value.location.file)
            return value
        }
        return e
    }

    func diagnostic(_ d: Diagnostic) -> Diagnostic {
        var d = d
        if let file = d.location?.file { d.location?.file = callAsFunction(file) }
        return d
    }
}
