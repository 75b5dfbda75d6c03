import CityIndicatorsBase
import CityIndicatorsCatalog
import CityIndicatorsCompute
import CityIndicatorsIntake
import Foundation

/// For every diagnostic code, a small input that makes the real readers, loaders and checks emit
/// it. `docs/diagnostics.md` shows what these runs print, so its examples cannot drift from the
/// tool; `DiagnosticExamplesTests` fails for a code without a working example.
///
/// The inputs run against a small catalog of their own (`baseCatalogFiles`: a few elements of the
/// census, water and fire departments, two indicators, the fire-call register), not the
/// repository's `Indicators/`, so the examples do not change when the catalog grows.
public enum DiagnosticExamples {
    /// A file of an example: its path as shown in diagnostics, and its bytes.
    public struct File: Sendable {
        public var path: String
        public var bytes: [UInt8]

        public init(_ path: String, _ text: String) {
            self.path = path
            self.bytes = Array(text.utf8)
        }

        public init(_ path: String, bytes: [UInt8]) {
            self.path = path
            self.bytes = bytes
        }
    }

    /// What an example feeds the tool.
    public enum Input: Sendable {
        /// Catalog files (paths inside `Indicators/`) that replace or add to the base catalog's,
        /// loaded and checked as `cityind check` does.
        case catalog([File])
        /// Submission files of one year (`2024/water.csv`; a register such as
        /// `2024/fire_calls.csv` is read from a temporary year folder), checked together as
        /// `cityind validate` does; with `earlier`, compared with that year's files (V027).
        case submissions([File], earlier: [File] = [])
        /// A workspace folder `my-city/` holding these files (`city.yaml`, `2024/…`), opened and
        /// its year folders listed.
        case workspace([File])
    }

