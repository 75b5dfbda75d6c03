import CityIndicatorsBase
import Foundation
import Yams

/// Reads one YAML file strictly: keeps positions, reports unknown keys, wrong types and missing
/// keys as diagnostics instead of throwing, so every problem of a file is found in one pass.
package final class YAMLFile {
    package let path: String
    package let text: String
    package private(set) var diagnostics: [Diagnostic] = []

    package init(path: String, text: String) {
        self.path = path
        self.text = text
    }

    /// Parses the document; a syntax error becomes a C001 diagnostic and `nil`.
    package func root() -> Node? {
        do {
            // The basic resolver tags every scalar as text: this reader interprets values itself,
            // and resolving tags (regular expressions per key) dominated catalog loading.
            return try Yams.compose(yaml: text, .basic)
        } catch let error as YamlError {
            var line = 0
            var column = 0
            var problem = "\(error)"
            switch error {
            case .scanner(_, let p, let mark, _), .parser(_, let p, let mark, _),
                .composer(_, let p, let mark, _):
                line = mark.line
                column = mark.column
                problem = p
            case .duplicatedKeysInMapping(let duplicates, let context):
                line = context.mark.line
                column = context.mark.column
                problem = "duplicate key \(duplicates.map { "'\($0)'" }.joined(separator: ", ")) in a mapping"
            case .reader(let p, _, _, _):
                problem = p
            default:
                break
            }
            report(
                .yamlSyntax, problem, at: SourceLocation(file: path, line: line, column: column),
                hint:
                    "Fix the YAML at this position; a missing ':', a tab used for indentation or an unclosed quote is the usual cause."
            )
            return nil
        } catch {
            report(.yamlSyntax, "\(error)", at: SourceLocation(file: path))
            return nil
        }
    }

    /// A plain scalar that YAML reads as null: empty, `~` or `null`.
    package static func isNull(_ s: Node.Scalar) -> Bool {
        s.style == .plain && ["", "~", "null", "Null", "NULL"].contains(s.string)
    }

    package func location(_ node: Node?) -> SourceLocation {
        guard let mark = node?.mark else { return SourceLocation(file: path, line: 1, column: 1) }
        return SourceLocation(file: path, line: mark.line, column: mark.column)
    }

    package func report(_ code: DiagnosticCode, _ message: String, at location: SourceLocation, hint: String? = nil) {
        diagnostics.append(Diagnostic(code, message, at: location, hint: hint))
    }

    package func report(_ code: DiagnosticCode, _ message: String, node: Node?, hint: String? = nil) {
        report(code, message, at: location(node), hint: hint)
    }

    /// The node as a mapping of known keys, or a C003 diagnostic.
    package func fields(_ node: Node?, what: String, allowed: [String]) -> Fields? {
        guard let node else { return nil }
        guard let mapping = node.mapping else {
            report(.wrongType, "\(what) must be a mapping of keys to values", node: node)
            return nil
        }
        return Fields(file: self, node: node, mapping: mapping, what: what, allowed: allowed)
    }

    package func sequence(_ node: Node?, what: String) -> [Node] {
        guard let node else { return [] }
        if case .scalar(let s) = node, YAMLFile.isNull(s) { return [] }
        guard let sequence = node.sequence else {
            report(.wrongType, "\(what) must be a list", node: node)
            return []
        }
        return Array(sequence)
    }
}

/// A YAML mapping being read: every key read is marked; the rest are unknown keys (C002).
package struct Fields {
    package let file: YAMLFile
    package let node: Node
    package let mapping: Node.Mapping
    package let what: String
    package let allowed: [String]
    /// Keys by their text. Looking a key up in `Node.Mapping` compares nodes, which resolves YAML
    /// tags with regular expressions: slow when a catalog has thousands of keys.
    package let values: [String: Node]
    package let keys: [String: Node]

    package init(file: YAMLFile, node: Node, mapping: Node.Mapping, what: String, allowed: [String]) {
        self.file = file
        self.node = node
        self.mapping = mapping
        self.what = what
        self.allowed = allowed
        var values: [String: Node] = [:]
        var keys: [String: Node] = [:]
        for (key, value) in mapping {
            guard let name = key.scalar?.string, values[name] == nil else { continue }
            values[name] = value
            keys[name] = key
        }
        self.values = values
        self.keys = keys
        for (key, _) in mapping {
            let name = key.scalar?.string ?? "\(key)"
            if !allowed.contains(name) {
                let suggestion = Suggest.nearest(name, in: allowed)
                file.report(
                    .unknownKey, "unknown key '\(name)' in \(what)", node: key,
                    hint: (suggestion.map { "did you mean '\($0)'? " } ?? "")
                        + "Allowed keys: \(allowed.joined(separator: ", ")).")
            }
        }
    }

    package var location: SourceLocation { file.location(node) }

    package func has(_ key: String) -> Bool { values[key] != nil }

    package func node(_ key: String) -> Node? { values[key] }

    package func keyNode(_ key: String) -> Node? { keys[key] }

    private func isNull(_ node: Node) -> Bool {
        if case .scalar(let s) = node { return YAMLFile.isNull(s) }
        return false
    }

    package func missing(_ key: String) {
        file.report(.missingKey, "\(what) is missing required key '\(key)'", node: node)
    }

    /// A text value. Numbers and booleans written plainly are accepted as their text.
    package func string(_ key: String, required: Bool = true) -> String? {
        guard let value = values[key], !isNull(value) else {
            if required { missing(key) }
            return nil
        }
        guard let scalar = value.scalar else {
            file.report(.wrongType, "'\(key)' must be text", node: value)
            return nil
        }
        if required && scalar.string.trimmedSpaces.isEmpty {
            file.report(.invalidValue, "'\(key)' must not be empty", node: value)
            return nil
        }
        return scalar.string
    }

    package func number(_ key: String, required: Bool = false) -> Double? {
        guard let value = values[key], !isNull(value) else {
            if required { missing(key) }
            return nil
        }
        guard let scalar = value.scalar, let number = NumberText.parsePlain(scalar.string) else {
            file.report(
                .wrongType, "'\(key)' must be a number, found '\(value.scalar?.string ?? "a \(value.kindName)")'",
                node: value)
            return nil
        }
        return number
    }

    package func bool(_ key: String) -> Bool? {
        guard let value = values[key], !isNull(value) else { return nil }
        switch value.scalar?.string.lowercased() {
        case "true", "yes": return true
        case "false", "no": return false
        default:
            file.report(.wrongType, "'\(key)' must be true or false", node: value)
            return nil
        }
    }

    /// One of a fixed set of words.
    package func choice(_ key: String, _ options: [String], required: Bool = true) -> String? {
        guard let text = string(key, required: required) else { return nil }
        guard options.contains(text) else {
            file.report(
                .invalidValue, "'\(key)' must be one of \(options.joined(separator: ", ")); found '\(text)'",
                node: values[key])
            return nil
        }
        return text
    }

    package func sequence(_ key: String, required: Bool = false) -> [Node] {
        guard let value = values[key] else {
            if required { missing(key) }
            return []
        }
        return file.sequence(value, what: "'\(key)'")
    }

    package func fields(_ key: String, what: String, allowed: [String], required: Bool = false) -> Fields? {
        guard let value = values[key], !isNull(value) else {
            if required { missing(key) }
            return nil
        }
        return file.fields(value, what: what, allowed: allowed)
    }
}

extension Node {
    package var kindName: String {
        switch self {
        case .scalar: "scalar"
        case .mapping: "mapping"
        case .sequence: "list"
        case .alias: "alias"
        }
    }
}
