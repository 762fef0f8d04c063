import Testing
import TrustCore

/// Period used throughout: 2026-W45..2026-W48 = 2 to 29 November 2026.
@Suite("Social indicators S1, S2, S3 and participation Q3")
struct SocialIndicatorTests {
    @Test("S1 counts events planned for a day in the period, held at any time")
    func socialEvents() throws {
        var f = Fixture()
        f.event(1, planned: "2026-11-05", held: "2026-11-05")
        f.event(2, planned: "2026-11-28", held: "2026-12-01")  // held late: still held
        f.event(3, planned: "2026-11-20")  // not held
        f.event(4, planned: "2026-10-20", held: "2026-11-10")  // planned before the period
        f.event(5, planned: "2026-12-05")  // planned after
        let s1 = try f.report("2026-W45..2026-W48")[.s1]
        // planned in the period: 1, 2, 3; held among them: 1, 2 → 2/3
        #expect(close(s1.value, 2.0 / 3))
        #expect(s1.numerator == 2 && s1.denominator == 3 && s1.dataPoints == 3)
    }

    @Test("S1 and S3 are missing, not zero, without events or meetings")
    func missingWithoutData() throws {
        let report = try Fixture().report("2026-W45..2026-W48")
        #expect(report[.s1].isMissing && report[.s1].value == nil)
        #expect(report[.s3].isMissing)
        #expect(report[.s3].numerator == nil && report[.s3].denominator == nil)
    }

    @Test("S3: extraordinary ÷ all meetings held in the period")
    func extraordinaryMeetings() throws {
        var f = Fixture()
        f.member(1)
        f.meeting(1, "2026-11-03", list: [1])
        f.meeting(2, "2026-11-17", list: [1])
        f.meeting(3, "2026-11-10", .extraordinary, list: nil)
        f.meeting(4, "2026-10-27", .extraordinary, list: [1])  // before the period
        let s3 = try f.report("2026-W45..2026-W48")[.s3]
        #expect(close(s3.value, 1.0 / 3))
        #expect(s3.dataPoints == 3)
    }

    /// Members 1–4 socios (1, 2 women), 5 articulador, 6 inactive; the latest 4 ordinary meetings have lists.
    private func attendanceFixture() -> Fixture {
        var f = Fixture()
        f.member(1, gender: .female)
        f.member(2, role: .tesorero, gender: .female)
        f.member(3, role: .presidente, gender: .male)
        f.member(4, gender: .male)
        f.member(5, role: .articulador)
        f.member(6, active: false)
        f.meeting(10, "2026-10-06", list: [])  // fifth-latest ordinary meeting: out of S2's window
        f.meeting(11, "2026-10-20", list: [1, 2, 3, 5, 6])
        f.meeting(12, "2026-11-03", list: [1, 2, 5, 6])
        f.meeting(13, "2026-11-10", .extraordinary, list: [1, 2, 3, 4])
        f.meeting(14, "2026-11-17", list: [1, 3, 5, 6])
        f.meeting(15, "2026-11-24", list: [1, 2, 5, 6])
        f.meeting(16, "2026-12-01", list: [1, 2, 3, 4])  // after the period's end
        return f
    }

    @Test("S2: present at ≥ 75% of the last 4 ordinary meetings ÷ active members")
    func regularAttendance() throws {
        let s2 = try attendanceFixture().report("2026-W45..2026-W48")[.s2]
        // meetings 11, 12, 14, 15: member 1 4/4 ✓, 2 3/4 = 0.75 ✓, 3 2/4 ✗, 4 0/4 ✗;
        // the articulador (5) and the inactive member (6) are not counted → 2/4
        #expect(s2.value == 0.5)
        #expect(s2.numerator == 2 && s2.denominator == 4 && s2.dataPoints == 4)
        // women: 1 ✓, 2 ✓ → 1; men: 3 ✗, 4 ✗ → 0
        #expect(s2.byGender[.female]?.value == 1)
        #expect(s2.byGender[.male]?.value == 0)
    }

    @Test("S2 is read at the end of the period, whatever its length")
    func regularAttendanceIsAState() throws {
        let f = attendanceFixture()
        // Ending 2026-W46 (15 Nov): meetings 10, 11, 12 → 1: 2/3 ✗ (0.67 < 0.75), 2: 2/3 ✗, 3: 1/3, 4: 0 → 0/4
        #expect(try f.report("2026-W46")[.s2].value == 0)
        // Ending 2026-W49: meetings 12, 14, 15, 16 → 1 ✓ 4/4, 2 ✓ 3/4, 3 ✗ 2/4, 4 ✗ 1/4 → 2/4
        #expect(try f.report("2026-W49")[.s2].value == 0.5)
    }

