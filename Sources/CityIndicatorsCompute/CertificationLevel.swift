import CityIndicatorsBase
import CityIndicatorsCatalog
import CityIndicatorsIntake

/// Which certification level a city-year reaches, and what is missing for the next.
public struct CertificationAssessment: Sendable {
    public var framework: String
    public var scheme: String
    public var confidence: Confidence
    public var coreReported: Int
    public var coreTotal: Int
    public var reported: Int
    public var total: Int
    /// The highest level reached, if any.
    public var reached: Certification.Level?
    /// The next level up, if any.
    public var next: Certification.Level?
    /// Core indicators not reported that the next level needs (all of them when it needs every core).
    public var missingCore: [Indicator]
    /// How many more indicators (any type) the next level needs beyond the missing core ones.
    public var moreNeeded: Int
    /// Indicators not reported, supporting first by clause, to choose from.
    public var notReported: [Indicator]

    /// Assesses results of one framework; nil when the framework has no certification scheme.
    public static func assess(_ framework: Framework, results: [IndicatorResult]) -> CertificationAssessment? {
        guard let cert = framework.certification else { return nil }
        let mine = results.filter { $0.indicator.framework == framework.id && $0.indicator.type != .profile }
        let reportedResults = mine.filter { $0.status == .computed }
        let core = mine.filter { $0.indicator.type == .core }
        let coreReported = core.filter { $0.status == .computed }.count
        func meets(_ level: Certification.Level) -> Bool {
            let coreNeeded = level.core ?? core.count
            return coreReported >= coreNeeded && reportedResults.count >= level.total
        }
        let reached = cert.levels.last(where: meets)
        let next = cert.levels.first { !meets($0) && (reached == nil || $0.total >= reached!.total) }
        var missingCore: [Indicator] = []
        var more = 0
        if let next {
            let coreMissing = core.filter { $0.status != .computed }.map(\.indicator)
            let coreShort = max(0, (next.core ?? core.count) - coreReported)
            missingCore = next.core == nil ? coreMissing : Array(coreMissing.prefix(coreShort))
            more = max(0, next.total - reportedResults.count - missingCore.count)
        }
        let notReported = mine.filter { $0.status != .computed }.map(\.indicator)
        return CertificationAssessment(
            framework: framework.id, scheme: cert.scheme, confidence: cert.confidence,
            coreReported: coreReported, coreTotal: core.count, reported: reportedResults.count, total: mine.count,
            reached: reached, next: next, missingCore: missingCore, moreNeeded: more,
            notReported: notReported.filter { $0.type == .supporting } + notReported.filter { $0.type == .core })
    }
}
