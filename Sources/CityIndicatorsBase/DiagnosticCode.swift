/// Every diagnostic code CityIndicators emits. Codes are stable: never renumber, only add.
/// `docs/diagnostics.md` is generated from this table (`cityind docs --out docs`).
public enum DiagnosticCode: String, CaseIterable, Sendable, Codable {
    // Catalog (Indicators/ and city.yaml)
    case yamlSyntax = "C001"
    case unknownKey = "C002"
    case wrongType = "C003"
    case missingKey = "C004"
    case duplicateID = "C005"
    case undefinedReference = "C006"
    case badID = "C007"
    case expressionSyntax = "C008"
    case dimensionMismatch = "C009"
    case exampleFailed = "C010"
    case noExamples = "C011"
    case invalidValue = "C012"
    case unusedElement = "C013"
    case unreadableCatalogFile = "C014"

    // Submissions (departmental CSV files)
    case encoding = "V001"
    case semicolonDelimiter = "V002"
    case missingColumn = "V003"
    case unknownColumn = "V004"
    case raggedRow = "V005"
    case unterminatedQuote = "V006"
    case unknownElement = "V007"
    case wrongDepartment = "V008"
    case duplicateElement = "V009"
    case notANumber = "V010"
    case notWholeOrNegative = "V011"
    case outOfBounds = "V012"
    case implausible = "V013"
    case unknownUnit = "V014"
    case inconvertibleUnit = "V015"
    case unitConverted = "V016"
    case missingSource = "V017"
    case strayWhitespace = "V018"
    case relationBroken = "V019"
    case emptyFile = "V020"
    case unknownDepartmentFile = "V021"
    case duplicateColumn = "V022"
    case badDataYear = "V023"
    case missingElementName = "V024"
    case binaryContent = "V025"
    case quoteInUnquotedField = "V026"
    case yearOverYearJump = "V027"
    case notOfType = "V028"
    case requiredBlank = "V029"
    case notAllowedValue = "V030"
    case patternMismatch = "V031"
    case duplicateKey = "V032"
    case derivedAndSubmitted = "V033"
    case derivedWithRejected = "V034"
    case notDerived = "V035"

    // Workspaces
    case noYears = "W001"
    case strayFile = "W002"

    public var severity: Severity {
        switch self {
        case .unusedElement, .semicolonDelimiter, .unknownColumn, .implausible, .missingSource,
            .strayWhitespace, .strayFile, .yearOverYearJump, .derivedWithRejected, .notDerived:
            .warning
        case .unitConverted:
            .info
        default:
            .error
        }
    }