    /// The input that shows `code`. The switch has no default, so a new code does not build
    /// without an example; `DiagnosticExamplesTests` checks that each one gives its code.
    public static func input(for code: DiagnosticCode) -> Input {
        switch code {
        // MARK: Catalog
        case .yamlSyntax:
            return .catalog([
                File(
                    "elements/water_quality.yaml",
                    """
                    department: water
                    elements:
                      - id: water_samples_tested
                        title: Water samples tested
                        description Samples of treated water tested in the year.
                        unit: samples
                    """)
            ])
        case .unknownKey:
            return .catalog([indicator152(replacing: "notes:", with: "note:")])
        case .wrongType:
            return .catalog([indicator152(replacing: "multiplier: 100000", with: "multiplier: one lakh")])
        case .missingKey:
            return .catalog([indicator152(replacing: "direction: lower\n", with: "")])
        case .duplicateID:
            return .catalog([
                File(
                    "elements/fire_2014.yaml",
                    """
                    department: fire
                    elements:
                      - id: fire_deaths
                        title: Fire deaths
                        description: Deaths from fires in the year.
                        unit: persons
                        kind: count
                    """)
            ])
        case .undefinedReference:
            return .catalog([indicator152(replacing: "numerator: fire_deaths", with: "numerator: fire_death")])
        case .badID:
            return .catalog([
                File(
                    "elements/fire.yaml",
                    baseCatalogFiles["elements/fire.yaml"]! + """

                          - id: Fire_Injuries
                            title: Persons injured in fires
                            description: Persons injured in fires attended by the Fire Brigade.
                            unit: persons
                            kind: count
                        """)
            ])
        case .expressionSyntax:
            return .catalog([
                indicator237(
                    replacing: "numerator: water_supplied_total - water_consumption_total",
                    with: "numerator: water_supplied_total - ")
            ])
        case .dimensionMismatch:
            return .catalog([
                indicator237(replacing: "denominator: water_supplied_total", with: "denominator: population_total")
            ])
        case .exampleFailed:
            return .catalog([indicator152(replacing: "expect: 1.2976", with: "expect: 1.2967")])
        case .noExamples:
            return .catalog([
                indicator152(
                    replacing: """
                          - name: Sahyadrinagar-sized city, FY 2023-24
                            inputs: {fire_deaths: 45, population_total: 3468000}
                            expect: 1.2976

                        """, with: "")
            ])
        case .invalidValue:
            return .catalog([indicator152(replacing: "type: core", with: "type: main")])
        case .unusedElement:
            return .catalog([
                File(
                    "elements/water.yaml",
                    baseCatalogFiles["elements/water.yaml"]!.replacingOccurrences(
                        of: "relations:",
                        with: """
                              - id: water_connections_metered
                                title: Metered water connections
                                description: Connections with a working meter on 31 March.
                                unit: connections
                                kind: count
                            relations:
                            """))
            ])
        case .unreadableCatalogFile:
            // "Temperature in °C" saved by an editor in Windows-1252: ° is the single byte 0xB0.
            let text =
                Array(
                    """
                    department: water
                    elements:
                      - id: water_temperature_mean
                        title: Mean temperature of treated water
                        description: Mean of the monthly readings, in
                    """.utf8) + [0x20, 0xB0] + Array("C.\n    unit: celsius\n    kind: measure\n".utf8)
            return .catalog([File("elements/water_quality.yaml", bytes: text)])

        // MARK: Submissions
        case .encoding:
            // Saved by Excel as "Unicode Text": UTF-16 with a byte-order mark.
            return .submissions([
                File(
                    "2024/water.csv",
                    bytes: [0xFF, 0xFE] + (waterHeader + water(1395, "ML_per_day")).utf8.flatMap { [$0, 0] })
            ])
        case .semicolonDelimiter:
            let text = waterHeader + water(509175)
            return .submissions([File("2024/water.csv", text.replacingOccurrences(of: ",", with: ";"))])
        case .missingColumn:
            return .submissions([File("2024/water.csv", "element,amount,unit,source,notes\n" + water(509175))])
        case .unknownColumn:
            return .submissions([File("2024/water.csv", "element,value,unit,source,remark\n" + water(509175))])
        case .raggedRow:
            return .submissions([
                File(
                    "2024/water.csv",
                    waterHeader + """
                        water_supplied_total,5,09,175,ML_per_year,WTP outlet flow-meter log FY 2024-25,

                        """)
            ])
        case .unterminatedQuote:
            return .submissions([
                File(
                    "2024/water.csv",
                    waterHeader + """
                        water_supplied_total,509175,ML_per_year,"WTP outlet flow-meter log FY 2024-25,
                        water_consumption_total,357440,ML_per_year,Water billing register FY 2024-25,

                        """)
            ])
        case .unknownElement:
            return .submissions([
                File(
                    "2024/water.csv",
                    waterHeader + """
                        water_suplied_total,509175,ML_per_year,WTP outlet flow-meter log FY 2024-25,

                        """)
            ])
        case .wrongDepartment:
            return .submissions([
                File(
                    "2024/water.csv",
                    waterHeader + water(509175) + """
                        fire_deaths,45,persons,Fire-call occurrence register FY 2024-25,

                        """)
            ])
        case .duplicateElement:
            return .submissions([
                File(
                    "2024/water.csv",
                    waterHeader + water(509175) + """
                        water_consumption_total,357440,ML_per_year,Water billing register FY 2024-25,
                        water_supplied_total,1395,ML_per_day,WTP outlet flow-meter log FY 2024-25,

                        """)
            ])
        case .notANumber:
            return .submissions([File("2024/water.csv", waterHeader + water("5.09 lakh"))])
        case .notWholeOrNegative:
            return .submissions([
                File(
                    "2024/fire.csv",
                    fireHeader + """
                        fire_deaths,-3,persons,Fire-call occurrence register FY 2024-25,

                        """)
            ])
        case .outOfBounds:
            return .submissions([
                File(
                    "2024/census.csv",
                    """
                    element,value,unit,source,notes,data_year
                    population_total,0,persons,Census of India 2011 (PCA),,2011

                    """)
            ])
        case .implausible:
            return .submissions([File("2024/water.csv", waterHeader + water(1395))])
        case .unknownUnit:
            return .submissions([File("2024/water.csv", waterHeader + water(1395, "mld"))])
        case .inconvertibleUnit:
            return .submissions([File("2024/water.csv", waterHeader + water(509175, "ML"))])
        case .unitConverted:
            return .submissions([File("2024/water.csv", waterHeader + water(1395, "ML_per_day"))])
        case .missingSource:
            return .submissions([
                File(
                    "2024/water.csv",
                    waterHeader + """
                        water_supplied_total,509175,ML_per_year,,

                        """)
            ])
        case .strayWhitespace:
            return .submissions([File("2024/water.csv", waterHeader + water(" 509175 "))])
        case .relationBroken:
            return .submissions([
                File(
                    "2024/water.csv",
                    waterHeader + water(357440) + """
                        water_consumption_total,509175,ML_per_year,Water billing register FY 2024-25,

                        """)
            ])
        case .emptyFile:
            return .submissions([File("2024/water.csv", "")])
        case .unknownDepartmentFile:
            return .submissions([File("2024/wtr.csv", waterHeader + water(509175))])
        case .duplicateColumn:
            return .submissions([
                File(
                    "2024/water.csv",
                    """
                    element,value,unit,source,value
                    water_supplied_total,509175,ML_per_year,WTP outlet flow-meter log FY 2024-25,509175

                    """)
            ])
        case .badDataYear:
            return .submissions([
                File(
                    "2024/census.csv",
                    """
                    element,value,unit,source,notes,data_year
                    population_total,3124458,persons,Census of India 2011 (PCA),,11

                    """)
            ])
        case .missingElementName:
            return .submissions([
                File(
                    "2024/water.csv",
                    waterHeader + """
                        ,509175,ML_per_year,WTP outlet flow-meter log FY 2024-25,

                        """)
            ])
        case .binaryContent:
            // An Excel workbook renamed to .csv: a zip file.
            return .submissions([
                File(
                    "2024/water.csv",
                    bytes: [0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0x08, 0x00]
                        + Array("[Content_Types].xml".utf8))
            ])
        case .quoteInUnquotedField:
            return .submissions([
                File(
                    "2024/water.csv",
                    waterHeader + """
                        water_supplied_total,509175,ML_per_year,WTP outlet flow-meter log FY 2024-25,Includes the new 48" trunk main

                        """)
            ])
        case .yearOverYearJump:
            return .submissions(
                [File("2024/water.csv", waterHeader + water(509175))],
                earlier: [File("2023/water.csv", waterHeader + water(279000))])
        case .notOfType:
            return .submissions([
                File(
                    "2024/fire_calls.csv",
                    fireCalls(
                        "SFB/2024-25/00417,31/06/2024,fire,14.0,0"))
            ])
        case .requiredBlank:
            return .submissions([
                File(
                    "2024/fire_calls.csv",
                    fireCalls(
                        "SFB/2024-25/00417,2024-06-30,,14.0,0"))
            ])
        case .notAllowedValue:
            return .submissions([
                File(
                    "2024/fire_calls.csv",
                    fireCalls(
                        "SFB/2024-25/00417,2024-06-30,Fire,14.0,0"))
            ])
        case .patternMismatch:
            return .submissions([
                File(
                    "2024/fire_calls.csv",
                    fireCalls(
                        "SFB-2024-25-00417,2024-06-30,fire,14.0,0"))
            ])
        case .duplicateKey:
            return .submissions([
                File(
                    "2024/fire_calls.csv",
                    fireCalls(
                        "SFB/2024-25/00417,2024-06-30,fire,14.0,0",
                        "SFB/2024-25/00418,2024-06-30,rescue,9.5,0",
                        "SFB/2024-25/00417,2024-07-01,fire,11.2,1"))
            ])
        case .derivedAndSubmitted:
            return .submissions([
                File(
                    "2024/fire.csv",
                    fireHeader + """
                        fire_deaths,41,persons,Fire Brigade annual report FY 2024-25,

                        """),
                File(
                    "2024/fire_calls.csv",
                    fireCalls(
                        "SFB/2024-25/00417,2024-06-30,fire,14.0,2",
                        "SFB/2024-25/00418,2024-07-02,rescue,9.5,0",
                        "SFB/2024-25/00419,2024-07-03,fire,11.2,1")),
            ])
        case .derivedWithRejected:
            return .submissions([
                File(
                    "2024/fire_calls.csv",
                    fireCalls(
                        "SFB/2024-25/00417,2024-06-30,fire,14.0,2",
                        "SFB/2024-25/00418,2024-07-02,rescue,9.5,0",
                        "SFB/2024-25/00419,2024-07-03,fire,11.2,-1"))
            ])
        case .notDerived:
            return .submissions([
                File(
                    "2024/fire_calls.csv",
                    fireCalls(
                        "SFB/2024-25/00417,2024-06-30,false_alarm,,0",
                        "SFB/2024-25/00418,2024-07-02,special_service,,0"))
            ])

        // MARK: Workspaces
        case .noYears:
            return .workspace([File("city.yaml", cityYAML)])
        case .strayFile:
            return .workspace([
                File("city.yaml", cityYAML),
                File("2024/water.csv", waterHeader + water(509175)),
                File("2024/water.xlsx", bytes: [0x50, 0x4B, 0x03, 0x04]),
            ])
        }
    }

