import SMSText
import TrustCore

extension ParsedDay {
    /// Which way a `dd/mm` without a year is placed: reports look back, plans look ahead (product.md §4.1).
    enum Direction { case past, future }

    /// The calendar day this names, seen from `today` (the network's local day); nil when the day does not exist
    /// (e.g. `29/02` in a year that is not a leap year and no leap year is near).
    /// - Parameters:
    ///   - today: the network's current day.
    ///   - direction: nearest past or nearest future for `dd/mm`.
    func resolve(today: LocalDate, direction: Direction) -> LocalDate? {
        switch self {
        case .today: return today
        case .yesterday: return today.adding(days: -1)
        case .tomorrow: return today.adding(days: 1)
        case .full(let day, let month, let year): return LocalDate(year: year, month: month, day: day)
        case .dayMonth(let day, let month):
            // 29/02 may need to go back (or ahead) up to eight years to find a leap year.
            let step = direction == .past ? -1 : 1
            for offset in 0...8 {
                let year = today.year + offset * step
                guard let candidate = LocalDate(year: year, month: month, day: day) else { continue }
                switch direction {
                case .past: if candidate <= today { return candidate }
                case .future: if candidate >= today { return candidate }
                }
            }
            return nil
        }
    }
}
