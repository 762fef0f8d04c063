import Engine
import Foundation
import TrustCore

/// One network's status as the dashboard and the API show it: the report of the default window and of the
/// window before, through `Reports` (the one code path of every number), with its trend and alerts.
struct NetworkStatus: Sendable {
    let network: Network
    let current: IndicatorReport
    let previous: IndicatorReport
    let trend: Trend
    let alerts: [Alert]
    /// The network's records from a year before the window on (for activity and the last report day).
    let records: NetworkRecords

    /// Loads the status of a network at `now`.
    /// - Parameters:
    ///   - tx: an open unit of work.
    ///   - network: the network.
    ///   - period: the window; nil for the default (the last complete weeks).
    ///   - now: the current instant.
    ///   - settings: indicator settings.
    static func load(
        _ tx: any StoreTransaction, network: Network, period: Period? = nil, now: Date, settings: IndicatorSettings
    ) async throws -> NetworkStatus {
        let window = period ?? Reports.defaultPeriod(for: network, now: now, settings: settings)
        let (current, previous, trend) = try await Reports.reportWithTrend(tx, networkID: network.id, period: window, settings: settings)
        let records = try await tx.records(networkID: network.id, since: window.previous.start.adding(days: -Reports.lookbackDays))
        let today = LocalDate(now, in: network.zone)
        let alerts = Alerts.evaluate(
            current: current, previous: previous, lastActivity: records.lastActivity(asOf: today), today: today, settings: settings)
        return NetworkStatus(network: network, current: current, previous: previous, trend: trend, alerts: alerts, records: records)
    }

    /// Worst first, as `REDES` lists them: no index first, then by index, then by code.
    static func worstFirst(_ a: NetworkStatus, _ b: NetworkStatus) -> Bool {
        let left = a.current.index.value ?? -1
        let right = b.current.index.value ?? -1
        return left != right ? left < right : a.network.code < b.network.code
    }

    /// Active members (the board included, articuladores not).
    var memberCount: Int { records.members.filter { $0.active && $0.role.isMember }.count }
}

/// Number and date formats of the dashboard.
enum DashboardFormat {
    /// An indicator's value on its own scale: shares as percentages, ratings out of 5, growth with a sign.
    static func value(_ result: IndicatorResult) -> String? {
        guard let value = result.value else { return nil }
        switch result.id.scale {
        case .ratio: return percent(value)
        case .rating: return String(format: "%.1f/5", value)
        case .growth: return (value >= 0 ? "+" : "") + percent(value)
        }
    }

    static func percent(_ fraction: Double) -> String { "\(Int((fraction * 100).rounded()))%" }

    /// `numerator / denominator` as the indicator counts them.
    static func fraction(_ result: IndicatorResult) -> String {
        guard let numerator = result.numerator, let denominator = result.denominator else { return "" }
        return "\(ReportRendering.format(ReportRendering.round3(numerator))) / \(ReportRendering.format(ReportRendering.round3(denominator)))"
    }

    /// `+3`, `-5`, `=`; nil without a trend.
    static func trend(_ trend: Trend) -> String? {
        guard let delta = trend.indexDelta else { return nil }
        return delta > 0 ? "▲ +\(delta)" : delta < 0 ? "▼ \(delta)" : "= 0"
    }

    static func trendClass(_ trend: Trend) -> String {
        guard let delta = trend.indexDelta else { return "" }
        return delta > 0 ? "up" : delta < 0 ? "down" : ""
    }

    /// Day and minute in the programme's time zone.
    static func time(_ date: Date, zone: TimeZone = TimeZone(identifier: "America/Lima") ?? .gmt) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = zone
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        return formatter.string(from: date)
    }

    /// Day and minute without the year (`24/11 18:26`), for tight columns.
    static func shortTime(_ date: Date, zone: TimeZone) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = zone
        formatter.dateFormat = "dd/MM HH:mm"
        return formatter.string(from: date)
    }

    /// A short week label (`S47` / `W47`).
    static func week(_ week: ISOWeek, prefix: String) -> String { "\(prefix)\(week.week)" }
}
