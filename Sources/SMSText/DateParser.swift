/// A day as written in a message, before it is placed on the calendar.
public enum ParsedDay: Equatable, Hashable, Sendable {
    /// `hoy`, `today`.
    case today
    /// `ayer`, `yesterday`.
    case yesterday
    /// `mañana`, `manana`, `tomorrow`.
    case tomorrow
    /// `15/12`, `5-3`: the year is chosen by the caller (nearest past for reports, nearest future for plans).
    case dayMonth(day: Int, month: Int)
    /// `15/12/2025`, `15/12/25` (two-digit years are 20xx).
    case full(day: Int, month: Int, year: Int)
}

/// Reads a day: `hoy`, `ayer`, `mañana` (and English words), `dd/mm`, `d/m`, `dd-mm`, `dd/mm/aaaa`, `dd/mm/aa`.
public enum DateParser {
    private static let words: [String: ParsedDay] = [
        "HOY": .today, "TODAY": .today,
        "AYER": .yesterday, "YESTERDAY": .yesterday,
        "MANANA": .tomorrow, "TOMORROW": .tomorrow,
    ]

    /// The day if the whole text is one valid day, else `nil`; days and months are range-checked.
    ///
    /// `29/02` without a year is accepted; with a year it must be a leap year.
    public static func parse(_ text: String) -> ParsedDay? {
        let tokens = Keyword.words(text)
        guard tokens.count == 1, let token = tokens.first else { return nil }
        if let day = words[token] { return day }
        return numeric(token)
    }

    /// Days in the month, February counted as 29 when the year is unknown.
    public static func daysIn(month: Int, year: Int?) -> Int {
        switch month {
        case 4, 6, 9, 11: return 30
        case 2:
            guard let year else { return 29 }
            let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
            return leap ? 29 : 28
        default: return 31
        }
    }

    private static func numeric(_ token: String) -> ParsedDay? {
        guard let separator = token.first(where: { $0 == "/" || $0 == "-" || $0 == "." }) else { return nil }
        let fields = token.split(separator: separator, omittingEmptySubsequences: false)
        guard fields.count == 2 || fields.count == 3,
            fields.allSatisfy({ !$0.isEmpty && $0.allSatisfy(Keyword.isDigit) }),
            fields[0].count <= 2, fields[1].count <= 2,
            let day = Int(fields[0]), let month = Int(fields[1]),
            (1...12).contains(month)
        else { return nil }
        guard fields.count == 3 else {
            return (1...daysIn(month: month, year: nil)).contains(day) ? .dayMonth(day: day, month: month) : nil
        }
        let yearField = fields[2]
        guard yearField.count == 2 || yearField.count == 4, let written = Int(yearField) else { return nil }
        let year = yearField.count == 2 ? 2000 + written : written
        guard (1900...2199).contains(year), (1...daysIn(month: month, year: year)).contains(day) else { return nil }
        return .full(day: day, month: month, year: year)
    }
}
