/// Why a message could not be prepared. Names the key and language, never the values (they hold names and phones).
public struct MessageCatalogError: Error, Hashable, CustomStringConvertible {
    /// The kind of failure.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Wrapped: Hashable, Sendable {
            case missingKey
            case missingValue
            case invalidTemplate
        }

        private let wrapped: Wrapped

        /// The language has no template for the key.
        public static let missingKey = Code(wrapped: .missingKey)
        /// The template uses a value the caller did not give.
        public static let missingValue = Code(wrapped: .missingValue)
        /// The template is not valid Mustache.
        public static let invalidTemplate = Code(wrapped: .invalidTemplate)

        /// A stable snake_case label, usable as a metric label.
        public var description: String {
            switch wrapped {
            case .missingKey: "missing_key"
            case .missingValue: "missing_value"
            case .invalidTemplate: "invalid_template"
            }
        }
    }

    /// The kind of failure.
    public let code: Code
    /// The message key, e.g. `menu.socio`.
    public let key: String
    /// The catalog's language, e.g. `es`.
    public let language: String
    /// The missing value's name, for `missingValue`.
    public let placeholder: String?
    /// What the Mustache parser reported (with line and column), for `invalidTemplate`.
    public let reason: String?

    /// - Parameters:
    ///   - code: the kind of failure.
    ///   - key: the message key.
    ///   - language: the catalog language.
    ///   - placeholder: the missing value name, if any.
    ///   - reason: the parser's explanation, if any.
    public init(code: Code, key: String, language: String, placeholder: String? = nil, reason: String? = nil) {
        self.code = code
        self.key = key
        self.language = language
        self.placeholder = placeholder
        self.reason = reason
    }

    /// A bounded label for metrics and logs.
    public var shortDescription: String { code.description }

    /// One sentence naming the key and language.
    public var description: String {
        switch code {
        case .missingKey:
            "No message template '\(key)' in language '\(language)'"
        case .missingValue:
            "Message '\(key)' (\(language)) needs the value '\(placeholder ?? "?")', which was not given"
        default:
            "Message template '\(key)' (\(language)) is not valid Mustache: \(reason ?? "unknown error")"
        }
    }
}
