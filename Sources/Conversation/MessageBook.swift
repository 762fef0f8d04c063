import SMSText

/// The message catalogs of every language, with a fallback language.
public struct MessageBook: Sendable {
    /// Catalog per language code.
    public var catalogs: [String: MessageCatalog]
    /// Used when a member's language has no catalog.
    public var defaultLanguage: String

    /// - Parameters:
    ///   - catalogs: catalog per language code.
    ///   - defaultLanguage: the fallback language (must be in `catalogs`).
    public init(catalogs: [String: MessageCatalog], defaultLanguage: String = "es") {
        self.catalogs = catalogs
        self.defaultLanguage = defaultLanguage
    }

    /// Languages available, sorted.
    public var languages: [String] { catalogs.keys.sorted() }

    /// Renders `key` in `language`, falling back to the default language. A key missing everywhere
    /// renders as the key itself: the template tests make sure that never ships.
    /// - Parameters:
    ///   - key: template key, e.g. `menu.socio`.
    ///   - language: language code.
    ///   - values: placeholder values.
    public func render(_ key: String, language: String, _ values: [String: String] = [:]) -> String {
        for code in [language, defaultLanguage] {
            if let catalog = catalogs[code], let text = try? catalog.render(key, strings: values) {
                return text
            }
        }
        return key
    }
}
