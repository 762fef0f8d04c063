import Foundation

extension Period {
    /// Parses `2026-W48`, `2026-W45..2026-W48` (or `2026-W45..W48`), `2026-11`, `2026-Q4` or `2026`;
    /// case and surrounding spaces are ignored, anything else is nil.
    /// - Parameter text: the period as typed on the command line, in a URL or in config.
    public static func parse(_ text: String) -> Period? {
        let trimmed = text.trimmingCharacters(in: .whitespaces).uppercased()
        guard !trimmed.isEmpty, trimmed.unicodeScalars.allSatisfy(\.isASCII) else { return nil }
        if let range = trimmed.range(of: "..") {
            let head = trimmed[..<range.lowerBound]
            var tail = String(trimmed[range.upperBound...])
            if tail.hasPrefix("W"), let dash = head.firstIndex(of: "-") {
                tail = head[..<dash] + "-" + tail
            }
            guard let first = ISOWeek(parsing: head), let last = ISOWeek(parsing: tail) else { return nil }
            return .weeks(from: first, through: last)
        }
        let parts = trimmed.split(separator: "-", omittingEmptySubsequences: false)
        guard parts[0].count == 4, parts[0].allSatisfy(\.isASCIIDigit), let year = Int(parts[0]), year >= 1 else { return nil }
        if parts.count == 1 { return .year(year) }
        guard parts.count == 2 else { return nil }
        let second = parts[1]
        switch second.first {
        case "W":
            return ISOWeek(parsing: trimmed).map(Period.week)
        case "Q":
            guard second.count == 2, second.last?.isASCIIDigit == true, let quarter = Int(second.dropFirst()) else { return nil }
            return .quarter(year: year, quarter: quarter)
        default:
            guard (1...2).contains(second.count), second.allSatisfy(\.isASCIIDigit), let month = Int(second) else { return nil }
            return .month(year: year, month: month)
        }
    }
}

extension Character {
    /// `0`–`9` only (`Int("+1")` would accept a sign).
    var isASCIIDigit: Bool { isASCII && isWholeNumber }
}
