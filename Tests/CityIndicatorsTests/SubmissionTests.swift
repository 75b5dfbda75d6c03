import CityIndicators
import Foundation
import Testing

@testable import CityIndicatorsBase
@testable import CityIndicatorsIntake

@Suite struct SubmissionTests {
    let reader = SubmissionReader(catalog: Fixtures.load([:]).catalog)

    func read(_ text: String, name: String = "water.csv") -> Submission {
        reader.read(bytes: Array(text.utf8), path: name)
    }

    @Test func everyRowEndsAcceptedNotReportedOrRejected() {
        let s = read(
            "element,value,unit,source,notes\nwater_supplied,\"5,09,175\",ML_per_year,meter,\nwater_used,,,,not yet\nnope,4,,x,\n\n\n"
        )
        #expect(s.rows.count == 3)
        #expect(s.acceptedCount == 1 && s.notReportedCount == 1 && s.rejectedCount == 1)
        #expect(s.values["water_supplied"]?.value == 509175)
        #expect(s.notReported == ["water_used"])
        #expect(s.blankLines == 2)
    }

    /// A row with content but no element and no value is rejected, never counted as blank
    /// (issue 13, D23: a short row under a reordered header was dropped with exit 0).
    @Test func aShortOrNotesOnlyRowIsRejectedNotDropped() {
        let short = read("notes,source,element,value\nwater_supplied,5\n")
        #expect(short.rows.map(\.line) == [2])
        #expect(short.rejectedCount == 1)
        #expect(short.diagnostics.map(\.code) == [.raggedRow])
        let notesOnly = read("element,value,unit,source,notes\n,,,,only a note\n")
        #expect(notesOnly.rejectedCount == 1)
        #expect(notesOnly.diagnostics.map(\.code) == [.missingElementName])
        #expect(notesOnly.blankLines == 0)
    }

