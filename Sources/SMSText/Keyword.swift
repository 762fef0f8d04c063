import Foundation

/// Normalises what a person typed so that commands match however they were written.
///
/// `reunión`, `REUNION`, `Reunion.` and `¿reunion?` all become `REUNION`; numbers keep their inner
/// separators (`20,50`, `1.500`, `15/12`, `15-12`), a leading sign stays (`-20`, so amounts can
/// refuse it; `+51987654321`) and the sol sign becomes its own token (`s/. 20` → `S/ 20`).
public enum Keyword {
    /// The text upper-cased, without diacritics or punctuation, tokens separated by one space.
    ///
    /// A text made only of punctuation that contains `?` gives `?` (the help request of product.md §4).
    public static func normalize(_ text: String) -> String {
        words(text).joined(separator: " ")
    }

    /// The tokens of the normalised text.
    public static func words(_ text: String) -> [String] {
        let characters = Array(stripDiacritics(text).uppercased())
        var tokens: [String] = []
        var current = ""
        func flush() {
            if !current.isEmpty { tokens.append(current) }
            current = ""
        }
        var index = 0
        while index < characters.count {
            let character = characters[index]
            let previous: Character? = index > 0 ? characters[index - 1] : nil
            let next: Character? = index + 1 < characters.count ? characters[index + 1] : nil
            if character.isLetter || character.isNumber, !(current.isEmpty && joinsPrevious(character)) {
                current.append(character)
            } else if numberSeparators.contains(character), current.last.map(isDigit) == true, startsNumber(next) {
                current.append(character)
            } else if character == "-" || character == "+", current.isEmpty, startsNumber(next) {
                current.append(character)
            } else if character == "/", current == "S" {
                current = "S/"
                flush()
                if next == "." { index += 1 }
            } else if apostrophes.contains(character), previous?.isLetter == true, next?.isLetter == true,
                !current.isEmpty
            {
                // Quechua and English words keep their letters together: ch'aki → CHAKI.
            } else {
                flush()
            }
            index += 1
        }
        flush()
        if tokens.isEmpty, text.contains("?") || text.contains("¿") {
            return ["?"]
        }
        return tokens
    }

    /// The text without combining marks, after canonical decomposition (`ñ` → `n`, `é` → `e`).
    public static func stripDiacritics(_ text: String) -> String {
        // ASCII has neither marks nor decompositions: the usual SMS skips Foundation's normalisation.
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return text }
        var scalars = String.UnicodeScalarView()
        for scalar in text.decomposedStringWithCanonicalMapping.unicodeScalars
        where scalar.properties.generalCategory != .nonspacingMark {
            scalars.append(scalar)
        }
        return String(scalars)
    }

    private static let numberSeparators: Set<Character> = [".", ",", "/", "-", ":"]
    private static let apostrophes: Set<Character> = ["'", "\u{2019}", "\u{02BC}", "`", "\u{00B4}"]

    /// True for a letter that fuses with whatever precedes it into one character (a spacing mark such as Balinese
    /// `ᭁ`, Thai `ำ`): it cannot begin a token, or the space that joins tokens would swallow it and normalising
    /// the result again would lose it (found by the `keyword` fuzz target).
    private static func joinsPrevious(_ character: Character) -> Bool {
        (" " + String(character)).count == 1
    }

    private static func startsNumber(_ character: Character?) -> Bool {
        character.map(isDigit) == true
    }

    static func isDigit(_ character: Character) -> Bool {
        character.isASCII && character.isNumber
    }
}