    @Test("S2: the list is the truth; own confirmations count only for meetings without a list")
    func listVersusConfirmations() throws {
        var f = Fixture()
        f.member(1)
        f.member(2)
        f.meeting(1, "2026-11-03", list: [1])
        f.confirm(1, [2])  // claims presence at a listed meeting: ignored
        f.meeting(2, "2026-11-10", list: nil)
        f.confirm(2, [1, 2])
        f.meeting(3, "2026-11-17", list: nil)
        f.confirm(3, [1])
        f.confirm(3, [2], present: false)
        f.meeting(4, "2026-11-24", list: nil)
        f.confirm(4, [1, 2])
        let s2 = try f.report("2026-W48")[.s2]
        // member 1: 1, 2, 3, 4 → 4/4 ✓; member 2: 2, 4 → 2/4 ✗
        #expect(s2.value == 0.5)
        #expect(s2.byGender.isEmpty)  // no genders known
    }

    @Test("S2: a member who joined mid-way is expected only at later meetings; one who joined after all is not counted")
    func joinedMidPeriod() throws {
        var f = Fixture()
        f.member(1)
        f.member(2, joined: "2026-11-10")
        f.member(3, joined: "2026-11-25")
        f.meeting(1, "2026-11-03", list: [1])
        f.meeting(2, "2026-11-10", list: [1, 2])
        f.meeting(3, "2026-11-17", list: [2])
        f.meeting(4, "2026-11-24", list: [2])
        let s2 = try f.report("2026-W45..2026-W48")[.s2]
        // member 1: 2/4 ✗; member 2 (joined 10 Nov, expected at 2, 3, 4): 3/3 ✓; member 3 expected at none
        #expect(s2.value == 0.5)
        #expect(s2.denominator == 2)
    }

    @Test("S2 is missing without an ordinary meeting, even with extraordinary ones")
    func regularAttendanceMissing() throws {
        var f = Fixture()
        f.member(1)
        f.meeting(1, "2026-11-03", .extraordinary, list: [1])
        let report = try f.report("2026-W45..2026-W48")
        #expect(report[.s2].isMissing)
        #expect(report[.s3].value == 1)
    }

    @Test("Q3: present ÷ expected over meetings and listed events, per gender")
    func participation() throws {
        var f = attendanceFixture()
        f.event(1, planned: "2026-11-14", held: "2026-11-14", attendees: [1, 3, 4, 5, 99])
        f.event(2, planned: "2026-11-21", held: "2026-11-21")  // held without a list: left out of Q3
        f.event(3, planned: "2026-10-10", held: "2026-10-10", attendees: [1, 2, 3, 4])  // before the period
        let q3 = try f.report("2026-W45..2026-W48")[.q3]
        // occasions in the period, expected = members 1–4 each time:
        //   meeting 12 → 1, 2 (2); 13 → 1, 2, 3, 4 (4); 14 → 1, 3 (2); 15 → 1, 2 (2); event 1 → 1, 3, 4 (3)
        //   present 13 ÷ expected 5 × 4 = 20
        #expect(close(q3.value, 13.0 / 20))
        #expect(q3.numerator == 13 && q3.denominator == 20 && q3.dataPoints == 5)
        // women (1, 2): 2 + 2 + 1 + 2 + 1 = 8 of 10; men (3, 4): 0 + 2 + 1 + 0 + 2 = 5 of 10
        #expect(close(q3.byGender[.female]?.value, 0.8))
        #expect(close(q3.byGender[.male]?.value, 0.5))
    }

    @Test("Q3 expects only members who had joined by the day")
    func participationJoinedLater() throws {
        var f = Fixture()
        f.member(1)
        f.member(2, joined: "2026-11-20")
        f.meeting(1, "2026-11-03", list: [1])
        f.meeting(2, "2026-11-24", list: [2])
        let q3 = try f.report("2026-W45..2026-W48")[.q3]
        // meeting 1 expects 1 (present); meeting 2 expects 1 and 2 (2 present) → 2/3
        #expect(close(q3.value, 2.0 / 3))
    }

    @Test("Q3 is missing without meetings or listed events")
    func participationMissing() throws {
        var f = Fixture()
        f.member(1, gender: .female)
        f.event(1, planned: "2026-11-14", held: "2026-11-14")
        let q3 = try f.report("2026-W45..2026-W48")[.q3]
        #expect(q3.isMissing)
        #expect(q3.byGender[.female]?.isMissing == true)
    }
}