    /// One line: what the code means.
    public var title: String {
        switch self {
        case .yamlSyntax: "The YAML file cannot be parsed"
        case .unknownKey: "A key the catalog format does not know (often a typo)"
        case .wrongType: "A value of the wrong type (text where a number or a list is expected)"
        case .missingKey: "A required key is missing"
        case .duplicateID: "The same id is defined twice"
        case .undefinedReference: "A reference to a unit, department, element, framework or theme that is not defined"
        case .badID: "An id that breaks its naming pattern"
        case .expressionSyntax: "A formula that cannot be parsed"
        case .dimensionMismatch: "A formula whose units do not agree"
        case .exampleFailed: "A worked example gives another result than it expects"
        case .noExamples: "An indicator without a computed worked example"
        case .invalidValue: "A value outside what the key allows"
        case .unusedElement: "A data element no indicator or relation uses"
        case .unreadableCatalogFile: "A catalog file that cannot be read"
        case .encoding: "The file is not UTF-8 text"
        case .semicolonDelimiter: "The file is separated by semicolons, not commas"
        case .missingColumn: "A required column (element, value) is missing from the header"
        case .unknownColumn: "A column the submission format does not use"
        case .raggedRow: "A row with more cells than the header"
        case .unterminatedQuote: "A quoted cell that never ends"
        case .unknownElement: "An element id the catalog does not define"
        case .wrongDepartment: "An element that another department submits"
        case .duplicateElement: "The same element given twice in one file"
        case .notANumber: "A value that is not a number"
        case .notWholeOrNegative: "A count that is negative or not a whole number"
        case .outOfBounds: "A value outside the element's hard bounds"
        case .implausible: "A value outside the element's plausible range"
        case .unknownUnit: "A unit the catalog does not define"
        case .inconvertibleUnit: "A unit that cannot be converted to the element's unit"
        case .unitConverted: "A value converted from the given unit to the element's unit"
        case .missingSource: "A reported value without a source"
        case .strayWhitespace: "Spaces around a cell's content"
        case .relationBroken: "Values that contradict each other (a part larger than its whole, …)"
        case .emptyFile: "A file with no header or no rows"
        case .unknownDepartmentFile: "A file whose name is not a department id"
        case .duplicateColumn: "The same column twice in the header"
        case .badDataYear: "A data_year that is not a year"
        case .missingElementName: "A row with a value but no element id"
        case .binaryContent: "NUL bytes or other binary content in a text file"
        case .quoteInUnquotedField: "A double quote inside a cell that does not start with one"
        case .yearOverYearJump: "A value that changed more than its element allows since the previous year"
        case .notOfType: "A register cell that is not of its column's type (number, date, …)"
        case .requiredBlank: "A blank register cell where a value is required"
        case .notAllowedValue: "A register cell outside its column's list of allowed values"
        case .patternMismatch: "A register cell that does not match its column's pattern or length"
        case .duplicateKey: "A repeated value of a unique column or primary key in a register"
        case .derivedAndSubmitted: "An element both submitted and derived from a register"
        case .derivedWithRejected: "An element derived from a register with rejected records"
        case .notDerived: "An element of a register that could not be derived"
        case .noYears: "A workspace with no year folders"
        case .strayFile: "A file in a year folder that is not a submission"
        }
    }

