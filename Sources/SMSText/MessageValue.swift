/// A value given to a message template: text, a flag for `{{#section}}`s, or a list of rows.
public enum MessageValue: Sendable, Hashable {
    /// Text inserted as it is (never HTML-escaped).
    case text(String)
    /// Shows `{{#name}}…{{/name}}` when true and `{{^name}}…{{/name}}` when false.
    case flag(Bool)
    /// Repeats `{{#name}}…{{/name}}` once per row; inside, `{{field}}` reads the row.
    case list([[String: MessageValue]])

    /// The value in the shape swift-mustache renders: `String`, `Bool` or an array of dictionaries.
    var mustacheValue: Any {
        switch self {
        case .text(let text): text
        case .flag(let flag): flag
        case .list(let rows): rows.map { $0.mapValues(\.mustacheValue) }
        }
    }
}

extension MessageValue: ExpressibleByStringLiteral, ExpressibleByStringInterpolation {
    /// A text value from a literal.
    public init(stringLiteral value: String) {
        self = .text(value)
    }
}

extension MessageValue: ExpressibleByBooleanLiteral {
    /// A flag from `true` or `false`.
    public init(booleanLiteral value: Bool) {
        self = .flag(value)
    }
}

extension MessageValue: ExpressibleByArrayLiteral {
    /// A list from an array of rows.
    public init(arrayLiteral rows: [String: MessageValue]...) {
        self = .list(rows)
    }
}
