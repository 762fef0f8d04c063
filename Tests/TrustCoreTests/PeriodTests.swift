import Foundation
import Testing
import TrustCore

@Suite("Periods and ISO weeks")
struct PeriodTests {
    @Test("a week runs Monday to Monday (exclusive)")
    func week() throws {
        let w48 = try period("2026-W48")
        #expect(w48.kind == .week)
        #expect(w48.start == day("2026-11-23"))
        #expect(w48.end == day("2026-11-30"))
        #expect(w48.lastDay == day("2026-11-29"))
        #expect(w48.contains(day("2026-11-29")))
        #expect(!w48.contains(day("2026-11-30")))
        #expect(!w48.contains(day("2026-11-22")))
        #expect(w48.label == "2026-W48")
        #expect(w48.previous.label == "2026-W47")
        #expect(w48.weekNumbers == [48])
    }

    @Test("ISO week-years: 2026 and 2020 have a W53, 2021 does not")
    func weekYears() throws {
        #expect(ISOWeek.weeksIn(year: 2026) == 53)  // 1 January 2026 is a Thursday
        #expect(ISOWeek.weeksIn(year: 2020) == 53)  // leap year starting on a Wednesday
        #expect(ISOWeek.weeksIn(year: 2021) == 52)
        #expect(ISOWeek.weeksIn(year: 2025) == 52)
        #expect(ISOWeek(year: 2021, week: 53) == nil)
        let w53 = try period("2020-W53")
        #expect(w53.start == day("2020-12-28"))
        #expect(w53.end == day("2021-01-04"))
        #expect(try period("2021-W01").start == day("2021-01-04"))
        #expect(try period("2026-W01").start == day("2025-12-29"))
        #expect(try period("2026-W53").start == day("2026-12-28"))
        #expect(try period("2027-W01").previous.label == "2026-W53")
        #expect(Period.isoWeek(containing: day("2021-01-03")).label == "2020-W53")
        #expect(Period.isoWeek(containing: day("2025-12-31")).label == "2026-W01")
        #expect(Period.isoWeek(containing: day("2024-12-30")).label == "2025-W01")
    }

    @Test("a range of weeks, its previous range and week numbers")
    func weekRange() throws {
        let range = try period("2026-W45..2026-W48")
        #expect(range.kind == .weeks)
        #expect(range.start == day("2026-11-02"))
        #expect(range.end == day("2026-11-30"))
        #expect(range.dayCount == 28)
        #expect(range.previous.label == "2026-W41..2026-W44")
        #expect(range.next.label == "2026-W49..2026-W52")
        #expect(range.weekNumbers == [45, 46, 47, 48])
        #expect(try period("2026-W45..W48") == range)
        #expect(try period("2026-W48..2026-W48").kind == .week)
        let acrossYears = try period("2026-W52..2027-W02")
        #expect(acrossYears.weekNumbers == [52, 53, 1, 2])
        #expect(acrossYears.previous.label == "2026-W48..2026-W51")
    }

    @Test("the last complete weeks before today")
    func lastCompleteWeeks() {
        let summary = Period.lastCompleteWeeks(4, before: day("2026-11-25"))
        #expect(summary.label == "2026-W44..2026-W47")
        #expect(summary.weekNumbers == [44, 45, 46, 47])
        #expect(summary.end == day("2026-11-23"))
        // On a Monday the week that just ended is the last complete one.
        #expect(Period.lastCompleteWeeks(1, before: day("2026-11-23")).label == "2026-W47")
        #expect(Period.lastCompleteWeeks(4, before: day("2026-01-05")).label == "2025-W50..2026-W01")
        #expect(Period.lastCompleteWeeks(0, before: day("2026-11-25")).label == "2026-W47")
    }

    @Test("months, quarters and years")
    func calendarPeriods() throws {
        let february = try period("2024-02")
        #expect(february.start == day("2024-02-01"))
        #expect(february.end == day("2024-03-01"))
        #expect(february.previous.label == "2024-01")
        #expect(try period("2026-01").previous.label == "2025-12")
        #expect(try period("2026-3").label == "2026-03")
        let q4 = try period("2026-Q4")
        #expect(q4.start == day("2026-10-01"))
        #expect(q4.end == day("2027-01-01"))
        #expect(q4.next.label == "2027-Q1")
        #expect(try period("2026-Q1").previous.label == "2025-Q4")
        let year = try period("2026")
        #expect(year.kind == .year)
        #expect(year.dayCount == 365)
        #expect(year.previous.label == "2025")
        // A month holds the weeks whose Thursday falls in it: 5, 12, 19 and 26 November 2026.
        #expect(try period("2026-11").weekNumbers == [45, 46, 47, 48])
    }

    @Test("lenient but strict parsing", arguments: [
        (" 2026-w48 ", "2026-W48"), ("2026-W5", "2026-W05"), ("2026-q4", "2026-Q4"), ("2026-11", "2026-11"),
        ("2026", "2026"), ("2026-w45..w48", "2026-W45..2026-W48"),
    ])
    func parses(text: String, label: String) {
        #expect(Period.parse(text)?.label == label)
    }

    @Test("nonsense does not parse", arguments: [
        "", "abc", "2026-W54", "2021-W53", "2026-W00", "2026-13", "2026-00", "2026-Q5", "2026-Q0",
        "2026-W48..2026-W45", "+026", "2026-+1", "2026-W4x", "2026-11-24", "26-W48", "2026-W48..", "２０２６",
    ])
    func rejects(text: String) {
        #expect(Period.parse(text) == nil)
    }

    @Test("periods are coded as their label")
    func codable() throws {
        let range = try period("2026-W45..2026-W48")
        let data = try JSONEncoder().encode([range])
        #expect(String(decoding: data, as: UTF8.self) == #"["2026-W45..2026-W48"]"#)
        #expect(try JSONDecoder().decode([Period].self, from: data) == [range])
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([Period].self, from: Data(#"["2026-W99"]"#.utf8)) }
    }
}
