/// An ISO 8601 week: Monday to Sunday, numbered within its week-year (week 1 holds the year's first Thursday).
public struct ISOWeek: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// The ISO week-year (can differ from the calendar year around 1 January).
    public let year: Int
    /// The week number, 1–52 or 1–53.
    public let week: Int

    /// Creates a week; returns nil when the year has no such week (e.g. W53 of a 52-week year).
    /// - Parameters:
    ///   - year: ISO week-year.
    ///   - week: 1–53, checked against the year.
    public init?(year: Int, week: Int) {
        guard week >= 1, week <= ISOWeek.weeksIn(year: year) else { return nil }
        self.year = year
        self.week = week
    }

    /// The week a day belongs to.
    /// - Parameter day: any day.
    public init(containing day: LocalDate) {
        // The week belongs to the year of its Thursday.
        let thursday = day.adding(days: 4 - day.isoWeekday)
        let firstOfYear = LocalDate(dayNumber: LocalDate.firstOfJanuaryDayNumber(thursday.year))
        self.year = thursday.year
        self.week = firstOfYear.days(until: thursday) / 7 + 1
    }

    /// The Monday the week starts on.
    public var monday: LocalDate {
        ISOWeek.mondayOfWeekOne(year).adding(days: (week - 1) * 7)
    }

    /// The week right after this one.
    public var next: ISOWeek { ISOWeek(containing: monday.adding(days: 7)) }

    /// The week right before this one.
    public var previous: ISOWeek { ISOWeek(containing: monday.adding(days: -7)) }

    /// This week moved by `weeks` (negative goes back).
    public func adding(weeks: Int) -> ISOWeek { ISOWeek(containing: monday.adding(days: 7 * weeks)) }

    /// Whole weeks from `self` to `other` (positive when `other` is later).
    public func weeks(until other: ISOWeek) -> Int { monday.days(until: other.monday) / 7 }

    /// `2026-W48`.
    public var label: String {
        "\(ISOWeek.paddedYear(year))-W\(week < 10 ? "0" : "")\(week)"
    }

    /// Same as `label`.
    public var description: String { label }

    /// Number of ISO weeks in a week-year: 53 when it starts on a Thursday, or on a Wednesday in a leap year.
    /// - Parameter year: ISO week-year.
    public static func weeksIn(year: Int) -> Int {
        // 28 December always lies in the last week of its year.
        guard let dec28 = LocalDate(year: year, month: 12, day: 28) else { return 52 }
        return ISOWeek(containing: dec28).week
    }

    /// Parses `2026-W48` (also `2026-w48`, `2026-W5`).
    /// - Parameter text: the week as text.
    public init?(parsing text: some StringProtocol) {
        let upper = text.uppercased()
        let parts = upper.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 4, parts[1].first == "W" else { return nil }
        let weekText = parts[1].dropFirst()
        guard (1...2).contains(weekText.count), weekText.allSatisfy(\.isASCIIDigit), parts[0].allSatisfy(\.isASCIIDigit),
            let year = Int(parts[0]), let week = Int(weekText)
        else { return nil }
        self.init(year: year, week: week)
    }

    /// Earlier weeks first.
    public static func < (lhs: ISOWeek, rhs: ISOWeek) -> Bool {
        (lhs.year, lhs.week) < (rhs.year, rhs.week)
    }

    /// Decodes `2026-W48`.
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let week = ISOWeek(parsing: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not an ISO week: \(text)"))
        }
        self = week
    }

    /// Encodes as `2026-W48`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(label)
    }

    /// The Monday of week 1: the Monday on or before 4 January.
    static func mondayOfWeekOne(_ year: Int) -> LocalDate {
        let jan4 = LocalDate(dayNumber: LocalDate.firstOfJanuaryDayNumber(year) + 3)
        return jan4.adding(days: 1 - jan4.isoWeekday)
    }

    /// Four-digit year for labels.
    static func paddedYear(_ year: Int) -> String {
        let digits = String(year.magnitude)
        return (year < 0 ? "-" : "") + String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}

extension LocalDate {
    /// Day number of 1 January of a year.
    static func firstOfJanuaryDayNumber(_ year: Int) -> Int {
        // 1 January always exists, so this never falls back.
        (LocalDate(year: year, month: 1, day: 1) ?? LocalDate(dayNumber: 0)).dayNumber
    }
}
