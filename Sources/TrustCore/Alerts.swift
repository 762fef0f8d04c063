import Foundation

/// The rules that can raise an alert for a network.
public enum AlertRule: String, Hashable, Sendable, Codable, CaseIterable {
    /// The index fell by at least `AlertRules.indexDropPoints`.
    case indexDrop
    /// Regular attendance (S2) is below `AlertRules.attendanceFloor`.
    case lowAttendance
    /// Nothing was reported for `AlertRules.noReportWeeks` weeks.
    case noReports
}

/// One alert raised for a network (`ALERTAS`, dashboard).
public struct Alert: Hashable, Sendable, Codable {
    /// What happened, with the numbers to show.
    public enum Kind: Hashable, Sendable, Codable {
        /// The index fell by this many points.
        case indexDrop(points: Int)
        /// S2 is `value`, below `floor`.
        case lowAttendance(value: Double, floor: Double)
        /// Nothing reported for this many whole weeks.
        case noReports(weeks: Int)
    }

    /// The network's row id.
    public let networkID: RowID
    /// The network's short code.
    public let networkCode: String
    /// What happened.
    public let kind: Kind

    /// The rule that raised it.
    public var rule: AlertRule {
        switch kind {
        case .indexDrop: .indexDrop
        case .lowAttendance: .lowAttendance
        case .noReports: .noReports
        }
    }

    /// - Parameters:
    ///   - network: the network.
    ///   - kind: what happened.
    public init(network: Network, kind: Kind) {
        self.networkID = network.id
        self.networkCode = network.code
        self.kind = kind
    }
}

/// Evaluates the alert rules for one network.
public enum Alerts {
    /// The alerts of a network, in the order index drop, low attendance, no reports.
    /// - Parameters:
    ///   - current: the report of the current period (normally the last 4 complete weeks).
    ///   - previous: the report of the period before, if any.
    ///   - lastActivity: the last day anything was reported (nil: never; the network's creation day is used).
    ///   - today: the network's current local day.
    ///   - settings: the alert thresholds.
    public static func evaluate(
        current: IndicatorReport, previous: IndicatorReport?, lastActivity: LocalDate?, today: LocalDate,
        settings: IndicatorSettings
    ) -> [Alert] {
        let rules = settings.alerts
        var kinds: [Alert.Kind] = []
        if let delta = Trend(current: current, previous: previous).indexDelta, -delta >= rules.indexDropPoints {
            kinds.append(.indexDrop(points: -delta))
        }
        if let attendance = current[.s2].value, attendance < rules.attendanceFloor {
            kinds.append(.lowAttendance(value: attendance, floor: rules.attendanceFloor))
        }
        let since = lastActivity ?? LocalDate(current.network.createdAt, in: current.network.zone)
        let silentWeeks = max(0, since.days(until: today)) / 7
        if silentWeeks >= rules.noReportWeeks {
            kinds.append(.noReports(weeks: silentWeeks))
        }
        return kinds.map { Alert(network: current.network, kind: $0) }
    }
}
