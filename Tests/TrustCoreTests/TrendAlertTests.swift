import Foundation
import Testing
import TrustCore

@Suite("Trends and alerts")
struct TrendAlertTests {
    /// A report whose index is the mean of four rating indicators (so any index 0–100 can be made) plus S2.
    private func report(index: Double?, s2: Double? = nil, network: Network = Fixture.network) throws -> IndicatorReport {
        var results: [IndicatorID: IndicatorResult] = [:]
        if let index {
            for id in [IndicatorID.q1, .q2, .q5, .e3] {
                results[id] = IndicatorResult(id: id, value: 1 + 4 * index / 100, dataPoints: 1)
            }
        }
        if let s2 { results[.s2] = IndicatorResult(id: .s2, value: s2, dataPoints: 4) }
        let settings = IndicatorSettings(weights: [.s2: 0], minimumCoverage: 4)
        return IndicatorReport(
            network: network, period: try period("2026-W44..2026-W47"), results: results,
            index: TrustIndex(results: results, settings: settings), stage: .generacion)
    }

    @Test("index delta is the difference of the shown (rounded) indexes; deltas where both have data")
    func trend() throws {
        let current = try report(index: 61.6, s2: 0.5)
        let previous = try report(index: 66.4, s2: 0.75)
        let trend = IndicatorCalculator.trend(current: current, previous: previous)
        // shown 62 and 66 → −4
        #expect(trend.indexDelta == -4)
        #expect(trend.direction == .down)
        #expect(close(trend.deltas[.s2], -0.25))
        #expect(close(trend.deltas[.q1], -4 * 4.8 / 100))
        #expect(trend.deltas[.e4] == nil)
        #expect(IndicatorCalculator.trend(current: previous, previous: current).direction == .up)
        #expect(IndicatorCalculator.trend(current: current, previous: current).direction == .same)
    }

    @Test("no trend without a previous index")
    func noTrend() throws {
        let current = try report(index: 50)
        #expect(IndicatorCalculator.trend(current: current, previous: nil).indexDelta == nil)
        #expect(IndicatorCalculator.trend(current: current, previous: try report(index: nil)).direction == nil)
        #expect(IndicatorCalculator.trend(current: current, previous: nil).deltas.isEmpty)
    }

    @Test("an index drop of at least 5 points raises an alert")
    func indexDrop() throws {
        let today = day("2026-11-25")
        let alerts = Alerts.evaluate(
            current: try report(index: 60), previous: try report(index: 65), lastActivity: today, today: today,
            settings: .defaults)
        #expect(alerts.map(\.kind) == [.indexDrop(points: 5)])
        #expect(alerts.first?.rule == .indexDrop)
        #expect(alerts.first?.networkCode == "HUAMBO")
        let small = Alerts.evaluate(
            current: try report(index: 60.6), previous: try report(index: 65), lastActivity: today, today: today,
            settings: .defaults)
        #expect(small.isEmpty)  // shown 61 vs 65: 4 points
        let rise = Alerts.evaluate(
            current: try report(index: 80), previous: try report(index: 50), lastActivity: today, today: today,
            settings: .defaults)
        #expect(rise.isEmpty)
    }

    @Test("regular attendance below the floor raises an alert; missing attendance does not")
    func lowAttendance() throws {
        let today = day("2026-11-25")
        let low = Alerts.evaluate(
            current: try report(index: 50, s2: 0.5), previous: nil, lastActivity: today, today: today, settings: .defaults)
        #expect(low.map(\.kind) == [.lowAttendance(value: 0.5, floor: 0.6)])
        let atFloor = Alerts.evaluate(
            current: try report(index: 50, s2: 0.6), previous: nil, lastActivity: today, today: today, settings: .defaults)
        #expect(atFloor.isEmpty)
        let missing = Alerts.evaluate(
            current: try report(index: nil), previous: nil, lastActivity: today, today: today, settings: .defaults)
        #expect(missing.isEmpty)
    }

    @Test("three silent weeks raise an alert; never reported counts from the network's creation")
    func noReports() throws {
        let today = day("2026-11-25")
        let current = try report(index: 50)
        let quiet = Alerts.evaluate(
            current: current, previous: nil, lastActivity: day("2026-11-04"), today: today, settings: .defaults)
        #expect(quiet.map(\.kind) == [.noReports(weeks: 3)])
        let recent = Alerts.evaluate(
            current: current, previous: nil, lastActivity: day("2026-11-05"), today: today, settings: .defaults)
        #expect(recent.isEmpty)  // 20 days: 2 whole weeks
        let created = day("2026-10-01").start(in: Fixture.network.zone)
        let young = Network(id: 1, code: "HUAMBO", name: "Red Huambo", createdAt: created)
        let never = Alerts.evaluate(
            current: try report(index: nil, network: young), previous: nil, lastActivity: nil, today: today,
            settings: .defaults)
        // 1 October to 25 November: 55 days → 7 weeks
        #expect(never.map(\.kind) == [.noReports(weeks: 7)])
    }

    @Test("all three alerts come in a fixed order")
    func allAlerts() throws {
        let today = day("2026-11-25")
        let alerts = Alerts.evaluate(
            current: try report(index: 30, s2: 0.25), previous: try report(index: 45), lastActivity: day("2026-10-01"),
            today: today, settings: .defaults)
        #expect(alerts.map(\.rule) == [.indexDrop, .lowAttendance, .noReports])
    }

    @Test("last activity: the latest report on or before today, the articulador's ratings aside")
    func lastActivity() {
        var f = Fixture()
        f.member(1)
        f.member(9, role: .articulador)
        #expect(f.records.lastActivity(asOf: day("2026-11-25")) == nil)
        f.meeting(1, "2026-11-03", list: [1])
        f.contribution(1, soles: 10, reported: "2026-11-05", decided: "2026-11-09")
        f.rate(9, .q5, 4, on: "2026-11-20")
        f.meeting(2, "2026-12-01", list: [1])  // in the future
        #expect(f.records.lastActivity(asOf: day("2026-11-25")) == day("2026-11-09"))
    }
}