    /// An example of the message and how to fix it, for `docs/diagnostics.md`.
    public var example: (message: String, fix: String) {
        switch self {
        case .yamlSyntax:
            ("Indicators/units.yaml:4:3: error[C001]: could not find expected ':'", "Fix the YAML at that position; a missing colon or a tab used for indentation is the usual cause.")
        case .unknownKey:
            ("…/15.2.yaml:7:1: error[C002]: unknown key 'formla' in indicator", "Correct the spelling; the hint lists the keys allowed there.")
        case .wrongType:
            ("…/15.2.yaml:9:13: error[C003]: 'multiplier' must be a number, found 'hundred'", "Write the value in the type named.")
        case .missingKey:
            ("…/15.2.yaml:1:1: error[C004]: indicator is missing required key 'unit'", "Add the key.")
        case .duplicateID:
            ("…/fire.yaml:12:9: error[C005]: element 'fire_deaths' is already defined at Indicators/elements/police.yaml:4:9", "Keep one definition; every id is defined once.")
        case .undefinedReference:
            ("…/15.2.yaml:5:12: error[C006]: unknown element 'fire_death' in numerator", "Use a defined id; the hint suggests the nearest one.")
        case .badID:
            ("…/fire.yaml:4:9: error[C007]: element id 'Fire-Deaths' must match ^[a-z][a-z0-9_]*$", "Use lower-case snake_case ids.")
        case .expressionSyntax:
            ("…/23.7.yaml:6:35: error[C008]: expected an operand after '-'", "Complete the formula.")
        case .dimensionMismatch:
            ("…/15.2.yaml:6:12: error[C009]: result has dimension count/length^3 but unit 'per_100k' is dimensionless", "Check numerator, denominator and unit; a percentage needs numerator and denominator of the same dimension.")
        case .exampleFailed:
            ("…/15.2.yaml:22:13: error[C010]: example 'typical year' expects 0.544, computed 0.5441", "Correct the formula or the expected value.")
        case .noExamples:
            ("…/15.2.yaml:1:1: error[C011]: indicator has no computed worked example", "Add an example with inputs and `expect`.")
        case .invalidValue:
            ("…/15.2.yaml:4:7: error[C012]: type must be one of core, supporting, profile; found 'main'", "Use one of the allowed values.")
        case .unusedElement:
            ("…/water.yaml:30:9: warning[C013]: element 'meters_installed' is used by no indicator or relation", "Use it or remove it.")
        case .unreadableCatalogFile:
            ("…/units.yaml: error[C014]: file is not valid UTF-8", "Re-save the file as UTF-8.")
        case .encoding:
            ("water.csv:1:1: error[V001]: the file is UTF-16, not UTF-8", "In Excel: File › Save As › 'CSV UTF-8 (Comma delimited)'.")
        case .semicolonDelimiter:
            ("water.csv:1:8: warning[V002]: the file is separated by ';' (a European-locale export); read as such", "Export with commas if you can: File › Save As › 'CSV UTF-8 (Comma delimited)'.")
        case .missingColumn:
            ("water.csv:1:1: error[V003]: the header has no 'value' column", "The header must contain element and value: `element,value,unit,source,notes`.")
        case .unknownColumn:
            ("water.csv:1:24: warning[V004]: column 'remarks' is not used and will be ignored", "Rename it to 'notes' if it holds notes.")
        case .raggedRow:
            ("water.csv:7:48: error[V005]: row has 7 cells but the header has 5", "Quote a value that contains a comma: \"31,24,458\".")
        case .unterminatedQuote:
            ("water.csv:9:14: error[V006]: quoted cell is never closed", "Close the quote, or double a quote inside a quoted cell (\"\").")
        case .unknownElement:
            ("water.csv:4:1: error[V007]: unknown element 'water_suplied_total'", "Did you mean 'water_supplied_total'? Use the ids of `cityind templates`.")
        case .wrongDepartment:
            ("water.csv:6:1: error[V008]: element 'fire_deaths' belongs to department fire, not water", "Move the row to fire.csv, or ask that department to submit it.")
        case .duplicateElement:
            ("water.csv:11:1: error[V009]: element 'water_supplied_total' given again (first on line 3)", "Keep one row per element.")
        case .notANumber:
            ("water.csv:5:26: error[V010]: value '12 lakh' is not a number", "Write digits with a decimal point; quote grouped numbers: \"12,00,000\".")
        case .notWholeOrNegative:
            ("fire.csv:4:13: error[V011]: a count cannot be negative: -3", "Counts are whole numbers of 0 or more.")
        case .outOfBounds:
            ("census.csv:2:19: error[V012]: population_total 0 is below the minimum 1", "Check the figure and its unit.")
        case .implausible:
            ("water.csv:3:22: warning[V013]: 45 ML/yr is below the plausible minimum 10000 ML/yr for water_supplied_total", "Check the unit (MLD vs ML/yr?) and the figure; if it is right, say why in notes.")
        case .unknownUnit:
            ("water.csv:3:30: error[V014]: unknown unit 'mld'", "Use a unit id from `cityind catalog --units`; did you mean 'ML_per_day'?")
        case .inconvertibleUnit:
            ("water.csv:3:30: error[V015]: unit 'persons' cannot be converted to 'ML_per_year'", "Give the value in the element's unit or one of the same kind.")
        case .unitConverted:
            ("water.csv:3:30: info[V016]: 1420 ML_per_day converted to 518300 ML_per_year", "Nothing to do.")
        case .missingSource:
            ("water.csv:3:1: warning[V017]: no source for 'water_supplied_total'; certification needs one", "Name the register, report or meter the figure comes from.")
        case .strayWhitespace:
            ("water.csv:3:22: warning[V018]: spaces around ' 1420 ' were removed", "Nothing lost; clean the cell to silence this.")
        case .relationBroken:
            ("water.csv:5:22: error[V019]: water_consumption_total (530000 ML/yr) must be <= water_supplied_total (518300 ML/yr)", "One of the two values is wrong; the message names both rows.")
        case .emptyFile:
            ("water.csv: error[V020]: the file is empty", "Fill in the template from `cityind templates`.")
        case .unknownDepartmentFile:
            ("wtr.csv: error[V021]: 'wtr' is not a department id", "Name the file after its department: water.csv (see `cityind catalog --departments`).")
        case .duplicateColumn:
            ("water.csv:1:30: error[V022]: column 'value' appears twice (first at column 9)", "Remove or rename one of them.")
        case .badDataYear:
            ("census.csv:2:60: error[V023]: data_year '11' is not a year", "Write a four-digit year such as 2011.")
        case .missingElementName:
            ("water.csv:8:1: error[V024]: row has a value but no element id", "Fill in the element column.")
        case .binaryContent:
            ("water.csv:1:1: error[V025]: the file contains NUL bytes; it is not a CSV text file", "Export the sheet as 'CSV UTF-8'; an .xlsx renamed to .csv is not a CSV.")
        case .quoteInUnquotedField:
            ("water.csv:4:30: error[V026]: a '\"' inside an unquoted cell", "Quote the whole cell and double the inner quote: \"12\"\" pipe\".")
        case .yearOverYearJump:
            ("2024/water.csv:2:22: warning[V027]: water_supplied_total changed by +82 % since 2023 (279,000 → 509,175 ML_per_year); more than the 50 % expected", "If the change is real, say why in the notes column (the warning becomes a note); otherwise check the figure and its unit.")
        case .notOfType:
            ("2024/fire_calls.csv:118:12: error[V028]: 'received_on' must be a date written YYYY-MM-DD; found '31/06/2024'", "Write dates as 2024-09-30; a date must exist (no 31 June). In Excel, format the column as yyyy-mm-dd before saving.")
        case .requiredBlank:
            ("2024/fire_calls.csv:204:25: error[V029]: 'call_type' is blank; a value is required", "Fill in Call type for this record.")
        case .notAllowedValue:
            ("2024/fire_calls.csv:9:25: error[V030]: 'Fire' is not an allowed value of 'call_type'", "Did you mean 'fire'? Allowed: fire, rescue, false_alarm, special_service.")
        case .patternMismatch:
            ("2024/fire_calls.csv:77:1: error[V031]: 'call_no' is 'FC-2024-77', which does not match the pattern FC/[0-9]{4}/[0-9]{5}", "Write it in the form the department uses.")
        case .duplicateKey:
            ("2024/fire_calls.csv:512:1: error[V032]: 'call_no' FC/2024/00511 is already used by an earlier record", "'call_no' is unique: each value once. Remove the repeated record or correct its value.")
        case .derivedAndSubmitted:
            ("2024/fire.csv:3:13: error[V033]: fire_deaths is given here (41) and also derived from 2024/fire_calls.csv (39)", "Submit the register or the total, not both; remove the row from fire.csv if the register is complete.")
        case .derivedWithRejected:
            ("2024/fire_calls.csv: warning[V034]: fire_deaths is derived from 8,093 accepted records; 12 rejected records are not counted", "Fix the rejected records (each is listed with its line) and validate again; `cityind explain fire_deaths --workspace …` shows the first of them.")
        case .notDerived:
            ("2024/fire_calls.csv: warning[V035]: fire_response_time_mean cannot be derived: no accepted record matches the filter", "Check that the register holds the records of the reporting year.")
        case .noYears:
            ("my-city: error[W001]: no year folders (2023/, 2024/, …) in the workspace", "Put each year's submissions in a folder named after the year.")
        case .strayFile:
            ("my-city/2024/notes.txt: warning[W002]: not a .csv submission; ignored", "Move it out of the year folder.")
        }
    }
}
