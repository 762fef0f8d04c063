import Testing
import TrustCore

/// Period used throughout: 2026-W45..2026-W48 = 2 to 29 November 2026.
@Suite("Qualitative indicators Q1, Q2, Q4, Q5, E3, E4")
struct QualitativeIndicatorTests {
    private func fixture() -> Fixture {
        var f = Fixture()
        f.member(1)
        f.member(2)
        f.member(3, role: .tesorero)
        f.member(9, role: .articulador)
        return f
    }

    @Test("Q1: the mean of the satisfaction ratings given in the period")
    func satisfaction() throws {
        var f = fixture()
        f.rate(1, .q1, 5, on: "2026-11-03")
        f.rate(2, .q1, 4, on: "2026-11-10")
        f.rate(3, .q1, 2, on: "2026-11-29")
        f.rate(1, .q1, 1, on: "2026-11-30")  // after the period
        f.rate(2, .q1, 7, on: "2026-11-12")  // not a 1–5 score: ignored
        let q1 = try f.report("2026-W45..2026-W48")[.q1]
        // (5 + 4 + 2) / 3
        #expect(close(q1.value, 11.0 / 3))
        #expect(q1.numerator == 11 && q1.denominator == 3 && q1.dataPoints == 3)
    }

    @Test("a single rating is the value; no rating is missing")
    func singleRating() throws {
        var f = fixture()
        f.rate(1, .q1, 3, on: "2026-11-03")
        let report = try f.report("2026-W45..2026-W48")
        #expect(report[.q1].value == 3)
        #expect(report[.q1].dataPoints == 1)
        #expect(report.index.normalized[.q1] == 0.5)
        #expect(report[.q2].isMissing)
    }

    @Test("Q2 counts the socios' pulse and the articulador's rating alike")
    func compliance() throws {
        var f = fixture()
        f.rate(1, .q2, 4, on: "2026-11-03")
        f.rate(2, .q2, 5, on: "2026-11-04")
        f.rate(9, .q2, 3, on: "2026-11-20")
        #expect(try f.report("2026-W45..2026-W48")[.q2].value == 4)
    }

    @Test("Q4 from ratings alone is their mean")
    func transparencyRatingsOnly() throws {
        var f = fixture()
        f.rate(1, .q4, 4, on: "2026-11-03")
        f.rate(2, .q4, 5, on: "2026-11-04")
        f.rate(3, .q4, 3, on: "2026-11-05")
        let q4 = try f.report("2026-W45..2026-W48")[.q4]
        #expect(q4.value == 4)
        #expect(q4.components[.ratings]?.value == 4)
        #expect(q4.components[.confirmations] == nil)
    }

    /// Contributions reported in the period: 2 confirmed in time, 1 confirmed late, 1 pending, 1 rejected.
    private func addContributions(_ f: inout Fixture) {
        f.contribution(1, soles: 20, reported: "2026-11-02", decided: "2026-11-16")  // 14 days: in time
        f.contribution(2, soles: 20, reported: "2026-11-05", decided: "2026-11-05")
        f.contribution(3, soles: 20, reported: "2026-11-06", decided: "2026-11-21")  // 15 days: late
        f.contribution(4, soles: 20, reported: "2026-11-20", status: .pending)
        f.contribution(5, soles: 20, reported: "2026-11-20", status: .rejected, decided: "2026-11-21")
        f.contribution(6, soles: 20, reported: "2026-10-20", decided: "2026-10-21")  // before the period
    }

    @Test("Q4 from contributions alone: the share confirmed within 14 days, on the 1–5 scale")
    func transparencyConfirmationsOnly() throws {
        var f = fixture()
        addContributions(&f)
        let q4 = try f.report("2026-W45..2026-W48")[.q4]
        // rejected left aside: 4 reported, 2 confirmed in time → share 0.5 → 1 + 4 × 0.5 = 3
        let confirmations = try #require(q4.components[.confirmations])
        #expect(confirmations.value == 0.5)
        #expect(confirmations.numerator == 2 && confirmations.denominator == 4)
        #expect(q4.value == 3)
        #expect(q4.numerator == nil && q4.denominator == nil)
    }

    @Test("Q4 blends ratings and confirmations 50/50 on the 0–1 scale")
    func transparencyBlend() throws {
        var f = fixture()
        addContributions(&f)
        f.rate(1, .q4, 5, on: "2026-11-03")
        f.rate(2, .q4, 4, on: "2026-11-03")
        let report = try f.report("2026-W45..2026-W48")
        // ratings mean 4.5 → (4.5 − 1) / 4 = 0.875; share 0.5; blend (0.875 + 0.5) / 2 = 0.6875
        #expect(close(report.index.normalized[.q4], 0.6875))
        // on the 1–5 scale: 1 + 4 × 0.6875 = 3.75
        #expect(close(report[.q4].value, 3.75))
        #expect(report[.q4].dataPoints == 2 + 4)
    }

    @Test("Q4 is missing without ratings or contributions in the period")
    func transparencyMissing() throws {
        var f = fixture()
        f.contribution(1, soles: 20, reported: "2026-10-20")
        f.contribution(2, soles: 20, reported: "2026-11-20", status: .rejected, decided: "2026-11-20")
        #expect(try f.report("2026-W45..2026-W48")[.q4].isMissing)
    }

    @Test("Q5, E3, E4: the articulador's latest rating within 26 weeks before the end")
    func expertRatings() throws {
        var f = fixture()
        f.rate(9, .q5, 2, on: "2026-06-01")
        f.rate(9, .q5, 4, on: "2026-09-15")
        f.rate(9, .q5, 5, on: "2026-12-01")  // after the end: not yet known
        f.rate(1, .q5, 1, on: "2026-11-20")  // a socio's: not an expert rating
        f.rate(9, .e3, 3, on: "2026-06-01")  // window starts at the end 2026-11-30 − 26 × 7 days = 2026-06-01
        f.rate(9, .e4, 2, on: "2026-05-31")  // one day too old
        let report = try f.report("2026-W45..2026-W48")
        #expect(report[.q5].value == 4)
        #expect(report[.q5].dataPoints == 1)
        #expect(report[.e3].value == 3)
        #expect(report[.e4].isMissing)
    }

    @Test("expert ratings given on the same latest day are averaged")
    func expertSameDay() throws {
        var f = fixture()
        f.member(8, role: .articulador)
        f.rate(9, .e4, 4, on: "2026-11-10")
        f.rate(8, .e4, 5, on: "2026-11-10")
        f.rate(9, .e4, 1, on: "2026-11-09")
        let e4 = try f.report("2026-W48")[.e4]
        #expect(e4.value == 4.5)
        #expect(e4.dataPoints == 2)
    }
}
