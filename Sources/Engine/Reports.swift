import Foundation
import TrustCore

/// The one code path from stored records to indicator reports: the CLI, the API, the dashboard
/// and the SMS replies all call it, so their numbers always agree.
public enum Reports {
    /// How far back records are loaded: expert ratings count for 26 weeks and S2 looks at the last
    /// ordinary meetings, which may predate the period; a year covers both with room to spare.
    public static let lookbackDays = 371

    /// The report of one network for one period.
    /// - Parameters:
    ///   - tx: an open unit of work.
    ///   - networkID: the network.
    ///   - period: the period.
    ///   - settings: indicator settings.
    public static func report(
        _ tx: any StoreTransaction, networkID: RowID, period: Period, settings: IndicatorSettings
    ) async throws -> IndicatorReport {
        let since = min(period.previous.start, period.start).adding(days: -lookbackDays)
        let records = try await tx.records(networkID: networkID, since: since)
        return IndicatorCalculator.compute(records: records, period: period, settings: settings)
    }

    /// The report for `period` and the one for the period before it, with the trend between them.
    /// - Parameters:
    ///   - tx: an open unit of work.
    ///   - networkID: the network.
    ///   - period: the period.
    ///   - settings: indicator settings.
    public static func reportWithTrend(
        _ tx: any StoreTransaction, networkID: RowID, period: Period, settings: IndicatorSettings
    ) async throws -> (current: IndicatorReport, previous: IndicatorReport, trend: Trend) {
        let since = period.previous.start.adding(days: -lookbackDays)
        let records = try await tx.records(networkID: networkID, since: since)
        let current = IndicatorCalculator.compute(records: records, period: period, settings: settings)
        let previous = IndicatorCalculator.compute(records: records, period: period.previous, settings: settings)
        return (current, previous, IndicatorCalculator.trend(current: current, previous: previous))
    }

    /// The default reporting window at `now`: the last complete weeks (4 by default) in the
    /// network's time zone, as the weekly summary, REDES and ESTADO use.
    /// - Parameters:
    ///   - network: the network (its time zone).
    ///   - now: the current instant.
    ///   - settings: indicator settings (`summaryWeeks`).
    public static func defaultPeriod(for network: Network, now: Date, settings: IndicatorSettings) -> Period {
        Period.lastCompleteWeeks(settings.summaryWeeks, before: LocalDate(now, in: network.zone))
    }
}
