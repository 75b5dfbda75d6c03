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
            .strayWhitespace, .strayFile, .yearOverYearJump, .derivedWithRejected, .notDerived, .unknownDepartmentFile:
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

    /// How to fix it, for `docs/diagnostics.md` and SARIF rules. The doc's example messages come
    /// from real runs (`DiagnosticExamples` in CityIndicatorsOutput), not from this file.
    public var fix: String {
        switch self {
        case .yamlSyntax:
            "Fix the YAML at that position; a missing colon or a tab used for indentation is the usual cause."
        case .unknownKey:
            "Correct the spelling; the hint lists the keys allowed there."
        case .wrongType:
            "Write the value in the type named."
        case .missingKey:
            "Add the key."
        case .duplicateID:
            "Keep one definition; every id is defined once."
        case .undefinedReference:
            "Use a defined id; the hint suggests the nearest one."
        case .badID:
            "Use lower-case snake_case ids."
        case .expressionSyntax:
            "Complete the formula."
        case .dimensionMismatch:
            "Check numerator, denominator and unit; a percentage needs numerator and denominator of the same dimension."
        case .exampleFailed:
            "Correct the formula or the expected value."
        case .noExamples:
            "Add an example with inputs and `expect`."
        case .invalidValue:
            "Use one of the allowed values."
        case .unusedElement:
            "Use it or remove it."
        case .unreadableCatalogFile:
            "Re-save the file as UTF-8."
        case .encoding:
            "In Excel: File › Save As › 'CSV UTF-8 (Comma delimited)'."
        case .semicolonDelimiter:
            "Export with commas if you can: File › Save As › 'CSV UTF-8 (Comma delimited)'."
        case .missingColumn:
            "The header must contain element and value: `element,value,unit,source,notes`."
        case .unknownColumn:
            "Rename it to 'notes' if it holds notes."
        case .raggedRow:
            "Quote a value that contains a comma: \"31,24,458\"."
        case .unterminatedQuote:
            "Close the quote, or double a quote inside a quoted cell (\"\")."
        case .unknownElement:
            "Use an element id of the department's template (`cityind templates`); the hint suggests the nearest one."
        case .wrongDepartment:
            "Move the row to the file of the department the message names, or ask that department to submit it."
        case .duplicateElement:
            "Keep one row per element."
        case .notANumber:
            "Write digits with a decimal point; quote grouped numbers: \"12,00,000\"."
        case .notWholeOrNegative:
            "Counts are whole numbers of 0 or more."
        case .outOfBounds:
            "Check the figure and its unit."
        case .implausible:
            "Check the unit (MLD vs ML/yr?) and the figure; if it is right, say why in notes."
        case .unknownUnit:
            "Use a unit of the same kind as the element's (the hint lists them; `cityind catalog --units` shows all), or leave the unit blank for the element's own."
        case .inconvertibleUnit:
            "Give the value in the element's unit or one of the same kind."
        case .unitConverted:
            "Nothing to do."
        case .missingSource:
            "Name the register, report or meter the figure comes from."
        case .strayWhitespace:
            "Nothing lost; clean the cell to silence this."
        case .relationBroken:
            "One of the values is wrong; the hint names the row of each."
        case .emptyFile:
            "Fill in the template from `cityind templates`."
        case .unknownDepartmentFile:
            "Name the file after its department, e.g. water.csv (see `cityind catalog --departments`)."
        case .duplicateColumn:
            "Remove or rename one of them."
        case .badDataYear:
            "Write a four-digit year such as 2011."
        case .missingElementName:
            "Fill in the element column."
        case .binaryContent:
            "Export the sheet as 'CSV UTF-8'; an .xlsx renamed to .csv is not a CSV."
        case .quoteInUnquotedField:
            "Quote the whole cell and double the inner quote: \"12\"\" pipe\"."
        case .yearOverYearJump:
            "If the change is real, say why in the notes column (the warning becomes a note); otherwise check the figure and its unit."
        case .notOfType:
            "Write dates as 2024-09-30; a date must exist (no 31 June). In Excel, format the column as yyyy-mm-dd before saving."
        case .requiredBlank:
            "Fill in the column the hint names for this record; a required column is never left blank."
        case .notAllowedValue:
            "Write one of the allowed values the hint lists, exactly as written there."
        case .patternMismatch:
            "Write it in the form the department uses."
        case .duplicateKey:
            "Each value of a unique column or primary key appears once: remove the repeated record or correct its value."
        case .derivedAndSubmitted:
            "Submit the register or the total, not both; remove the row from the departmental file if the register is complete."
        case .derivedWithRejected:
            "Fix the rejected records (each is listed with its line) and validate again; `cityind explain <element> --workspace …` shows the first of them."
        case .notDerived:
            "Check that the register holds the records of the reporting year and that some match the derivation's filter (the hint shows it)."
        case .noYears:
            "Put each year's submissions in a folder named after the year."
        case .strayFile:
            "Move it out of the year folder; a workbook must first be saved as CSV UTF-8, one file per department."
        }
    }
}
