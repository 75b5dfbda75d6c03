import CityIndicatorsBase
import CityIndicatorsCatalog
import CityIndicatorsCompute
import CityIndicatorsIntake

/// `report.json`: everything the report shows, for other tools. Keys are sorted and there is no
/// clock in it, so the same inputs give the same bytes; `schemaVersion` as in every document.
public enum ReportJSON {
    public struct Document: Codable, Sendable {
        public var schemaVersion = Documents.schemaVersion
        public var city: CityProfile
        public var framework: FrameworkInfo
        public var catalog: String
        public var generatedAt: String?
        public var year: Int
        public var years: [Int]
        public var summary: [String: Int]
        public var results: [Documents.ResultEntry]
        /// The notes column of the submission rows each indicator used, by indicator id.
        public var submissionNotes: [String: [String]]
        public var certification: CertificationInfo?
        public var completeness: Completeness
        public var yearOverYear: YearOverYear?
        public var trends: [Trend]
        public var provenance: [ProvenanceFile]
        public var diagnostics: [Diagnostic]
    }

    public struct FrameworkInfo: Codable, Sendable {
        public var id: String
        public var title: String
        public var standard: String
        public var edition: String
    }

    public struct Level: Codable, Sendable {
        public var id: String
        public var title: String
        public var coreNeeded: Int
        public var totalNeeded: Int
        public var met: Bool
    }

    public struct CertificationInfo: Codable, Sendable {
        public var scheme: String
        public var confidence: String
        public var note: String?
        public var source: String
        public var coreReported: Int
        public var coreTotal: Int
        public var reported: Int
        public var total: Int
        public var reached: String?
        public var next: String?
        public var levels: [Level]
        /// Core indicators the next level needs that are not reported.
        public var missingCore: [String]
        /// How many more indicators of any type the next level needs.
        public var moreNeeded: Int
        /// Indicators not reported, supporting first, to choose the others from.
        public var candidates: [String]
    }

    public struct Completeness: Codable, Sendable {
        public var themes: [ThemeCompleteness]
        public var departments: [DepartmentCompleteness]
    }

    public struct YearOverYear: Codable, Sendable {
        public var previousYear: Int
        /// A relative change above this is a jump (0.25 = 25 %).
        public var jumpThreshold: Double
        public var changes: [YearChange]
    }

    public struct Point: Codable, Sendable {
        public var year: Int
        public var value: Double?
    }

    public struct Trend: Codable, Sendable {
        public var indicator: String
        public var values: [Point]
    }

    public static func document(_ d: ReportData) -> Document {
        var summary: [String: Int] = [
            "indicators": d.results.count, "errors": d.errorCount, "warnings": d.warningCount,
        ]
        for s in [ResultStatus.computed, .notComputable, .notSubmitted, .notDefined] {
            summary[s.rawValue] = d.count(s)
        }
        for t in IndicatorType.allCases {
            summary[t.rawValue] = d.total(type: t)
            summary["\(t.rawValue)_computed"] = d.count(.computed, type: t)
        }
        var certification: CertificationInfo?
        if let a = d.assessment, let cert = d.framework.certification {
            let missing = Set(a.missingCore.map(\.id))
            certification = CertificationInfo(
                scheme: a.scheme, confidence: a.confidence.rawValue, note: cert.note, source: cert.source,
                coreReported: a.coreReported, coreTotal: a.coreTotal, reported: a.reported, total: a.total,
                reached: a.reached?.id, next: a.next?.id,
                levels: d.levels.map {
                    Level(
                        id: $0.level.id, title: $0.level.title, coreNeeded: $0.coreNeeded, totalNeeded: $0.level.total,
                        met: $0.met)
                },
                missingCore: a.missingCore.map(\.id), moreNeeded: a.moreNeeded,
                candidates: a.notReported.map(\.id).filter { !missing.contains($0) })
        }
        let c = d.city
        return Document(
            city: c,
            framework: FrameworkInfo(
                id: d.framework.id, title: d.framework.title, standard: d.framework.standard,
                edition: d.framework.edition),
            catalog: d.catalog.origin, generatedAt: d.options.generatedAt, year: d.year, years: d.years,
            summary: summary,
            results: d.results.map(Documents.ResultEntry.init), submissionNotes: d.submissionNotes,
            certification: certification,
            completeness: Completeness(themes: d.themes, departments: d.departments),
            yearOverYear: d.previousYear.map {
                YearOverYear(previousYear: $0, jumpThreshold: d.options.jumpThreshold, changes: d.changes)
            },
            trends: d.results.map { r in
                Trend(
                    indicator: r.indicator.id,
                    values: d.trend(r.indicator.id).map { Point(year: $0.year, value: $0.value) })
            },
            provenance: d.provenance, diagnostics: d.diagnostics)
    }

    public static func render(_ d: ReportData) throws -> String { try Documents.encode(document(d)) }
}