    /// Runs an input through the real code and returns every diagnostic it gives, in location
    /// order, with the stable paths of the input (`2024/water.csv`, `Indicators/…`, `my-city/…`):
    /// temporary folders are created for registers and workspaces and removed afterwards.
    public static func run(_ input: Input) throws -> [Diagnostic] {
        try run(input, temporaryRoot: NSTemporaryDirectory())
    }

    /// `run(_:)` with the temporary folders made under `temporaryRoot` (tests check nothing is
    /// left there).
    static func run(_ input: Input, temporaryRoot: String) throws -> [Diagnostic] {
        switch input {
        case .catalog(let files):
            let (catalog, diagnostics) = loadCatalog(files)
            return (diagnostics + CatalogCheck.run(catalog).diagnostics).sortedByLocation()
        case .submissions(let files, let earlier):
            return try inTemporaryFolder(under: temporaryRoot) { folder in
                var set = SubmissionSet(submissions: try read(files, in: folder), catalog: baseCatalog)
                if !earlier.isEmpty {
                    let before = SubmissionSet(submissions: try read(earlier, in: folder), catalog: baseCatalog)
                    let year = earlier.compactMap { RegisterReader.year(of: $0.path) }.first ?? 0
                    set.compare(with: EarlierYear(year: year, values: before.values), catalog: baseCatalog)
                }
                return set.allDiagnostics
            }
        case .workspace(let files):
            return try inTemporaryFolder(under: temporaryRoot) { folder in
                let root = (folder as NSString).appendingPathComponent("my-city")
                try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
                for file in files { try write(file, under: root) }
                let workspace = try Workspace.open(root, catalog: baseCatalog)
                return
                    (workspace.diagnostics + (try workspace.years.flatMap { try workspace.files(year: $0).diagnostics }))
                    .sortedByLocation()
            }
        }
    }

