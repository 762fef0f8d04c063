import Foundation
import Testing

@testable import TrustCore

@Suite("LocalDate text forms")
struct LocalDateTests {
    @Test func isoAndDayMonthArePaddedLikePrintf() throws {
        for (y, m, d) in [(2026, 11, 24), (2026, 1, 5), (999, 3, 9), (12, 12, 31), (2024, 2, 29)] {
            let date = try #require(LocalDate(year: y, month: m, day: d))
            #expect(date.iso == String(format: "%04d-%02d-%02d", y, m, d))
            #expect(date.dayMonth == String(format: "%02d/%02d", d, m))
            #expect(LocalDate(iso: date.iso) == date, "\(date.iso) reads back")
        }
        #expect(LocalDate.padded(-5, 4) == String(format: "%04d", -5))
        #expect(LocalDate.padded(123_456, 4) == "123456")
    }

    @Test func parsingChecksDigitsSeparatorsAndTheCalendar() {
        #expect(LocalDate(iso: "2026-11-24") == LocalDate(year: 2026, month: 11, day: 24))
        #expect(LocalDate(iso: "2026-1-5") == LocalDate(year: 2026, month: 1, day: 5), "the general path still reads short forms")
        for bad in ["2026-13-01", "2025-02-29", "20a6-11-24", "2026/11/24", "2026-11-2x", "", "2026-11"] {
            #expect(LocalDate(iso: bad) == nil, "\(bad)")
        }
    }
}
