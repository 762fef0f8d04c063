/// Reads a 1–5 rating: a digit, `4/5`, or the words people use (`bueno`, `muy malo`, `excellent`…).
public enum RatingParser {
    private static let phrases: [String: Int] = [
        "MUY MALO": 1, "MUY MALA": 1, "PESIMO": 1, "PESIMA": 1, "HORRIBLE": 1, "TERRIBLE": 1,
        "VERY BAD": 1, "AWFUL": 1,
        "MALO": 2, "MALA": 2, "BAD": 2, "POOR": 2,
        "REGULAR": 3, "MAS O MENOS": 3, "NORMAL": 3, "FAIR": 3, "AVERAGE": 3, "SO SO": 3,
        "BUENO": 4, "BUENA": 4, "GOOD": 4,
        "MUY BUENO": 5, "MUY BUENA": 5, "EXCELENTE": 5, "EXCELLENT": 5, "VERY GOOD": 5, "GREAT": 5,
    ]

    /// The rating 1–5, or `nil` if the text is not one.
    public static func parse(_ text: String) -> Int? {
        let words = Keyword.words(text)
        guard !words.isEmpty else { return nil }
        if words.count == 1, let value = digit(words[0]) { return value }
        if words.count == 1, words[0].hasSuffix("/5"), let value = digit(String(words[0].dropLast(2))) {
            return value
        }
        return phrases[words.joined(separator: " ")]
    }

    private static func digit(_ word: String) -> Int? {
        guard word.count == 1, let value = Int(word), (1...5).contains(value) else { return nil }
        return value
    }
}
