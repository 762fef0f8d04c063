import Testing
import TrustCore

/// Red Huambo over eight weeks, 2026-W40..2026-W47 (28 September – 22 November 2026). Today is Wednesday
/// 25 November, so summaries cover 2026-W44..2026-W47 (26 October – 22 November) and compare with
/// 2026-W40..2026-W43 (28 September – 25 October).
///
/// Members 1–10 are active (1 Rosa presidenta and 2 Juana tesorera are the two women; 3–10 men, 3 secretario);
/// 10 joined on 5 November; 11 is inactive; 20 is the articulador. Network 2's records are mixed in and ignored.
@Suite("Golden scenario: eight weeks of Red Huambo")
struct GoldenScenarioTests {
    static func huambo() -> Fixture {
        var f = Fixture()
        f.records.network.planStartedOn = day("2026-06-01")
        f.member(1, role: .presidente, gender: .female)
        f.member(2, role: .tesorero, gender: .female)
        f.member(3, role: .secretario, gender: .male)
        for id: RowID in 4...9 { f.member(id, gender: .male) }
        f.member(10, gender: .male, joined: "2026-11-05")
        f.member(11, gender: .male, active: false)
        f.member(20, role: .articulador)

        // Meetings: M1, M2 before; M3–M6 in the summary weeks (M4 extraordinary; M4, M5 without a list).
        f.meeting(1, "2026-09-29", list: [1, 2, 3, 4, 5, 6, 7, 8])
        f.meeting(2, "2026-10-13", list: [1, 2, 3, 4, 5, 6, 9])
        f.meeting(3, "2026-10-27", list: [1, 2, 3, 4, 5, 7, 8, 9, 20, 11])
        f.meeting(4, "2026-11-03", .extraordinary, list: nil)
        f.confirm(4, [1, 3, 4, 6])
        f.confirm(4, [5], present: false)
        f.meeting(5, "2026-11-10", list: nil)
        f.confirm(5, [1, 2, 3, 4, 5, 6, 10])
        f.confirm(5, [7], present: false)
        f.meeting(6, "2026-11-17", list: [1, 3, 4, 5, 6, 8, 10])
        f.confirm(6, [9])  // a listed meeting: the list wins

        // Events: E0 before; E1 with a list, E2 without, E3 not held.
        f.event(10, planned: "2026-10-10", held: "2026-10-10", attendees: [1, 2, 3, 4, 5, 6])
        f.event(1, planned: "2026-10-31", held: "2026-10-31", attendees: [1, 2, 3, 4, 5, 6, 7, 8, 9])
        f.event(2, planned: "2026-11-14", held: "2026-11-14")
        f.event(3, planned: "2026-11-21")

        // Contributions to the common fund.
        f.contribution(1, member: 1, soles: 30, reported: "2026-09-29", decided: "2026-09-30")
        f.contribution(2, member: 2, soles: 20, reported: "2026-09-29", decided: "2026-09-30")
        f.contribution(3, member: 3, soles: 30, reported: "2026-10-13", decided: "2026-10-14")
        f.contribution(4, member: 4, soles: 20, reported: "2026-10-13", status: .pending)
        f.contribution(5, member: 1, soles: 20, reported: "2026-10-27", decided: "2026-10-28")
        f.contribution(6, member: 3, soles: 20, reported: "2026-10-27", decided: "2026-10-28")
        f.contribution(7, member: 4, soles: 14, reported: "2026-11-03", decided: "2026-11-20")  // 17 days
        f.contribution(8, member: 5, soles: 20, reported: "2026-11-10", decided: "2026-11-12")
        f.contribution(9, member: 6, soles: 20, reported: "2026-11-17", status: .pending)
        f.contribution(10, member: 7, soles: 50, reported: "2026-11-17", status: .rejected, decided: "2026-11-18")
        f.contribution(11, member: 10, soles: 10, reported: "2026-11-10", decided: "2026-11-24")  // 14 days

        // Ratings.
        for (member, score) in [(1, 3), (3, 3)] { f.rate(RowID(member), .q1, score, on: "2026-10-13") }
        for (member, score) in [(1, 4), (3, 5), (4, 4)] { f.rate(RowID(member), .q1, score, on: "2026-10-27") }
        for (member, score) in [(2, 5), (5, 3)] { f.rate(RowID(member), .q1, score, on: "2026-10-31") }
        for (member, score) in [(6, 4), (7, 2)] { f.rate(RowID(member), .q1, score, on: "2026-11-10") }
        for (member, score) in [(8, 3), (9, 4), (10, 4)] { f.rate(RowID(member), .q1, score, on: "2026-11-20") }
        for (member, score) in [(1, 4), (2, 4), (8, 3), (9, 3)] { f.rate(RowID(member), .q2, score, on: "2026-11-20") }
        f.rate(20, .q2, 3, on: "2026-11-18")
        for (member, score) in [(1, 5), (2, 4), (8, 3), (9, 4)] { f.rate(RowID(member), .q4, score, on: "2026-11-20") }
        f.rate(20, .q5, 3, on: "2026-07-01")
        f.rate(20, .q5, 4, on: "2026-11-12")
        f.rate(20, .e3, 2, on: "2026-10-01")
        f.rate(20, .e4, 4, on: "2026-04-01")  // older than 26 weeks at both ends

        // Projects: the pilot closes on 10 November; the cold tank starts on 2 November.
        f.project(1, total: 800, own: 400, started: "2026-08-01", closed: "2026-11-10")
        f.project(2, total: 5000, own: 1200, started: "2026-11-02")

        // Another network's rows, which must not leak in.
        f.records.meetings.append(Meeting(id: 99, networkID: 2, kind: .extraordinary, date: day("2026-11-04"), hasList: true))
        f.records.attendance.append(Attendance(meetingID: 99, memberID: 1, present: true, source: .list))
        f.records.ratings.append(Rating(networkID: 2, memberID: 1, indicator: .q1, score: 1, ratedOn: day("2026-11-04")))
        return f
    }