    /// A decimal comma gets the decimal point as its hint, grouping the quotes (issue 13, D22).
    @Test func aDecimalCommaIsToldApartFromGrouping() {
        let semicolons = read("element;value\nwater_supplied;509175,5\n")
        #expect(
            semicolons.diagnostics.first { $0.code == .notANumber }?.hint
                == "Write the decimal point as '.', not ',': 509175.5.")
        let grouped = read("element;value\nwater_supplied;509,175\n")
        #expect(grouped.diagnostics.first { $0.code == .notANumber }?.hint == "Quote grouped numbers: \"31,24,458\".")
    }

    /// Digits of other scripts are named as the cause until they are read (issue 13, D17).
    @Test(arguments: [("३५२१०००", "Devanagari"), ("٣٥٢", "Arabic-Indic"), ("３５２", "full-width")])
    func digitsOfOtherScriptsAreNamed(value: String, script: String) {
        let s = read("element,value\nwater_supplied,\(value)\n")
        let hint = s.diagnostics.first { $0.code == .notANumber }?.hint ?? ""
        #expect(hint.contains("\(script) digits"), "\(hint)")
    }

    /// A value that overflows in its element's unit or in base units is rejected, never carried
    /// into computation as infinity (issue 13, D11/D14).
    @Test func valuesTooLargeToComputeWithAreRejected() {
        let converted = read("element,value,unit\nwater_supplied,1.7976931348623157e308,ML_per_day\n")
        #expect(converted.rejectedCount == 1)
        #expect(
            converted.diagnostics.contains {
                $0.code == .notANumber && $0.message.contains("too large to compute with")
            })
    }

    @Test func unitsConvertWithANote() throws {
        let s = read("element,value,unit,source\nwater_supplied,1000,ML_per_day,meter\n")
        let v = try #require(s.values["water_supplied"])
        #expect(abs(v.value - 365000) < 1e-6)
        #expect(
            s.diagnostics.map(\.rendered) == [
                "water.csv:2:21: info[V016]: 1000 ML_per_day converted to 365000 ML_per_year"
            ])
    }

    @Test func semicolonExportsAreDetectedAndRead() {
        let s = read("element;value;unit;source\nwater_supplied;1000;ML_per_year;meter\n")
        #expect(s.acceptedCount == 1)
        #expect(s.diagnostics.first?.code.rawValue == "V002")
        #expect(s.diagnostics.first?.location == SourceLocation(file: "water.csv", line: 1, column: 8))
    }

    @Test func hostileFilesAreDiagnosedNotCrashed() {
        let utf16 = reader.read(
            bytes: [0xFF, 0xFE] + Array("element,value\n".utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] },
            path: "water.csv")
        #expect(utf16.diagnostics.map(\.code.rawValue) == ["V001"])
        let binary = reader.read(bytes: [0, 1, 2, 3, 0, 0, 200, 13, 10], path: "water.csv")
        #expect(binary.diagnostics.map(\.code.rawValue) == ["V025"])
        let xlsx = reader.read(bytes: [0x50, 0x4B, 0x03, 0x04, 1, 2], path: "water.csv")
        #expect(xlsx.diagnostics.first?.message.contains("workbook") == true)
        let latin1 = reader.read(
            bytes: Array("element,value,unit,source\nwater_supplied,12,ML_per_year,Mah".utf8) + [0xE9],
            path: "water.csv")
        #expect(latin1.rejectedCount == 1)
        #expect(latin1.diagnostics.first?.code.rawValue == "V001")
        #expect(latin1.diagnostics.first?.location?.line == 2)
        let empty = reader.read(bytes: [], path: "water.csv")
        #expect(empty.diagnostics.map(\.code.rawValue) == ["V020"])
        let unterminated = read("element,value\nwater_supplied,\"12\n")
        #expect(unterminated.diagnostics.map(\.code.rawValue).contains("V006"))
        let wide = read(
            "element,value," + Array(repeating: "x", count: 10_000).joined(separator: ",") + "\nwater_supplied,1\n")
        #expect(wide.rows.count == 1)
        let hugeCell = read(
            "element,value,notes\nwater_supplied,5,\"" + String(repeating: "n", count: 2_000_000) + "\"\n")
        #expect(hugeCell.acceptedCount == 1)
    }

    @Test func missingHeaderColumnsRejectEveryRowWithAReason() {
        let s = read("element,amount\nwater_supplied,5\nwater_used,4\n")
        #expect(s.rejectedCount == 2)
        #expect(
            s.diagnostics.first?.rendered
                == "water.csv:1:1: error[V003]: the header has no 'value' column\n  hint: The first row must name the columns: element,value,unit,source,notes"
        )
    }

    @Test func relationsAcrossFilesOfAYear() {
        let a = read("element,value,unit,source\nwater_supplied,1000,ML_per_year,m\nwater_used,1200,ML_per_year,b\n")
        let set = SubmissionSet(submissions: [a], catalog: Fixtures.load([:]).catalog)
        #expect(
            set.diagnostics.map(\.rendered) == [
                "water.csv:3:12: error[V019]: Water used cannot exceed water supplied. Expected water_used <= water_supplied (tolerance 1 %), but water_used = 1200 ML_per_year and water_supplied = 1000 ML_per_year.\n  hint: One of these values is wrong: water_used at water.csv:3:12; water_supplied at water.csv:2:16. [relation used_within_supplied]"
            ])
        let ok = read("element,value,unit,source\nwater_supplied,1000,ML_per_year,m\nwater_used,1005,ML_per_year,b\n")
        #expect(SubmissionSet(submissions: [ok], catalog: Fixtures.load([:]).catalog).diagnostics.isEmpty)
    }

    /// The sample of typical mistakes, pinned down exactly: positions and wording.
    @Test func theBrokenSampleIsDiagnosedExactly() throws {
        let path = Fixtures.path("SampleData/broken/water.csv")
        let s = try SubmissionReader(catalog: Fixtures.catalog).read(path: path)
        let text = s.diagnostics.map(\.rendered).joined(separator: "\n").replacingOccurrences(
            of: path, with: "water.csv")
        #expect(
            text == """
                water.csv:3:25: error[V005]: row has 7 cells but the header has 5: the value 3,57,440 is a grouped number without quotes
                  hint: Write it in quotes, "3,57,440", or without commas: 357440.
                water.csv:4:28: error[V010]: value '12 lakh' for water_consumption_domestic is not a number
                  hint: Write the number in digits in the element's unit (1.2 lakh → 120000), or give the unit INR_lakh/INR_crore in the unit column.
                water.csv:5:1: error[V007]: unknown element 'water_suplied_total'
                  hint: Did you mean 'water_supplied_total'? Use the element ids of the template (`cityind templates`).
                water.csv:6:1: warning[V017]: no source for 'population_served_potable_water'; certification needs one
                  hint: Name the register, report or meter the figure comes from in the source column.
                water.csv:6:33: warning[V018]: spaces around '3322000' in the value cell were removed
                  hint: Nothing is lost; clean the cell to silence this.
                water.csv:7:34: error[V011]: population_improved_water_source is a count, so -5 is impossible: counts are whole numbers of 0 or more
                  hint: Check the figure; a count cannot be negative or have decimals.
                water.csv:8:45: error[V015]: unit 'hours' cannot be converted to household_hours, the unit of water_interruption_household_hours
                  hint: Give the value in household_hours (household-hours).
                water.csv:9:1: error[V008]: element 'fire_deaths' is submitted by Fire Brigade (fire.csv), not by this file's department (water)
                  hint: Move the row to fire.csv, or ask that department to submit it.
                water.csv:10:1: error[V009]: element 'water_supplied_total' is given again (first on line 2)
                  hint: Keep one row per element; delete or correct one of them.
                water.csv:11:1: error[V009]: element 'population_improved_water_source' is given again (first on line 7)
                  hint: Keep one row per element; delete or correct one of them.
                """)
        #expect(s.rows.count == 10)
        #expect(s.acceptedCount == 2 && s.rejectedCount == 8)
    }
}
