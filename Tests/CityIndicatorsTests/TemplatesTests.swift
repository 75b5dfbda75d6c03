import CityIndicators
import Foundation
import Testing

@testable import CityIndicatorsIntake
@testable import CityIndicatorsOutput

@Suite struct TemplatesTests {
    let catalog = Fixtures.catalog

    @Test func aTemplateListsEveryOwedElementAndReadsBackAsNotReported() throws {
        let file = Templates.make(catalog, department: "water", frameworks: ["iso37120-2018"])
        let owed = Templates.owed(catalog, department: "water", frameworks: ["iso37120-2018"])
        #expect(!owed.isEmpty)
        let s = SubmissionReader(catalog: catalog).read(bytes: Array(file.text.utf8), path: "water.csv")
        #expect(s.diagnostics.isEmpty, "\(s.diagnostics.map(\.rendered))")
        #expect(s.notReportedCount == owed.count)
        #expect(s.notReported == Set(owed.map(\.id)))
    }

    @Test func reRunningKeepsWhatWasFilledAndNeverDropsARow() throws {
        let existing = """
            element,value,unit,source,notes
            water_supplied_total,1395,ML_per_day,SCADA,averaged
            retired_element,42,count,old register,
            """
        let file = Templates.make(
            catalog, department: "water", frameworks: ["iso37120-2018"], existing: Array(existing.utf8))
        #expect(file.keptValues == 1)
        #expect(file.keptExtraRows == ["retired_element"])
        let s = SubmissionReader(catalog: catalog).read(bytes: Array(file.text.utf8), path: "water.csv")
        #expect(abs((s.values["water_supplied_total"]?.value ?? 0) - 509175) < 1e-6)
        #expect(s.rows.contains { if case .rejected(let e, _) = $0.outcome { e == "retired_element" } else { false } })
    }

    @Test func aRowARegisterCanGiveSaysSo() throws {
        let file = Templates.make(catalog, department: "fire", frameworks: ["iso37120-2018"])
        let row = try #require(file.text.split(whereSeparator: \.isNewline).first { $0.hasPrefix("fire_deaths,") })
        #expect(row.contains("Or send the fire_calls register (fire_calls.csv) and leave this row blank"))
        let other = try #require(
            file.text.split(whereSeparator: \.isNewline).first { $0.hasPrefix("firefighters_fulltime,") })
        #expect(!other.contains("Or send the"))
    }

    @Test func theDataPackageIsValidJSONWithOneResourcePerFile() throws {
        let files = ["water", "fire"].map { Templates.make(catalog, department: $0, frameworks: ["iso37120-2018"]) }
        let json = try Templates.dataPackage(catalog, files: files, frameworks: ["iso37120-2018"])
        let doc = try JSONSerialization.jsonObject(with: Data(json.utf8)) as! [String: Any]
        let resources = doc["resources"] as! [[String: Any]]
        #expect(resources.map { $0["path"] as? String } == ["water.csv", "fire.csv"])
        let fields = (resources[0]["schema"] as! [String: Any])["fields"] as! [[String: Any]]
        #expect(fields.map { $0["name"] as! String } == Templates.columns)
    }
}
