import Testing
import TrustCore

/// Period used throughout: 2026-W45..2026-W48 (2–29 November 2026); the previous one is 2026-W41..2026-W44 (5 October
/// to 1 November).
@Suite("Economic indicators E1 and E2")
struct EconomicIndicatorTests {
    @Test("E1: growth of confirmed contributions against the previous period of the same length")
    func fundGrowth() throws {
        var f = Fixture()
        f.contribution(1, soles: 60, reported: "2026-10-05", decided: "2026-10-06")
        f.contribution(2, soles: 40, reported: "2026-11-01", decided: "2026-11-02")
        f.contribution(3, soles: 50, reported: "2026-10-20", status: .pending)  // not confirmed
        f.contribution(4, soles: 100, reported: "2026-11-02", decided: "2026-11-03")
        f.contribution(5, soles: 50, reported: "2026-11-29", decided: "2026-12-02")
        f.contribution(6, soles: 30, reported: "2026-11-10", status: .rejected, decided: "2026-11-11")
        f.contribution(7, soles: 500, reported: "2026-09-30", decided: "2026-10-01")  // two periods back
        let report = try f.report("2026-W45..2026-W48")
        let e1 = report[.e1]
        // previous 60 + 40 = 100, current 100 + 50 = 150 → (150 − 100) / 100 = 0.5
        #expect(e1.value == 0.5)
        #expect(e1.numerator == 50 && e1.denominator == 100)
        #expect(e1.dataPoints == 4)
        // normalised: clamp(0.5 + 0.5 / 0.4) = 1
        #expect(report.index.normalized[.e1] == 1)
    }

    @Test("E1 falling to nothing is −100%, normalised to 0")
    func fundCollapse() throws {
        var f = Fixture()
        f.contribution(1, soles: 80, reported: "2026-10-10", decided: "2026-10-10")
        let report = try f.report("2026-W45..2026-W48")
        #expect(report[.e1].value == -1)
        #expect(report.index.normalized[.e1] == 0)
    }

    @Test("E1 with a small change scores around the middle")
    func fundSmallChange() throws {
        var f = Fixture()
        f.contribution(1, soles: 200, reported: "2026-10-10", decided: "2026-10-10")
        f.contribution(2, soles: 210, reported: "2026-11-10", decided: "2026-11-10")
        let report = try f.report("2026-W45..2026-W48")
        // g = 10 / 200 = 0.05 → 0.5 + 0.05 / 0.4 = 0.625
        #expect(close(report[.e1].value, 0.05))
        #expect(close(report.index.normalized[.e1], 0.625))
    }

    @Test("E1 is missing when the previous period had nothing: no division by zero")
    func fundPreviousZero() throws {
        var f = Fixture()
        f.contribution(1, soles: 80, reported: "2026-11-10", decided: "2026-11-10")
        let e1 = try f.report("2026-W45..2026-W48")[.e1]
        #expect(e1.isMissing)
        #expect(e1.dataPoints == 1)
        #expect(try Fixture().report("2026-W45..2026-W48")[.e1].isMissing)
    }

    @Test("E1 over a month compares with the previous month")
    func fundMonthly() throws {
        var f = Fixture()
        f.contribution(1, soles: 100, reported: "2026-10-31", decided: "2026-10-31")
        f.contribution(2, soles: 80, reported: "2026-11-01", decided: "2026-11-01")
        f.contribution(3, soles: 1, reported: "2026-12-01", decided: "2026-12-01")
        #expect(close(try f.report("2026-11")[.e1].value, -0.2))
    }

    @Test("E2: own share ÷ total cost of the projects started and not closed at the end")
    func coFinancing() throws {
        var f = Fixture()
        f.project(1, total: 5000, own: 1500, started: "2026-03-01")
        f.project(2, total: 1000, own: 900, started: "2026-03-01", closed: "2026-11-15")  // closed by the end
        f.project(3, total: 3000, own: 3000, started: "2026-11-30")  // starts after the end
        f.project(4, total: 2000, own: 400, started: "2026-05-01", closed: "2026-11-30")  // closes after the end
        f.project(5, total: 0, own: 0, started: "2026-05-01")  // no cost: ignored
        let report = try f.report("2026-W45..2026-W48")
        let e2 = report[.e2]
        // (1500 + 400) / (5000 + 2000) = 1900 / 7000
        #expect(close(e2.value, 1900.0 / 7000))
        #expect(e2.numerator == 1900 && e2.denominator == 7000 && e2.dataPoints == 2)
        // normalised against the 0.3 target: 0.2714… / 0.3 = 0.9047…
        #expect(close(report.index.normalized[.e2], 1900.0 / 7000 / 0.3))
    }

    @Test("E2 above the target scores 1, and is missing without open projects")
    func coFinancingBounds() throws {
        var f = Fixture()
        f.project(1, total: 1000, own: 500, started: "2026-03-01")
        #expect(try f.report("2026-W48").index.normalized[.e2] == 1)
        #expect(try f.report("2026-W05")[.e2].isMissing)
    }
}