    let today = day("2026-11-25")

    @Test("the summary weeks: every indicator by hand")
    func currentPeriod() {
        let summary = Period.lastCompleteWeeks(4, before: today)
        #expect(summary.label == "2026-W44..2026-W47")
        let r = IndicatorCalculator.compute(records: Self.huambo().records, period: summary, settings: .defaults)
        // S1: planned E1, E2, E3; held E1, E2 → 2/3
        #expect(close(r[.s1].value, 2.0 / 3))
        // S2 over the last 4 ordinary meetings M2, M3, M5, M6:
        //   1 ✓✓✓✓, 2 ✓✓✓✗, 3 ✓✓✓✓, 4 ✓✓✓✓, 5 ✓✓✓✓, 6 ✓✗✓✓ → regular; 7 ✗✓✗✗, 8 ✗✓✗✓, 9 ✗✓✗✗ (its own
        //   confirmation of listed M6 ignored) → not; 10 expected only at M5, M6: ✓✓ → regular. 7 of 10.
        #expect(close(r[.s2].value, 0.7))
        #expect(r[.s2].numerator == 7 && r[.s2].denominator == 10)
        #expect(r[.s2].byGender[.female]?.value == 1)  // 2 of 2
        #expect(close(r[.s2].byGender[.male]?.value, 5.0 / 8))  // 3, 4, 5, 6, 10
        // S3: M4 of M3–M6 → 1/4
        #expect(r[.s3].value == 0.25)
        // Q1: (4 + 5 + 4 + 5 + 3 + 4 + 2 + 3 + 4 + 4) / 10 = 3.8 (network 2's rating left out)
        #expect(close(r[.q1].value, 3.8))
        #expect(r[.q1].dataPoints == 10)
        // Q2: (4 + 4 + 3 + 3 + articulador 3) / 5 = 3.4
        #expect(close(r[.q2].value, 3.4))
        // Q3: M3 8/9, E1 9/9, M4 4/9 (10 not yet joined), M5 7/10, M6 7/10 → 35/47 (E2 has no list)
        #expect(r[.q3].numerator == 35 && r[.q3].denominator == 47 && r[.q3].dataPoints == 5)
        #expect(r[.q3].byGender[.female]?.numerator == 8 && r[.q3].byGender[.female]?.denominator == 10)
        #expect(r[.q3].byGender[.male]?.numerator == 27 && r[.q3].byGender[.male]?.denominator == 37)
        // Q4: ratings (5 + 4 + 3 + 4) / 4 = 4 → 0.75; contributions 5, 6, 7, 8, 9, 11 (10 rejected), in time
        //   5, 6, 8, 11 → 4/6; blend (0.75 + 2/3) / 2 = 17/24 → 1 + 4 × 17/24 = 3.8333…
        #expect(r[.q4].components[.ratings]?.value == 4)
        #expect(close(r[.q4].components[.confirmations]?.value, 4.0 / 6))
        #expect(close(r[.q4].value, 1 + 4 * 17.0 / 24))
        // Q5: latest articulador rating before 23 November → 4 (12 November)
        #expect(r[.q5].value == 4)
        // E1: confirmed 20 + 20 + 14 + 20 + 10 = 84 against 30 + 20 + 30 = 80 → 4/80 = 0.05
        #expect(close(r[.e1].value, 0.05))
        #expect(r[.e1].numerator == 4 && r[.e1].denominator == 80)
        // E2: only the cold tank is open at the end → 1200 / 5000 = 0.24
        #expect(close(r[.e2].value, 0.24))
        #expect(r[.e3].value == 2)
        #expect(r[.e4].isMissing)

        // Index: S1 2/3, S2 0.7, S3 0.25/0.5 = 0.5, Q1 0.7, Q2 0.6, Q3 35/47, Q4 17/24, Q5 0.75,
        //   E1 0.5 + 0.05/0.4 = 0.625, E2 0.24/0.3 = 0.8, E3 0.25 → sum 3311/470 over 11 → 64.04
        let expected: [IndicatorID: Double] = [
            .s1: 2.0 / 3, .s2: 0.7, .s3: 0.5, .q1: 0.7, .q2: 0.6, .q3: 35.0 / 47, .q4: 17.0 / 24, .q5: 0.75,
            .e1: 0.625, .e2: 0.8, .e3: 0.25,
        ]
        for (id, value) in expected { #expect(close(r.index.normalized[id], value), "\(id)") }
        #expect(r.index.coverage == 11)
        #expect(r.index.missing == [.e4])
        #expect(close(r.index.value, 100 * 3311.0 / 470 / 11))
        #expect(r.index.rounded == 64)
        #expect(r.index.light == .yellow)
        #expect(r.stage == .consolidacion)
        #expect(Advice.weakest(report: r) == .e3)
    }

    @Test("the four weeks before, the trend between them and the alerts")
    func previousPeriodTrendAndAlerts() {
        let records = Self.huambo().records
        let summary = Period.lastCompleteWeeks(4, before: today)
        let current = IndicatorCalculator.compute(records: records, period: summary, settings: .defaults)
        let previous = IndicatorCalculator.compute(records: records, period: summary.previous, settings: .defaults)
        #expect(previous.period.label == "2026-W40..2026-W43")
        // S1 E0 1/1; S2 at 26 Oct over M1, M2: 1–6 ✓✓, 7 ✓✗, 8 ✓✗, 9 ✗✓, 10 not yet a member → 6/9;
        // S3 0/2; Q1 3; Q2 none; Q3 M1 8/9 + M2 7/9 + E0 6/9 = 21/27; Q4 no ratings, contributions 1–4 with
        // 1–3 in time → 3/4; Q5 3 (1 July); E1 no contributions in W36..W39 → missing; E2 the pilot 400/800;
        // E3 2; E4 missing.
        #expect(previous[.s1].value == 1)
        #expect(close(previous[.s2].value, 6.0 / 9))
        #expect(previous[.s3].value == 0)
        #expect(previous[.q1].value == 3)
        #expect(previous[.q2].isMissing)
        #expect(close(previous[.q3].value, 21.0 / 27))
        #expect(previous[.q4].value == 4)  // 1 + 4 × 0.75
        #expect(previous[.q5].value == 3)
        #expect(previous[.e1].isMissing)
        #expect(previous[.e2].value == 0.5)
        #expect(previous.index.missing == [.q2, .e1, .e4])
        // (1 + 2/3 + 0 + 0.5 + 7/9 + 0.75 + 0.5 + min(1, 0.5/0.3) + 0.25) / 9 = 49/81 → 60.49
        #expect(close(previous.index.value, 100 * 49.0 / 81))
        #expect(previous.index.rounded == 60)

        let trend = IndicatorCalculator.trend(current: current, previous: previous)
        #expect(trend.indexDelta == 4)  // 64 − 60
        #expect(trend.direction == .up)
        #expect(close(trend.deltas[.s2], 0.7 - 6.0 / 9))
        #expect(trend.deltas[.e1] == nil)

        let lastActivity = records.lastActivity(asOf: today)
        #expect(lastActivity == day("2026-11-24"))  // contribution 11 confirmed
        let alerts = Alerts.evaluate(
            current: current, previous: previous, lastActivity: lastActivity, today: today, settings: .defaults)
        #expect(alerts.isEmpty)
        // A stricter programme flags the attendance.
        let strict = IndicatorSettings(alerts: AlertRules(attendanceFloor: 0.75))
        let flagged = Alerts.evaluate(
            current: current, previous: previous, lastActivity: lastActivity, today: today, settings: strict)
        #expect(flagged.map { $0.kind } == [.lowAttendance(value: 0.7, floor: 0.75)])
    }
}
