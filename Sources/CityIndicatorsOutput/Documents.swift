import CityIndicatorsBase
import CityIndicatorsCatalog
import CityIndicatorsCompute
import CityIndicatorsIntake
import Foundation

/// The JSON documents CityIndicators writes. Every document carries `schemaVersion`; fields are
/// only ever added within a major version.
public enum Documents {
    public static let schemaVersion = "1.0"

    /// Pretty-printed JSON with sorted keys and a final newline; an encoding failure (a
    /// non-finite number) is thrown, never written as an empty document.
    public static func encode<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self) + "\n"
    }

    public struct IndicatorEntry: Codable, Sendable {
        public var id: String
        public var framework: String
        public var standard: String
        public var edition: String
        public var clause: String
        public var theme: String
        public var themeTitle: String
        public var type: String
        public var title: String
        public var numerator: String?
        public var denominator: String?
        public var value: String?
        public var multiplier: Double
        public var unit: String
        public var unitTitle: String
        public var direction: String
        public var confidence: String
        public var confidenceNote: String?
        public var source: String
        public var notes: String?
        public var elements: [String]
        public var pillar: String?
        public var pillarWeight: Double?
        public var benchmark: String?
        public var sdg: [String]?
        public var slot: Bool?
        public var examples: Int
        public var file: String

        public init(_ i: Indicator, catalog: Catalog) {
            let fw = catalog.frameworks[i.framework]
            id = i.id
            framework = i.framework
            standard = fw?.standard ?? ""
            edition = fw?.edition ?? ""
            clause = i.clause
            theme = i.theme
            themeTitle = fw?.theme(i.theme)?.title ?? i.theme
            type = i.type.rawValue
            title = i.title
            switch i.formula {
            case .ratio(let n, let d):
                numerator = n.description
                denominator = d.description
            case .value(let v):
                value = v.description
            case .undefined:
                slot = true
            }
            multiplier = i.multiplier
            unit = i.unit.id
            unitTitle = i.unit.title
            direction = i.direction.rawValue
            confidence = i.confidence.rawValue
            confidenceNote = i.confidenceNote
            source = i.source
            notes = i.notes
            elements = i.formula.elements
            if let p = fw?.theme(i.theme)?.pillar {
                pillar = p
                pillarWeight = fw?.pillars.first { $0.id == p }?.weight
            }
            benchmark = i.benchmark.map { b in
                var text: String
                switch b {
                case .fixed(let v): text = "norm \(Format.plain(v)) \(i.unit.label)"
                case .groupBest: text = "best city of the population group"
                case .byPopulation(let rows):
                    text =
                        "by population: "
                        + rows.map { r in
                            r.below.map {
                                "below \(Format.group(Format.plain($0), .international)): \(Format.plain(r.value))"
                            } ?? "above: \(Format.plain(r.value))"
                        }.joined(separator: "; ")
                case .described(let t): text = t
                }
                return text + (i.benchmarkSource.map { " (\($0))" } ?? "")
            }
            sdg = i.sdg.isEmpty ? nil : i.sdg
            examples = i.examples.count
            file = i.location.file
        }
    }

    public struct CatalogDocument: Codable, Sendable {
        public var schemaVersion = Documents.schemaVersion
        public var catalog: String
        public var indicators: [IndicatorEntry]

        public init(catalog: String, indicators: [IndicatorEntry]) {
            self.catalog = catalog
            self.indicators = indicators
        }
    }

    public struct ResultEntry: Codable, Sendable {
        public var id: String
        public var framework: String
        public var clause: String
        public var theme: String
        public var type: String
        public var title: String
        public var status: String
        public var value: Double?
        public var unit: String
        public var numerator: Quantity?
        public var denominator: Quantity?
        public var multiplier: Double
        public var reason: String?
        public var reasonText: String?
        public var dataYear: Int?
        public var sources: [String]
        public var inputs: [InputUse]
        public var confidence: String

        public init(_ r: IndicatorResult) {
            id = r.indicator.id
            framework = r.indicator.framework
            clause = r.indicator.clause
            theme = r.indicator.theme
            type = r.indicator.type.rawValue
            title = r.indicator.title
            status = r.status.rawValue
            value = r.value
            unit = r.indicator.unit.id
            numerator = r.numerator
            denominator = r.denominator
            multiplier = r.indicator.multiplier
            reason = r.reason?.rawValue
            reasonText = r.reasonText
            dataYear = r.dataYear
            sources = r.sources
            inputs = r.inputs
            confidence = r.indicator.confidence.rawValue
        }
    }

    public struct FileSummary: Codable, Sendable {
        public var file: String
        public var department: String?
        public var accepted: Int
        public var notReported: Int
        public var rejected: Int
        public var blankLines: Int
        public var errors: Int
        public var warnings: Int
        /// For a register: its records and derived elements (`accepted` etc. above then count
        /// the derived elements).
        public var register: RegisterSummary?

        /// A file's counts; `diagnostics` are all diagnostics of the run (cross-file ones included),
        /// of which those located in this file are counted.
        public init(_ s: Submission, diagnostics: [Diagnostic]? = nil) {
            file = s.path
            department = s.department
            accepted = s.acceptedCount
            notReported = s.notReportedCount
            rejected = s.rejectedCount
            blankLines = s.blankLines
            let tally = s.tally(in: diagnostics)
            errors = tally.errors
            warnings = tally.warnings
            register = s.register.map(RegisterSummary.init)
        }
    }

    public struct RegisterSummary: Codable, Sendable {
        public var register: String
        public var year: Int?
        public var bytes: Int
        public var records: Int
        public var accepted: Int
        public var rejected: Int
        /// Every problem counted, by code, including those not listed.
        public var problems: [String: Int]
        public var derived: [DerivedValue]
        public var rejectedRecords: [RejectedRecord]

        public init(_ r: RegisterResult) {
            register = r.register
            year = r.year
            bytes = r.bytes
            records = r.records
            accepted = r.accepted
            rejected = r.rejected
            problems = r.problemCounts
            derived = r.derived
            rejectedRecords = r.rejectedSamples
        }
    }

    public struct ComputeDocument: Codable, Sendable {
        public var schemaVersion = Documents.schemaVersion
        public var city: String
        public var ulbCode: String
        public var year: Int
        public var frameworks: [String]
        public var catalog: String
        public var summary: [String: Int]
        public var files: [FileSummary]
        public var diagnostics: [Diagnostic]
        public var results: [ResultEntry]

        public init(
            workspace: Workspace, year: Int, frameworks: [String], catalog: Catalog, set: SubmissionSet,
            results: [IndicatorResult]
        ) {
            city = workspace.city.name
            ulbCode = workspace.city.ulbCode
            self.year = year
            self.frameworks = frameworks
            self.catalog = catalog.origin
            var counts = ["computed": 0, "not_computable": 0, "not_submitted": 0]
            for r in results { counts[r.status.rawValue, default: 0] += 1 }
            counts["indicators"] = results.count
            summary = counts
            let all = set.allDiagnostics
            files = set.submissions.map { FileSummary($0, diagnostics: all) }
            diagnostics = set.allDiagnostics
            self.results = results.map(ResultEntry.init)
        }
    }

    public struct ValidationDocument: Codable, Sendable {
        public var schemaVersion = Documents.schemaVersion
        public var files: [FileSummary]
        public var diagnostics: [Diagnostic]
        public var errors: Int
        public var warnings: Int

        public init(files: [FileSummary], diagnostics: [Diagnostic], errors: Int, warnings: Int) {
            self.files = files
            self.diagnostics = diagnostics
            self.errors = errors
            self.warnings = warnings
        }
    }
}
