import SMSText

/// How names appear in SMS (product.md §4.1): people to 15 characters, networks to 20.
enum Truncation {
    static func name(_ text: String) -> String { Truncate.name(text, max: 15) }
    static func network(_ text: String) -> String { Truncate.name(text, max: 20) }
}
