import Foundation
import TrustCore

/// How indicator values read in SMS: whole percentages, `1/3`, `4.2/5`, `+12%`; a missing value is never zero.
enum IndicatorText {
    /// `45%`.
    static func percent(_ value: Double) -> String { "\(Int((value * 100).rounded()))%" }

    /// `+12%`, `-20%`, `0%`; growth beyond ten-fold reads `>999%` (a fund that starts from almost nothing).
    static func growth(_ value: Double) -> String {
        let points = Int((min(value, 100) * 100).rounded())
        if points > 999 { return ">999%" }
        return points > 0 ? "+\(points)%" : "\(points)%"
    }

    /// `+3`, `-6`, `=`.
    static func change(_ delta: Int) -> String { delta > 0 ? "+\(delta)" : delta < 0 ? "\(delta)" : "=" }

    /// `4.2/5`.
    static func rating(_ value: Double) -> String { String(format: "%.1f/5", value) }

    /// `1/3`: numerator over denominator, for counts.
    static func fraction(_ result: IndicatorResult) -> String? {
        guard let numerator = result.numerator, let denominator = result.denominator else { return nil }
        return "\(Int(numerator.rounded()))/\(Int(denominator.rounded()))"
    }

    /// An indicator's value as SMS shows it, nil when missing.
    static func value(_ result: IndicatorResult) -> String? {
        guard let value = result.value else { return nil }
        switch result.id {
        case .s1: return fraction(result) ?? percent(value)
        case .e1: return growth(value)
        default: return result.id.scale == .rating ? rating(value) : percent(value)
        }
    }

    /// `44-47`: the ISO week numbers the period covers.
    static func weeks(_ period: Period) -> String {
        let numbers = period.weekNumbers
        guard let first = numbers.first, let last = numbers.last else { return "" }
        return first == last ? "\(first)" : "\(first)-\(last)"
    }

    /// Where the data of a missing indicator comes from, as a message key (`source.meetings`), in a fixed order.
    static func sourceKey(_ id: IndicatorID) -> String {
        switch id {
        case .s1: "source.events"
        case .s2, .s3, .q3: "source.meetings"
        case .q1, .q2, .q4: "source.opinions"
        case .q5, .e3, .e4: "source.expert"
        case .e1: "source.contributions"
        case .e2: "source.projects"
        }
    }
}
