/// A span of whole days that indicators are computed over: an ISO week, a range of weeks, a month, a quarter or a year.
public struct Period: Hashable, Sendable, Codable, CustomStringConvertible {
    /// What kind of span a period is.
    public enum Kind: String, Hashable, Sendable, Codable {
        /// One ISO week, several consecutive ISO weeks, a calendar month, quarter or year.
        case week, weeks, month, quarter, year
    }

    private enum Unit: Hashable {
        case weeks(first: ISOWeek, count: Int)
        case month(year: Int, month: Int)
        case quarter(year: Int, quarter: Int)
        case year(Int)
    }

    private let unit: Unit

    private init(_ unit: Unit) { self.unit = unit }

    /// One ISO week.
    /// - Parameter week: the week.
    public static func week(_ week: ISOWeek) -> Period { Period(.weeks(first: week, count: 1)) }

    /// The weeks from `first` through `last`, both included; nil when `last` is before `first`.
    /// - Parameters:
    ///   - first: first week of the range.
    ///   - last: last week of the range.
    public static func weeks(from first: ISOWeek, through last: ISOWeek) -> Period? {
        guard first <= last else { return nil }
        return Period(.weeks(first: first, count: first.weeks(until: last) + 1))
    }

    /// A calendar month; nil when `month` is not 1–12.
    /// - Parameters:
    ///   - year: Gregorian year.
    ///   - month: 1–12.
    public static func month(year: Int, month: Int) -> Period? {
        guard (1...12).contains(month) else { return nil }
        return Period(.month(year: year, month: month))
    }

    /// A calendar quarter; nil when `quarter` is not 1–4.
    /// - Parameters:
    ///   - year: Gregorian year.
    ///   - quarter: 1–4.
    public static func quarter(year: Int, quarter: Int) -> Period? {
        guard (1...4).contains(quarter) else { return nil }
        return Period(.quarter(year: year, quarter: quarter))
    }

    /// A calendar year.
    /// - Parameter year: Gregorian year.
    public static func year(_ year: Int) -> Period { Period(.year(year)) }

    /// The ISO week a day belongs to.
    /// - Parameter day: any day.
    public static func isoWeek(containing day: LocalDate) -> Period { .week(ISOWeek(containing: day)) }

    /// The last `n` complete ISO weeks before the week containing `today` (`n` below 1 counts as 1).
    /// - Parameters:
    ///   - n: number of weeks (summaries, REDES and ESTADO use 4).
    ///   - today: the current local day of the network.
    public static func lastCompleteWeeks(_ n: Int, before today: LocalDate) -> Period {
        let count = max(1, n)
        return Period(.weeks(first: ISOWeek(containing: today).adding(weeks: -count), count: count))
    }

    /// Whether this is a week, a range of weeks, a month, a quarter or a year.
    public var kind: Kind {
        switch unit {
        case .weeks(_, let count): count == 1 ? .week : .weeks
        case .month: .month
        case .quarter: .quarter
        case .year: .year
        }
    }

    /// First day of the period (inclusive).
    public var start: LocalDate {
        switch unit {
        case .weeks(let first, _): first.monday
        case .month(let year, let month): LocalDate(dayNumber: Period.firstDayNumber(year: year, month: month))
        case .quarter(let year, let quarter): LocalDate(dayNumber: Period.firstDayNumber(year: year, month: quarter * 3 - 2))
        case .year(let year): LocalDate(dayNumber: LocalDate.firstOfJanuaryDayNumber(year))
        }
    }

    /// The day after the period's last day (exclusive).
    public var end: LocalDate {
        switch unit {
        case .weeks(let first, let count): first.monday.adding(days: 7 * count)
        case .month(let year, let month):
            LocalDate(dayNumber: Period.firstDayNumber(year: year, month: month) + LocalDate.daysIn(month: month, year: year))
        case .quarter, .year: next.start
        }
    }

    /// The period's last day (inclusive).
    public var lastDay: LocalDate { end.adding(days: -1) }

    /// Number of days in the period.
    public var dayCount: Int { start.days(until: end) }

    /// Whether a day lies in the period.
    /// - Parameter day: any day.
    public func contains(_ day: LocalDate) -> Bool { day >= start && day < end }

    /// The period of the same length right before this one (for a range, the same number of weeks).
    public var previous: Period { shifted(by: -1) }

    /// The period of the same length right after this one.
    public var next: Period { shifted(by: 1) }

    /// The ISO weeks of the period: for weeks and ranges all of them, otherwise the weeks whose Thursday lies in it.
    public var weeks: [ISOWeek] {
        if case .weeks(let first, let count) = unit {
            return (0..<count).map { first.adding(weeks: $0) }
        }
        var result: [ISOWeek] = []
        var week = ISOWeek(containing: start.adding(days: 3))
        while contains(week.monday.adding(days: 3)) {
            result.append(week)
            week = week.next
        }
        return result
    }

    /// The ISO week numbers of `weeks`, for SMS labels (`44`, `45`, `46`, `47`).
    public var weekNumbers: [Int] { weeks.map(\.week) }

    /// Canonical text: `2026-W48`, `2026-W45..2026-W48`, `2026-11`, `2026-Q4`, `2026`.
    public var label: String {
        switch unit {
        case .weeks(let first, let count):
            count == 1 ? first.label : "\(first.label)..\(first.adding(weeks: count - 1).label)"
        case .month(let year, let month): "\(ISOWeek.paddedYear(year))-\(month < 10 ? "0" : "")\(month)"
        case .quarter(let year, let quarter): "\(ISOWeek.paddedYear(year))-Q\(quarter)"
        case .year(let year): ISOWeek.paddedYear(year)
        }
    }

    /// Same as `label`.
    public var description: String { label }

    private func shifted(by steps: Int) -> Period {
        switch unit {
        case .weeks(let first, let count):
            return Period(.weeks(first: first.adding(weeks: steps * count), count: count))
        case .month(let year, let month):
            let index = year * 12 + (month - 1) + steps
            return Period(.month(year: Period.floorDiv(index, 12), month: index - Period.floorDiv(index, 12) * 12 + 1))
        case .quarter(let year, let quarter):
            let index = year * 4 + (quarter - 1) + steps
            return Period(.quarter(year: Period.floorDiv(index, 4), quarter: index - Period.floorDiv(index, 4) * 4 + 1))
        case .year(let year):
            return Period(.year(year + steps))
        }
    }

    private static func floorDiv(_ a: Int, _ b: Int) -> Int { a >= 0 ? a / b : -((-a + b - 1) / b) }

    private static func firstDayNumber(year: Int, month: Int) -> Int {
        // Month is always 1–12 here, so the day exists.
        (LocalDate(year: year, month: month, day: 1) ?? LocalDate(dayNumber: 0)).dayNumber
    }

    /// Decodes a label (see `parse`).
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let period = Period.parse(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a period: \(text)"))
        }
        self = period
    }

    /// Encodes as the label.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(label)
    }
}
