/// Shortens names for SMS (product.md §4.1): people's names to 15 characters, networks to 20.
public enum Truncate {
    /// The longest person name shown in an SMS.
    public static let nameLength = 15
    /// The longest network name shown in an SMS.
    public static let networkLength = 20

    /// The name with whitespace collapsed and cut to `max` characters, at a word boundary when one is near.
    ///
    /// `Rosa Quispe Mamani` → `Rosa Quispe`; a single long word is cut inside. No ellipsis is added.
    public static func name(_ name: String, max: Int = nameLength) -> String {
        let words = name.split(whereSeparator: { $0.isWhitespace })
        let collapsed = words.joined(separator: " ")
        guard max > 0 else { return "" }
        guard collapsed.count > max else { return collapsed }
        var kept = ""
        for word in words {
            let candidate = kept.isEmpty ? String(word) : kept + " " + word
            guard candidate.count <= max else { break }
            kept = candidate
        }
        // Keep whole words only if they use at least half the room; otherwise cut the text itself.
        if kept.count * 2 >= max { return kept }
        return String(collapsed.prefix(max)).trimmingTrailingSpaces()
    }

    /// A network name cut to 20 characters.
    public static func network(_ name: String) -> String {
        self.name(name, max: networkLength)
    }
}

extension String {
    fileprivate func trimmingTrailingSpaces() -> String {
        var result = self
        while result.last == " " { result.removeLast() }
        return result
    }
}
