import CityIndicatorsBase

/// Which catalog a command works with: the one built into the binary, or a folder (`--catalog`).
public struct CatalogChoice: Sendable {
    /// The catalog folder; nil for the built-in catalog.
    public var directory: String?

    public init(directory: String? = nil) {
        self.directory = directory
    }

    /// Loads the catalog and returns every problem found; `check` reports them itself.
    public func loadWithDiagnostics(scope: CatalogLoader.Scope = .all) throws -> (
        catalog: Catalog, diagnostics: [Diagnostic]
    ) {
        if let directory {
            return CatalogLoader.load(try CatalogSource.directory(directory), origin: directory, scope: scope)
        }
        return CatalogLoader.load(CatalogSource.builtIn(), origin: "built-in", scope: scope)
    }

    /// Loads the catalog; one with errors is refused (`CatalogError` carries its diagnostics).
    public func load(scope: CatalogLoader.Scope = .all) throws -> Catalog {
        let (catalog, diagnostics) = try loadWithDiagnostics(scope: scope)
        if diagnostics.hasErrors {
            throw CatalogError(origin: catalog.origin, directory: directory, diagnostics: diagnostics)
        }
        return catalog
    }
}

/// A catalog with errors, refused by every command but `check`.
public struct CatalogError: UserFacingError, Sendable {
    public var origin: String
    public var directory: String?
    /// Every problem found; the errors are what made it unusable.
    public var diagnostics: [Diagnostic]

    public var message: String { "the catalog (\(origin)) has \(diagnostics.errorCount) error(s)" }
    public var hint: String? { "Run `cityind check\(directory.map { " --catalog \($0)" } ?? "")` for details." }
}

extension Catalog {
    /// The framework with this id; an unknown id is an error that names the frameworks there are.
    public func framework(named id: String) throws -> Framework {
        if let framework = frameworks[id] { return framework }
        throw unknown("framework", id, among: frameworks.keys, list: "Frameworks")
    }

    /// The department with this id, or an error that names the departments there are.
    public func department(named id: String) throws -> Department {
        if let department = departments[id] { return department }
        throw unknown("department", id, among: departments.keys, list: "Departments")
    }

    /// The register with this id, or an error that names the registers there are.
    public func register(named id: String) throws -> Register {
        if let register = registers[id] { return register }
        throw unknown("register", id, among: registers.keys, list: "Registers")
    }

    /// The error for an id that is neither an indicator nor an element (`explain`, `history`).
    public func unknownIndicatorOrElement(_ id: String) -> InputError {
        let suggestion = Suggest.nearest(id, in: indicators.map(\.id) + elements.keys)
        return InputError(
            "no indicator or element '\(id)'",
            hint: (suggestion.map { "Did you mean '\($0)'? " } ?? "") + "`cityind catalog` lists the indicators.")
    }

    private func unknown(_ what: String, _ id: String, among ids: some Collection<String>, list: String)
        -> InputError
    {
        let suggestion = Suggest.nearest(id, in: ids).map { "Did you mean '\($0)'? " } ?? ""
        return InputError(
            "unknown \(what) '\(id)'", hint: suggestion + "\(list): \(ids.sorted().joined(separator: ", ")).")
    }
}
