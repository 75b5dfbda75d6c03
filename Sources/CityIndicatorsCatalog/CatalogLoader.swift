import CityIndicatorsBase
import Foundation
import Yams

/// Builds a `Catalog` from its files, strictly, collecting every problem as a diagnostic.
public struct CatalogLoader {
    public private(set) var diagnostics: [Diagnostic] = []
    var catalog = Catalog()
    /// Where each id was first defined, to report duplicates.
    var definedAt: [String: SourceLocation] = [:]

    static let idPattern = try! NSRegularExpression(pattern: "^[a-z][a-z0-9_]*$")

    public init() {}

    /// How much of the catalog to read.
    public enum Scope: Sendable {
        /// Everything.
        case all
        /// Units, departments, elements with their relations, frameworks and registers: what
        /// checking submissions needs. Indicator files (most of the catalog) and crosswalks are
        /// not read, so `validate` starts faster; the catalog's version is still that of all files.
        case data
    }

    /// Loads a catalog. Never throws: problems are in the returned diagnostics.
    public static func load(_ files: [CatalogFile], origin: String, scope: Scope = .all) -> (
        catalog: Catalog, diagnostics: [Diagnostic]
    ) {
        var loader = CatalogLoader()
        loader.catalog.origin = origin
        loader.loadAll(files, scope: scope)
        return (loader.catalog, loader.diagnostics.sortedByLocation())
    }

    /// What a catalog file holds, by where it lies; files load in this order (units before the
    /// departments and elements that use them, frameworks before their indicators).
    enum FileRole: Int {
        case units, departments, elements, framework, indicator, crosswalk, register

        init(_ file: CatalogFile) {
            let r = file.relativePath
            self =
                if r == "units.yaml" { .units } else if r == "departments.yaml" {
                    .departments
                } else if r.hasPrefix("elements/") { .elements } else if r.hasPrefix("frameworks/") {
                    .framework
                } else if r.hasPrefix("crosswalks/") { .crosswalk } else if r.hasPrefix("registers/") { .register } else
                { .indicator }
        }

        /// What checking submissions needs (`Scope.data`): all but indicators and crosswalks.
        var isData: Bool { self != .indicator && self != .crosswalk }
    }

    mutating func loadAll(_ files: [CatalogFile], scope: Scope = .all) {
        let ordered = files.sorted {
            (FileRole($0).rawValue, $0.relativePath) < (FileRole($1).rawValue, $1.relativePath)
        }
        if !files.contains(where: { $0.relativePath == "units.yaml" }) {
            diagnostics.append(
                Diagnostic(
                    .unreadableCatalogFile, "the catalog has no units.yaml", at: SourceLocation(file: catalog.origin),
                    hint:
                        "A catalog folder holds units.yaml, departments.yaml, elements/, frameworks/ and one folder per framework."
                ))
        }
        var relationFiles: [(YAMLFile, [Node])] = []
        for file in ordered where scope == .all || FileRole(file).isData {
            guard let text = String(data: file.data, encoding: .utf8) else {
                diagnostics.append(
                    Diagnostic(
                        .unreadableCatalogFile, "file is not valid UTF-8", at: SourceLocation(file: file.displayPath),
                        hint: "Re-save the file as UTF-8."))
                continue
            }
            let yaml = YAMLFile(path: file.displayPath, text: text)
            guard let root = yaml.root() else {
                diagnostics += yaml.diagnostics
                continue
            }
            switch FileRole(file) {
            case .units: loadUnits(yaml, root)
            case .departments: loadDepartments(yaml, root)
            case .elements: relationFiles.append((yaml, loadElements(yaml, root)))
            case .framework: loadFramework(yaml, root)
            case .indicator: loadIndicator(yaml, root)
            case .crosswalk: loadCrosswalk(yaml, root)
            case .register: loadRegister(yaml, root)
            }
            diagnostics += yaml.diagnostics
        }
        // Relations read elements of every department, so they come after all elements.
        for (yaml, nodes) in relationFiles {
            let before = yaml.diagnostics.count
            loadRelations(yaml, nodes)
            diagnostics += yaml.diagnostics.dropFirst(before)
        }
        var hashes: [String: String] = [:]
        var whole = Data()
        for file in files.sorted(by: { $0.relativePath < $1.relativePath }) {
            hashes[file.displayPath] = FileDigest.sha256(file.data)
            whole.append(Data(file.relativePath.utf8))
            whole.append(0)
            whole.append(file.data)
            whole.append(0)
        }
        catalog.version = FileDigest.sha256(whole)
        for i in catalog.indicators.indices {
            catalog.indicators[i].definitionHash = hashes[catalog.indicators[i].location.file] ?? ""
        }
        catalog.indicators.sort { a, b in
            a.framework != b.framework ? a.framework < b.framework : clauseLess(a.clause, b.clause)
        }
        if scope == .all { checkUsage() }
    }

