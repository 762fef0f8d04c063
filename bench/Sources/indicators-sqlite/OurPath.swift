import Engine
import Foundation
import SQLiteStore
import TrustCore
import WebServer

/// Our figure: what `confianza export indicators --period P --format csv` does — every network's
/// report with its trend through `IndicatorExport.reports` (`Engine.Reports` over `SQLiteStore`), then the CSV.
enum OurPath {
    /// What the run produced: reports, CSV size, and the sanity checks passed.
    struct Outcome {
        let reports: Int
        let csvBytes: Int
        let withIndex: Int
        let checks: [Check]
    }

    /// A counted quantity over its base.
    typealias Fraction = (numerator: Double, denominator: Double)

    /// One check of a network's result against the value derived from its `NetworkPlan`.
    struct Check {
        let network: String
        let indicator: IndicatorID
        let expected: Fraction?
        let got: (numerator: Double?, denominator: Double?)
        var passed: Bool {
            guard let expected else { return got.numerator == nil && got.denominator == nil }
            return got.numerator == expected.numerator && got.denominator == expected.denominator
        }
        var text: String {
            let want = expected.map { "\($0.numerator)/\($0.denominator)" } ?? "missing"
            let have = got.numerator.map { "\($0)/\(got.denominator ?? .nan)" } ?? "missing"
            return "\(network) \(indicator.code): expected \(want), got \(have)"
        }
    }

    static func run(path: String, period: Period, networks: Int) async throws -> Outcome {
        let store = try SQLiteStore(path: path)
        let reports = try await IndicatorExport.reports(store: store, period: period, settings: .defaults)
        let csv = try IndicatorExport.csv(reports)
        var byCode: [String: IndicatorReport] = [:]
        for (report, _) in reports { byCode[report.network.code] = report }
        var checks: [Check] = []
        for number in Set([1, 2, 3, networks / 3, networks / 2, networks - 1, networks]) where number >= 1 && number <= networks {
            let plan = NetworkPlan(number: number)
            let report = byCode[plan.code]
            for (id, expected) in expectations(plan, period) {
                let result = report?[id]
                checks.append(Check(network: plan.code, indicator: id, expected: expected, got: (result?.numerator, result?.denominator)))
            }
        }
        return Outcome(
            reports: reports.count, csvBytes: csv.utf8.count, withIndex: reports.filter { $0.0.index.rounded != nil }.count,
            checks: checks)
    }

    /// S1, S3, Q1 and Q3 for `period`, counted straight from the plan (numerator, denominator; nil = missing).
    static func expectations(_ plan: NetworkPlan, _ period: Period) -> [(IndicatorID, Fraction?)] {
        func ratio(_ numerator: Int, _ denominator: Int) -> Fraction? {
            denominator == 0 ? nil : (numerator: Double(numerator), denominator: Double(denominator))
        }
        let planned = plan.events.filter { period.contains($0.plannedOn) }
        let s1 = ratio(planned.filter { $0.heldOn != nil }.count, planned.count)
        let held = plan.meetings.filter { period.contains($0.date) }
        let s3 = ratio(held.filter { $0.kind == .extraordinary }.count, held.count)
        let q1 = plan.ratings.filter { $0.indicator == .q1 && period.contains($0.ratedOn) }
        let q1Ratio = ratio(q1.reduce(0) { $0 + $1.score }, q1.count)
        // Q3: everyone counted (active, not the articulador) and joined by the day, at every meeting and
        // every event held with a list; present = marked present (the list, or own confirmations without one).
        let counted = plan.members.filter { $0.active && $0.role != .articulador }
        var occasions: [(LocalDate, Set<Int64>)] = held.map { ($0.date, Set($0.marks.filter(\.present).map(\.member))) }
        for event in plan.events {
            guard let day = event.heldOn, period.contains(day), let attendees = event.attendees else { continue }
            occasions.append((day, Set(attendees)))
        }
        var present = 0
        var expected = 0
        for (day, people) in occasions {
            let due = counted.filter { $0.joinedOn <= day }
            expected += due.count
            present += due.filter { people.contains($0.id) }.count
        }
        return [(.s1, s1), (.s3, s3), (.q1, q1Ratio), (.q3, ratio(present, expected))]
    }
}
