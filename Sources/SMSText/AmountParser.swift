/// An amount found among the words of a message.
public struct AmountMatch: Sendable, Hashable {
    /// The amount in céntimos.
    public let centimos: Int64
    /// The positions of the words it was read from (sol sign and `soles` included).
    public let range: Range<Int>

    /// - Parameters:
    ///   - centimos: the amount in céntimos.
    ///   - range: the word positions it came from.
    public init(centimos: Int64, range: Range<Int>) {
        self.centimos = centimos
        self.range = range
    }
}

/// Reads amounts in soles as people text them (`20`, `20,50`, `S/20`, `s/. 20`, `20 soles`, `1.500,50`).
///
/// `20,50` and `20.5` are decimals; three digits after a separator are thousands (`1,500` = 1500 soles).
/// Negative, zero, written-out (`veinte`) and absurd amounts (above a million soles) are refused.
public enum AmountParser {
    /// The largest amount accepted, in céntimos: one million soles.
    public static let maximumCentimos: Int64 = 100_000_000

    /// The amount in céntimos if the whole text is one amount, else `nil`.
    public static func parse(_ text: String) -> Int64? {
        var rest = Substring(Keyword.stripDiacritics(text).lowercased())
        rest = trimmed(rest)
        if rest.hasPrefix("s/") {
            rest = trimmed(rest.dropFirst(2))
            if rest.hasPrefix(".") { rest = trimmed(rest.dropFirst()) }
        }
        for suffix in ["soles", "sol"] where rest.hasSuffix(suffix) {
            rest = trimmed(rest.dropLast(suffix.count))
            break
        }
        guard let first = rest.first, Keyword.isDigit(first),
            rest.allSatisfy({ Keyword.isDigit($0) || $0 == "." || $0 == "," })
        else { return nil }
        guard let centimos = centimos(of: rest), centimos > 0, centimos <= maximumCentimos else { return nil }
        return centimos
    }

    /// The first amount among the words (as given by `Keyword.words`), with the sol sign or `soles` around it.
    public static func extract(from words: [String]) -> AmountMatch? {
        for index in words.indices {
            var start = index
            var end = index
            if isSolSign(words[index]) {
                guard index + 1 < words.count else { continue }
                end = index + 1
            } else if index > 0, isSolSign(words[index - 1]) {
                start = index - 1
            }
            guard let centimos = parse(words[end]) else { continue }
            if end + 1 < words.count, ["SOLES", "SOL"].contains(words[end + 1].uppercased()) {
                end += 1
            }
            return AmountMatch(centimos: centimos, range: start..<(end + 1))
        }
        return nil
    }

    private static func isSolSign(_ word: String) -> Bool {
        let upper = word.uppercased()
        return upper == "S/" || upper == "S/."
    }

    /// Céntimos of a string of digits, dots and commas, applying the decimal and thousands rules.
    private static func centimos(of number: Substring) -> Int64? {
        var body = number
        if let last = body.last, last == "." || last == "," { body = body.dropLast() }  // "20." is 20
        var groups: [Substring] = []
        var separators: [Character] = []
        var start = body.startIndex
        for index in body.indices where body[index] == "." || body[index] == "," {
            groups.append(body[start..<index])
            separators.append(body[index])
            start = body.index(after: index)
        }
        groups.append(body[start...])
        guard groups.allSatisfy({ !$0.isEmpty }) else { return nil }

        var integerGroups = groups
        var fraction: Substring = ""
        if let last = separators.last {
            let mixed = Set(separators).count > 1
            if mixed {
                // The last separator is the decimal one and appears once; the other groups thousands.
                guard separators.filter({ $0 == last }).count == 1, let decimals = groups.last, decimals.count <= 2
                else { return nil }
                fraction = decimals
                integerGroups = Array(groups.dropLast())
            } else if separators.count == 1, let decimals = groups.last, decimals.count <= 2 {
                fraction = decimals
                integerGroups = Array(groups.dropLast())
            }
            guard isThousandsGrouping(integerGroups) else { return nil }
        }
        let integerDigits = integerGroups.joined()
        guard integerDigits.count <= 9, let soles = Int64(integerDigits) else { return nil }
        let paddedFraction = fraction.count == 1 ? String(fraction) + "0" : String(fraction)
        let cents = paddedFraction.isEmpty ? 0 : Int64(paddedFraction) ?? 0
        return soles * 100 + cents
    }

    /// `1234` (no separator), `1.500`, `12.500.000`: a first group of 1–3 digits (no leading 0), then groups of 3.
    private static func isThousandsGrouping(_ groups: [Substring]) -> Bool {
        guard groups.count > 1 else { return groups.count == 1 }
        guard let first = groups.first, (1...3).contains(first.count), first.first != "0" else { return false }
        return groups.dropFirst().allSatisfy { $0.count == 3 }
    }

    private static func trimmed(_ text: Substring) -> Substring {
        var result = text
        while let first = result.first, first.isWhitespace { result = result.dropFirst() }
        while let last = result.last, last.isWhitespace { result = result.dropLast() }
        return result
    }
}
