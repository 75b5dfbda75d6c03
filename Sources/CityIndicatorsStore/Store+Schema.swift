import CityIndicatorsBase
import CityIndicatorsCatalog
import CityIndicatorsCompute
import CityIndicatorsIntake
import GRDB

extension Store {
    /// `PRAGMA application_id` of a CityIndicators store ('CIND').
    static let applicationID: Int32 = 0x4349_4E44

    /// Append-only migrations, named by strings. Never edit one that has shipped; add another.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()

        // v1 (the first schema): cities, submissions with provenance, element values.
        migrator.registerMigration("v1-submissions") { db in
            try db.execute(sql: "PRAGMA application_id = \(Store.applicationID)")
            try db.execute(
                sql: """
                    CREATE TABLE city (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        ulb_code TEXT NOT NULL UNIQUE,
                        name TEXT NOT NULL,
                        country TEXT NOT NULL,
                        created_at TEXT NOT NULL
                    );
                    CREATE TABLE submission (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        city_id INTEGER NOT NULL REFERENCES city(id),
                        year INTEGER NOT NULL CHECK (year BETWEEN 1900 AND 2100),
                        department TEXT NOT NULL,
                        file_name TEXT NOT NULL,
                        sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
                        revision INTEGER NOT NULL CHECK (revision >= 1),
                        imported_at TEXT NOT NULL,
                        imported_by TEXT NOT NULL,
                        catalog_version TEXT NOT NULL,
                        rows_accepted INTEGER NOT NULL,
                        rows_not_reported INTEGER NOT NULL,
                        rows_rejected INTEGER NOT NULL,
                        UNIQUE (city_id, year, department, revision)
                    );
                    CREATE TABLE element_value (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        submission_id INTEGER NOT NULL REFERENCES submission(id),
                        element TEXT NOT NULL,
                        value REAL,
                        unit TEXT NOT NULL,
                        written TEXT,
                        written_unit TEXT,
                        source TEXT,
                        notes TEXT,
                        data_year INTEGER,
                        line INTEGER NOT NULL,
                        col INTEGER NOT NULL,
                        UNIQUE (submission_id, element)
                    );
                    CREATE INDEX element_value_by_element ON element_value(element);
                    """)
        }

        // v2: computed results with the definitions' hash, and the audit log.
        migrator.registerMigration("v2-results-audit") { db in
            try db.execute(
                sql: """
                    CREATE TABLE computation (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        city_id INTEGER NOT NULL REFERENCES city(id),
                        year INTEGER NOT NULL,
                        framework TEXT NOT NULL,
                        catalog_version TEXT NOT NULL,
                        computed_at TEXT NOT NULL,
                        inputs TEXT NOT NULL
                    );
                    CREATE INDEX computation_by_city_year ON computation(city_id, year, framework);
                    CREATE TABLE indicator_result (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        computation_id INTEGER NOT NULL REFERENCES computation(id),
                        indicator TEXT NOT NULL,
                        type TEXT NOT NULL,
                        status TEXT NOT NULL CHECK (status IN ('computed', 'not_computable', 'not_submitted', 'not_defined')),
                        value REAL,
                        numerator REAL,
                        denominator REAL,
                        unit TEXT NOT NULL,
                        reason TEXT,
                        definition_hash TEXT NOT NULL,
                        UNIQUE (computation_id, indicator),
                        CHECK ((status = 'computed') = (value IS NOT NULL))
                    );
                    CREATE INDEX indicator_result_by_indicator ON indicator_result(indicator);
                    CREATE TABLE audit_log (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        at TEXT NOT NULL,
                        actor TEXT NOT NULL,
                        action TEXT NOT NULL,
                        city_id INTEGER REFERENCES city(id),
                        detail TEXT NOT NULL
                    );
                    """)
        }
        return migrator
    }
}