    /// The diagnostic the example of `code` shows: the first of that code, and of its severity
    /// when there is one, that its run gives (nil when the run does not give the code).
    public static func diagnostic(for code: DiagnosticCode) -> Diagnostic? {
        guard let diagnostics = try? run(input(for: code)) else { return nil }
        return diagnostics.first { $0.code == code && $0.severity == code.severity }
            ?? diagnostics.first { $0.code == code }
    }

    // MARK: Running

    /// The base catalog (every example of a submission or workspace runs against it).
    public static let baseCatalog: Catalog = loadCatalog([]).catalog

    /// The base catalog's files with `files` replacing or adding to them, loaded.
    static func loadCatalog(_ files: [File]) -> (catalog: Catalog, diagnostics: [Diagnostic]) {
        var all: [String: [UInt8]] = baseCatalogFiles.mapValues { Array($0.utf8) }
        for file in files { all[file.path] = file.bytes }
        let list = all.sorted { $0.key < $1.key }.map {
            CatalogFile(displayPath: "Indicators/\($0.key)", relativePath: $0.key, data: Data($0.value))
        }
        return CatalogLoader.load(list, origin: "Indicators")
    }

    /// Reads submission files: in memory, or a register from a copy in `folder`.
    private static func read(_ files: [File], in folder: String) throws -> [Submission] {
        let reader = SubmissionReader(catalog: baseCatalog)
        return try files.map { file in
            guard RegisterReader.register(for: file.path, in: baseCatalog) != nil else {
                return reader.read(bytes: file.bytes, path: file.path)
            }
            try write(file, under: folder)
            return try reader.read(path: (folder as NSString).appendingPathComponent(file.path))
        }
    }

    private static func write(_ file: File, under folder: String) throws {
        let path = (folder as NSString).appendingPathComponent(file.path)
        try FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        guard FileManager.default.createFile(atPath: path, contents: Data(file.bytes)) else {
            throw InputError("cannot write the example file \(path)")
        }
    }