    // MARK: Shared helpers

    mutating func define(_ kind: String, _ id: String, at location: SourceLocation, in yaml: YAMLFile, node: Node?)
        -> Bool
    {
        let key = "\(kind):\(id)"
        if let first = definedAt[key] {
            yaml.report(
                .duplicateID, "\(kind) '\(id)' is already defined at \(first.description)", node: node,
                hint: "Every id is defined once; remove or rename one of them.")
            return false
        }
        definedAt[key] = location
        return true
    }

    func checkID(_ id: String, _ what: String, in yaml: YAMLFile, node: Node?) -> Bool {
        let range = NSRange(id.startIndex..., in: id)
        if CatalogLoader.idPattern.firstMatch(in: id, range: range) == nil {
            yaml.report(.badID, "\(what) id '\(id)' must match ^[a-z][a-z0-9_]*$ (lower-case snake_case)", node: node)
            return false
        }
        return true
    }

    func bounds(_ fields: Fields, _ key: String) -> Bounds? {
        guard let f = fields.fields(key, what: "'\(key)'", allowed: ["min", "max"]) else { return nil }
        let b = Bounds(min: f.number("min"), max: f.number("max"))
        if let lo = b.min, let hi = b.max, lo > hi {
            fields.file.report(
                .invalidValue, "'\(key)' has min \(Format.plain(lo)) above max \(Format.plain(hi))", node: f.node)
        }
        return b
    }

    func unit(_ fields: Fields, _ key: String, required: Bool = true) -> Unit? {
        guard let id = fields.string(key, required: required) else { return nil }
        if let unit = catalog.units[id] { return unit }
        let suggestion = Suggest.nearest(id, in: catalog.units.keys)
        fields.file.report(
            .undefinedReference, "unknown unit '\(id)'", node: fields.node(key),
            hint: suggestion.map { "did you mean '\($0)'? Units are defined in units.yaml." }
                ?? "Units are defined in units.yaml.")
        return nil
    }

    /// The file location of offset `offset` inside the scalar `node` (a formula).
    func location(of offset: Int, in node: Node?, yaml: YAMLFile) -> SourceLocation {
        var loc = yaml.location(node)
        if let scalar = node?.scalar, !scalar.string.contains("\n") {
            let quoted = scalar.style == .singleQuoted || scalar.style == .doubleQuoted
            let prefix = String(decoding: Array(scalar.string.utf8).prefix(offset), as: UTF8.self)
            loc.column += prefix.unicodeScalars.count + (quoted ? 1 : 0)
        }
        return loc
    }

    /// Parses a formula from a key; syntax errors become C008 at the exact column.
    func expression(_ fields: Fields, _ key: String, required: Bool) -> Expression? {
        guard let text = fields.string(key, required: required) else { return nil }
        switch ExpressionParser.parse(text) {
        case .success(let e): return e
        case .failure(let error):
            fields.file.report(
                .expressionSyntax, "in '\(key)': \(error.message)",
                at: location(of: error.offset, in: fields.node(key), yaml: fields.file))
            return nil
        }
    }

    /// Checks a formula's elements and dimensions; returns its type when it checks cleanly.
    func type(of expression: Expression, key: String, fields: Fields) -> ExpressionType? {
        let checker = ExpressionChecker(knownElements: Array(catalog.elements.keys)) { id in
            catalog.elements[id]?.unit.dimension
        }
        let (type, issues) = checker.check(expression)
        for issue in issues {
            fields.file.report(
                issue.code, "in '\(key)': \(issue.message)",
                at: location(of: issue.offset, in: fields.node(key), yaml: fields.file), hint: issue.hint)
        }
        return issues.isEmpty ? type : nil
    }

    mutating func checkUsage() {
        var used = Set<String>()
        for indicator in catalog.indicators { used.formUnion(indicator.formula.elements) }
        for relation in catalog.relations { used.formUnion(relation.check.elements) }
        for element in catalog.elements.values where !used.contains(element.id) {
            diagnostics.append(
                Diagnostic(
                    .unusedElement, "element '\(element.id)' is used by no indicator or relation", at: element.location,
                    hint: "Use it in a formula or a relation, or remove it."))
        }
    }
}
