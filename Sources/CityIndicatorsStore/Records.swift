import CityIndicatorsBase
import CityIndicatorsCatalog
import CityIndicatorsCompute
import CityIndicatorsIntake
import GRDB

/// One record type per table. Column names are the property names (snake_case in SQL).

public struct CityRecord: Codable, FetchableRecord, MutablePersistableRecord, Sendable {
    public static let databaseTableName = "city"
    public var id: Int64?
    public var ulbCode: String
    public var name: String
    public var country: String
    public var createdAt: String

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
    enum CodingKeys: String, CodingKey {
        case id
        case ulbCode = "ulb_code"
        case name, country
        case createdAt = "created_at"
    }
}

public struct SubmissionRecord: Codable, FetchableRecord, MutablePersistableRecord, Sendable {
    public static let databaseTableName = "submission"
    public var id: Int64?
    public var cityID: Int64
    public var year: Int
    public var department: String
    public var fileName: String
    public var sha256: String
    public var revision: Int
    public var importedAt: String
    public var importedBy: String
    public var catalogVersion: String
    public var rowsAccepted: Int
    public var rowsNotReported: Int
    public var rowsRejected: Int

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
    enum CodingKeys: String, CodingKey {
        case id
        case cityID = "city_id"
        case year, department
        case fileName = "file_name"
        case sha256, revision
        case importedAt = "imported_at"
        case importedBy = "imported_by"
        case catalogVersion = "catalog_version"
        case rowsAccepted = "rows_accepted"
        case rowsNotReported = "rows_not_reported"
        case rowsRejected = "rows_rejected"
    }
}

public struct ElementValueRecord: Codable, FetchableRecord, MutablePersistableRecord, Sendable {
    public static let databaseTableName = "element_value"
    public var id: Int64?
    public var submissionID: Int64
    public var element: String
    /// In the element's unit; nil when the row was left blank (not reported).
    public var value: Double?
    public var unit: String
    public var written: String?
    public var writtenUnit: String?
    public var source: String?
    public var notes: String?
    public var dataYear: Int?
    public var line: Int
    public var column: Int

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
    enum CodingKeys: String, CodingKey {
        case id
        case submissionID = "submission_id"
        case element, value, unit, written
        case writtenUnit = "written_unit"
        case source, notes
        case dataYear = "data_year"
        case line
        case column = "col"
    }
}

public struct ComputationRecord: Codable, FetchableRecord, MutablePersistableRecord, Sendable {
    public static let databaseTableName = "computation"
    public var id: Int64?
    public var cityID: Int64
    public var year: Int
    public var framework: String
    public var catalogVersion: String
    public var computedAt: String
    /// The submission ids the results were computed from, comma-separated, ascending.
    public var inputs: String

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
    enum CodingKeys: String, CodingKey {
        case id
        case cityID = "city_id"
        case year, framework
        case catalogVersion = "catalog_version"
        case computedAt = "computed_at"
        case inputs
    }
}

public struct IndicatorResultRecord: Codable, FetchableRecord, MutablePersistableRecord, Sendable {
    public static let databaseTableName = "indicator_result"
    public var id: Int64?
    public var computationID: Int64
    public var indicator: String
    public var type: String
    public var status: String
    public var value: Double?
    public var numerator: Double?
    public var denominator: Double?
    public var unit: String
    public var reason: String?
    public var definitionHash: String

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
    enum CodingKeys: String, CodingKey {
        case id
        case computationID = "computation_id"
        case indicator, type, status, value, numerator, denominator, unit, reason
        case definitionHash = "definition_hash"
    }
}

public struct AuditRecord: Codable, FetchableRecord, MutablePersistableRecord, Sendable {
    public static let databaseTableName = "audit_log"
    public var id: Int64?
    public var at: String
    public var actor: String
    public var action: String
    public var cityID: Int64?
    public var detail: String

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
    enum CodingKeys: String, CodingKey {
        case id, at, actor, action
        case cityID = "city_id"
        case detail
    }
}