    /// Runs `body` with a new temporary folder, removed afterwards; the folder's path is taken
    /// out of the diagnostics' files, messages and hints.
    private static func inTemporaryFolder(under root: String, _ body: (String) throws -> [Diagnostic]) throws
        -> [Diagnostic]
    {
        let folder = (root as NSString).appendingPathComponent("cityind-diagnostic-example-\(UUID().uuidString)")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let prefix = folder + "/"
        func relative(_ text: String) -> String { text.replacingOccurrences(of: prefix, with: "") }
        return try body(folder).map { d in
            var d = d
            d.message = relative(d.message)
            d.hint = d.hint.map(relative)
            if let location = d.location { d.location?.file = relative(location.file) }
            return d
        }
    }

    // MARK: Inputs

    private static let waterHeader = "element,value,unit,source,notes\n"
    private static let fireHeader = waterHeader

    /// A water.csv row of water_supplied_total.
    private static func water(_ value: some CustomStringConvertible, _ unit: String = "ML_per_year") -> String {
        "water_supplied_total,\(value),\(unit),WTP outlet flow-meter log FY 2024-25,\n"
    }

    /// A fire_calls.csv register with these records.
    private static func fireCalls(_ records: String...) -> String {
        (["call_no,call_date,call_type,response_minutes,deaths"] + records).joined(separator: "\n") + "\n"
    }

    private static func indicator152(replacing old: String, with new: String) -> File {
        edited(indicator152Path, old, new)
    }

    private static func indicator237(replacing old: String, with new: String) -> File {
        edited(indicator237Path, old, new)
    }

    private static func edited(_ path: String, _ old: String, _ new: String) -> File {
        let text = baseCatalogFiles[path]!
        precondition(text.contains(old), "the example edit '\(old)' is not in \(path)")
        return File(path, text.replacingOccurrences(of: old, with: new))
    }

    private static let cityYAML = """
        name: Sahyadrinagar Municipal Corporation
        country: IN
        state: Maharashtra
        ulb_code: "802999"
        currency: INR
        frameworks: [iso37120-2018]
        year_basis: financial

        """

    private static let indicator152Path = "iso37120-2018/15-safety/15.2.yaml"
    private static let indicator237Path = "iso37120-2018/23-water/23.7.yaml"

