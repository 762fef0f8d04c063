internal import Mustache

/// One language's message templates (key → Mustache template), checked when built and rendered as plain text.
///
/// Templates never HTML-escape: each is compiled behind a `{{% CONTENT_TYPE: TEXT }}` pragma, so
/// `&`, `'`, `<` and `"` come out as written, whether a value is written `{{name}}` or `{{{name}}}`.
/// Every value a template uses outside sections must be given to `render`; a forgotten value throws
/// instead of sending a message with a hole in it.
public struct MessageCatalog: Sendable {
    private struct Entry: Sendable {
        var source: String
        var template: MustacheTemplate
        var required: Set<String>
        var placeholders: Set<String>
    }

    /// The language code, e.g. `es`, `en`, `qu`.
    public let language: String
    private let entries: [String: Entry]

    /// Compiles every template; throws `MessageCatalogError` (`invalidTemplate`) naming the first bad key.
    /// - Parameters:
    ///   - language: the language code.
    ///   - templates: key → Mustache template text.
    public init(language: String, templates: [String: String]) throws {
        self.language = language
        var entries: [String: Entry] = [:]
        for key in templates.keys.sorted() {
            guard let source = templates[key] else { continue }
            let template: MustacheTemplate
            do {
                // The pragma stands on its own line, which Mustache removes, so the template text is untouched.
                template = try MustacheTemplate(string: "{{% CONTENT_TYPE: TEXT }}\n" + source)
            } catch {
                throw MessageCatalogError(
                    code: .invalidTemplate,
                    key: key,
                    language: language,
                    reason: Self.explain(error)
                )
            }
            let tags = MustacheTagScanner.tags(in: source)
            let required = tags.filter { $0.kind == .variable && $0.depth == 0 }.map { Self.root(of: $0.name) }
            entries[key] = Entry(
                source: source,
                template: template,
                required: Set(required),
                placeholders: Set(tags.map(\.name))
            )
        }
        self.entries = entries
    }

    /// All message keys, sorted.
    public var keys: [String] { entries.keys.sorted() }

    /// Whether the language has a template for the key.
    public func contains(_ key: String) -> Bool { entries[key] != nil }

    /// The template text for the key, as given.
    public func template(for key: String) -> String? { entries[key]?.source }

    /// The value names the key's template uses (variables and sections).
    public func placeholders(for key: String) throws -> Set<String> {
        try entry(key).placeholders
    }

    /// Renders the key's template with the values.
    /// - Parameters:
    ///   - key: the message key.
    ///   - values: name → value; `[String: MessageValue]` literals accept strings, booleans and lists.
    /// - Throws: `MessageCatalogError` with `missingKey` or `missingValue`.
    public func render(_ key: String, _ values: [String: MessageValue] = [:]) throws -> String {
        let entry = try entry(key)
        if let missing = entry.required.lazy.filter({ values[$0] == nil }).min() {
            throw MessageCatalogError(code: .missingValue, key: key, language: language, placeholder: missing)
        }
        return entry.template.render(values.mapValues(\.mustacheValue))
    }

    /// Renders the key's template with text values only (for callers holding a `[String: String]`).
    public func render(_ key: String, strings values: [String: String]) throws -> String {
        try render(key, values.mapValues(MessageValue.text))
    }

    /// The value names a template uses (variables and sections, transforms removed), without compiling it.
    public static func placeholders(in template: String) -> Set<String> {
        Set(MustacheTagScanner.tags(in: template).map(\.name))
    }

    /// Differences from a reference catalog: missing or extra keys and keys whose placeholders differ.
    ///
    /// Each line names the key, e.g. `missing key 'menu.socio'`; an empty result means the catalogs match.
    public func mismatches(against reference: MessageCatalog) -> [String] {
        var lines: [String] = []
        let mine = Set(entries.keys)
        let theirs = Set(reference.entries.keys)
        for key in theirs.subtracting(mine).sorted() {
            lines.append("\(language): missing key '\(key)' (present in \(reference.language))")
        }
        for key in mine.subtracting(theirs).sorted() {
            lines.append("\(language): extra key '\(key)' (absent from \(reference.language))")
        }
        for key in mine.intersection(theirs).sorted() {
            guard let own = entries[key]?.placeholders, let other = reference.entries[key]?.placeholders,
                own != other
            else { continue }
            let lacking = other.subtracting(own).sorted().joined(separator: ", ")
            let added = own.subtracting(other).sorted().joined(separator: ", ")
            lines.append("\(language): key '\(key)' placeholders differ (lacking: [\(lacking)], extra: [\(added)])")
        }
        return lines
    }

    private func entry(_ key: String) throws -> Entry {
        guard let entry = entries[key] else {
            throw MessageCatalogError(code: .missingKey, key: key, language: language)
        }
        return entry
    }

    /// `row.name` needs `row`.
    private static func root(of name: String) -> String {
        String(name.prefix(while: { $0 != "." }))
    }

    private static func explain(_ error: any Error) -> String {
        guard let parserError = error as? MustacheTemplate.ParserError else { return String(describing: error) }
        // Line numbers count the pragma line we add in front.
        let line = parserError.context.lineNumber - 1
        return "\(parserError.error) at line \(line), column \(parserError.context.columnNumber)"
    }
}