    /// A small complete catalog: units, three departments, their elements and a relation, two
    /// indicators of ISO 37120:2018 and one of 2014, and the fire-call register.
    static let baseCatalogFiles: [String: String] = [
        "units.yaml": """
        units:
          - {id: persons, title: persons, symbol: persons, dimension: count, factor: 1}
          - {id: connections, title: connections, dimension: count, factor: 1}
          - {id: ML, title: megalitres, symbol: ML, dimension: length^3, factor: 1000, family: volume}
          - {id: minutes, title: minutes, symbol: min, dimension: time, factor: 60, family: time}
          - {id: day, title: days, symbol: d, dimension: time, factor: 86400, family: time}
          - {id: year, title: years, symbol: yr, dimension: time, factor: 31536000, family: time}
          - {id: ML_per_year, title: megalitres per year, symbol: ML/yr, of: ML / year, family: volume_flow}
          - {id: ML_per_day, title: megalitres per day, symbol: MLD, of: ML / day, family: volume_flow}
          - {id: percent, title: percent, symbol: "%", dimension: "1", factor: 1}
          - {id: per_100k, title: per 100 000 population, symbol: per 100 000, dimension: "1", factor: 1}

        """,
        "departments.yaml": """
        departments:
          - {id: census, name: Census and Statistics Cell}
          - {id: water, name: Water Supply Department}
          - {id: fire, name: Fire Brigade}

        """,
        "elements/census.yaml": """
        department: census
        elements:
          - id: population_total
            title: Total population
            description: Residents within the ULB boundary.
            unit: persons
            kind: count
            bounds: {min: 1}
            plausible: {min: 10000, max: 40000000}

        """,
        "elements/water.yaml": """
        department: water
        elements:
          - id: water_supplied_total
            title: Total treated water supplied into distribution
            description: Treated water put into the distribution system in the year.
            unit: ML_per_year
            kind: amount
            bounds: {min: 0}
            plausible: {min: 2000, max: 3500000}
          - id: water_consumption_total
            title: Total authorised water consumption
            description: Water used in the year by authorised users.
            unit: ML_per_year
            kind: amount
            bounds: {min: 0}
        relations:
          - id: consumption_within_supply
            check: water_consumption_total <= water_supplied_total
            tolerance: 0.01
            message: Water consumed cannot exceed the water supplied.

        """,
        "elements/fire.yaml": """
        department: fire
        elements:
          - id: fire_deaths
            title: Fire-related deaths
            description: Deaths in the city in the year whose cause was a fire.
            unit: persons
            kind: count
            bounds: {min: 0}
            plausible: {min: 0, max: 1000}
          - id: fire_response_time_mean
            title: Mean fire department response time from initial call
            description: Mean minutes from the call to the first appliance's arrival, fire and rescue calls.
            unit: minutes
            kind: measure
            bounds: {min: 0}

        """,
        "frameworks/iso37120-2018.yaml": """
        id: iso37120-2018
        title: ISO 37120:2018 Sustainable cities and communities
        standard: ISO 37120
        edition: "2018"
        themes:
          - {id: safety, clause: "15", title: Safety}
          - {id: water, clause: "23", title: Water}

        """,
        "frameworks/iso37120-2014.yaml": """
        id: iso37120-2014
        title: ISO 37120:2014 Sustainable development of communities
        standard: ISO 37120
        edition: "2014"
        themes:
          - {id: fire_emergency, clause: "10", title: Fire and emergency response}

        """,
        indicator152Path: """
        id: iso37120-2018:15.2
        theme: safety
        type: core
        title: Number of fire related deaths per 100 000 population
        numerator: fire_deaths
        denominator: population_total
        multiplier: 100000
        unit: per_100k
        direction: lower
        confidence: verified
        source: ISO 37120:2018 §15.2
        notes: Deaths in the city in the year, whatever the place of the fire.
        examples:
          - name: Sahyadrinagar-sized city, FY 2023-24
            inputs: {fire_deaths: 45, population_total: 3468000}
            expect: 1.2976
          - name: no population figure
            inputs: {fire_deaths: 45}
            expect_status: not_computable
            expect_reason: missing_input

        """,
        indicator237Path: """
        id: iso37120-2018:23.7
        theme: water
        type: supporting
        title: Percentage of water loss (unaccounted for water)
        numerator: water_supplied_total - water_consumption_total
        denominator: water_supplied_total
        multiplier: 100
        unit: percent
        direction: lower
        confidence: verified
        source: ISO 37120:2018 §23.7
        examples:
          - name: Sahyadrinagar 2024-25
            inputs: {water_supplied_total: 509175, water_consumption_total: 357440}
            expect: 29.8002

        """,
        "iso37120-2014/10-fire-emergency/10.6.yaml": """
        id: iso37120-2014:10.6
        theme: fire_emergency
        type: supporting
        title: Response time for fire department from initial call
        value: fire_response_time_mean
        unit: minutes
        direction: lower
        confidence: verified
        source: ISO 37120:2014 §10.6
        examples:
          - name: typical
            inputs: {fire_response_time_mean: 11.4}
            expect: 11.4

        """,
        "registers/fire_calls.yaml": """
        id: fire_calls
        title: Fire-call occurrence register
        department: fire
        description: One row per call received by the Fire Brigade's control room.
        primary_key: [call_no]
        fields:
          - name: call_no
            type: string
            title: Call number
            description: SFB/<financial year>/<serial>, e.g. SFB/2024-25/00417.
            constraints: {required: true, unique: true, pattern: "SFB/[0-9]{4}-[0-9]{2}/[0-9]{5}"}
          - name: call_date
            type: date
            title: Date the call was received
            constraints: {required: true, minimum: "2000-01-01"}
          - name: call_type
            type: string
            title: Type of call
            constraints: {required: true, enum: [fire, rescue, special_service, false_alarm]}
          - name: response_minutes
            type: number
            unit: minutes
            title: Response time
            constraints: {minimum: 0, maximum: 600}
          - name: deaths
            type: integer
            unit: persons
            title: Persons killed
            constraints: {required: true, minimum: 0, maximum: 500}
        derive:
          - element: fire_deaths
            value: sum(deaths where fy(call_date) == {year} and call_type == "fire")
          - element: fire_response_time_mean
            value: mean(response_minutes where fy(call_date) == {year} and call_type in ("fire", "rescue"))

        """,
    ]
}
