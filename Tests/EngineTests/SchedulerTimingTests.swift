import Conversation
import Engine
import Foundation
import SQLiteStore
import Testing
import TrustCore

@Suite("Scheduler timing")
struct SchedulerTimingTests {
    typealias F = SchedulerFixture

    @Test func mondayEightIsLocalToEachNetwork() async throws {
        let store = MemoryStore()
        let lima = try await F.seed(store, code: "HUAMBO", name: "Huambo", number: 1, articulador: false)
        let madrid = try await F.seed(
            store, code: "FLORES", name: "Flores", zone: "Europe/Madrid", number: 2, articulador: false)
        let summaries = try F.summaries()
        func recipients() async throws -> Set<String> {
            Set(try await F.outbox(store, kind: OutboxKind.summary).map(\.message.to))
        }

        _ = try await summaries.runDue(store: store, now: F.at(day: 23, 7, 59, in: F.madrid))
        #expect(try await recipients().isEmpty)
        _ = try await summaries.runDue(store: store, now: F.at(day: 23, 8, in: F.madrid))  // 02:00 in Lima
        #expect(try await recipients() == madrid.leaderPhones)
        _ = try await summaries.runDue(store: store, now: F.at(day: 23, 7, 59))
        #expect(try await recipients() == madrid.leaderPhones)
        let result = try await summaries.runDue(store: store, now: F.at(day: 23, 8))
        #expect(result.enqueued == 3 && result.alreadySent == 3)
        #expect(try await recipients() == madrid.leaderPhones.union(lima.leaderPhones))
        let texts = try await F.outbox(store, kind: OutboxKind.summary).map(\.message.text)
        #expect(texts.allSatisfy { $0.contains("semanas 44-47") })
    }

    @Test func aServerDownFromSundayToTuesdaySendsOneCatchUpOnStart() async throws {
        let store = MemoryStore()
        let seeded = try await F.seed(store, code: "HUAMBO", name: "Huambo", number: 1)
        let book = try F.book()
        // Up the Monday before: the summary of weeks 43-46 went out.
        _ = try await Summaries(book: book).runDue(store: store, now: F.at(day: 16, 8, 5))
        // Down from Sunday 22 to Tuesday 24 10:00; the service runs five rounds a minute apart.
        let clock = SchedulerTestClock(F.at(day: 24, 10))
        let service = SchedulerService(
            store: store, book: book, clock: { clock.now }, sleep: { try clock.sleep($0, limit: 5) })
        try await service.run()
        #expect(clock.sleeps == 5)
        let summaries = try await F.outbox(store, kind: OutboxKind.summary)
        #expect(summaries.filter { $0.message.text.contains("semanas 43-46") }.count == 3)
        let catchUp = summaries.filter { $0.message.text.contains("semanas 44-47") }
        #expect(catchUp.count == 3)
        #expect(Set(catchUp.map(\.message.to)) == seeded.leaderPhones)
        #expect(catchUp.allSatisfy { $0.createdAt == F.at(day: 24, 10) })
        #expect(try await F.outbox(store, kind: OutboxKind.digest).count == 2)  // one a week for the articulador
    }

    @Test(arguments: ["memory", "sqlite"])
    func tooLateIsSkippedLoggedOnceAndStillSendableOnDemand(storeKind: String) async throws {
        let file = TemporarySQLiteFile()
        defer { file.remove() }
        let store: any Store = storeKind == "memory" ? MemoryStore() : try SQLiteStore(path: file.path)
        let seeded = try await F.seed(store, code: "HUAMBO", name: "Huambo", number: 1)
        let summaries = try F.summaries()
        // Back on Thursday 08:01: 3 days and a minute after Monday 08:00.
        let first = try await summaries.runDue(store: store, now: F.at(day: 26, 8, 1))
        #expect(first.enqueued == 0 && first.digests == 0)
        #expect(first.late == ["HUAMBO 2026-W47", "digest 2026-W47"])
        let again = try await summaries.runDue(store: store, now: F.at(day: 26, 8, 2))
        #expect(again.late.isEmpty && again.enqueued == 0)
        #expect(try await F.outbox(store).isEmpty)
        // The operator can still send it explicitly, once.
        let onDemand = try await summaries.run(store: store, week: ISOWeek(year: 2026, week: 47), now: F.at(day: 26, 9))
        #expect(onDemand.enqueued == 3 && onDemand.digests == 1)
        let repeated = try await summaries.run(store: store, week: ISOWeek(year: 2026, week: 47), now: F.at(day: 26, 9))
        #expect(repeated.enqueued == 0 && repeated.alreadySent == 4)
        #expect(Set(try await F.outbox(store, kind: OutboxKind.summary).map(\.message.to)) == seeded.leaderPhones)
    }

    @Test func justWithinTheCatchUpLimitIsSent() async throws {
        let store = MemoryStore()
        _ = try await F.seed(store, code: "HUAMBO", name: "Huambo", number: 1, articulador: false)
        let result = try await F.summaries().runDue(store: store, now: F.at(day: 26, 8))
        #expect(result.enqueued == 3 && result.late.isEmpty)
    }

    @Test func onDemandRefusesAWeekThatIsNotOver() async throws {
        let store = MemoryStore()
        _ = try await F.seed(store, code: "HUAMBO", name: "Huambo", number: 1)
        let result = try await F.summaries().run(
            store: store, week: ISOWeek(year: 2026, week: 48), now: F.at(day: 29, 23))
        #expect(result.incomplete == 2 && result.enqueued == 0)  // the network and the articulador's digest
        #expect(try await F.outbox(store).isEmpty)
        let lastComplete = try await F.summaries().run(store: store, week: nil, now: F.at(day: 29, 23))
        #expect(lastComplete.enqueued == 3 && lastComplete.digests == 1)
    }

    @Test func quietHoursHoldTheCatchUpUntilSevenInTheMorning() async throws {
        let store = MemoryStore()
        _ = try await F.seed(store, code: "HUAMBO", name: "Huambo", number: 1, articulador: false)
        let result = try await F.summaries().runDue(store: store, now: F.at(day: 24, 22, 30))
        #expect(result.enqueued == 3)
        let claimedAtNight = try await store.transaction { tx in
            try await tx.claimOutbound(now: F.at(day: 25, 6, 59), limit: 10, leaseUntil: F.at(day: 25, 7, 59))
        }
        #expect(claimedAtNight.isEmpty)
        let claimedAtSeven = try await store.transaction { tx in
            try await tx.claimOutbound(now: F.at(day: 25, 7), limit: 10, leaseUntil: F.at(day: 25, 8))
        }
        #expect(claimedAtSeven.count == 3)
    }

    @Test func theWeeklyCapHoldsBackOnlyThePersonAtTheCap() async throws {
        let store = MemoryStore()
        let seeded = try await F.seed(store, code: "HUAMBO", name: "Huambo", number: 1, articulador: false)
        let monday = F.at(day: 23, 1)
        try await store.transaction { tx in
            for kind in Array(repeating: OutboxKind.prompt, count: 5) + ["reply", "reply"] {
                _ = try await tx.enqueue(
                    NewOutbound(
                        to: seeded.presidente.phone!, text: "x", encoding: .gsm7, segments: 1, gateway: "console",
                        notBefore: monday,
                        kind: kind, networkID: seeded.network.id, createdAt: monday))
            }
            // Last week's messages do not count.
            _ = try await tx.enqueue(
                NewOutbound(
                    to: seeded.secretario.phone!, text: "x", encoding: .gsm7, segments: 1, gateway: "console",
                    notBefore: F.at(day: 22, 12), kind: OutboxKind.prompt, networkID: seeded.network.id,
                    createdAt: F.at(day: 22, 12)))
        }
        let schedule = ScheduleSettings(weeklyCap: 5)
        let result = try await F.summaries(schedule).runDue(store: store, now: F.at(day: 23, 8))
        #expect(result.enqueued == 2 && result.capped == 1)
        let sentTo = Set(try await F.outbox(store, kind: OutboxKind.summary).map(\.message.to))
        #expect(sentTo == [seeded.secretario.phone!, seeded.tesorero.phone!])
        // The capped summary is settled, not retried every minute.
        let later = try await F.summaries(schedule).runDue(store: store, now: F.at(day: 23, 9))
        #expect(later.enqueued == 0 && later.capped == 0 && later.alreadySent == 3)
    }

    @Test func optedOutLeadersAndArticuladoresGetNothing() async throws {
        let store = MemoryStore()
        let seeded = try await F.seed(store, code: "HUAMBO", name: "Huambo", number: 1)
        try await F.optOut(store, seeded.secretario)
        let articulador = try #require(
            try await store.read { tx in
                try await tx.members(phone: F.articuladorPhone).first
            })
        try await F.optOut(store, articulador)
        let result = try await F.summaries().runDue(store: store, now: F.at(day: 23, 8))
        #expect(result.enqueued == 2 && result.digests == 0)
        let sentTo = Set(try await F.outbox(store).map(\.message.to))
        #expect(sentTo == [seeded.presidente.phone!, seeded.tesorero.phone!])
    }

    @Test func aClockSetBackSendsNothingTwice() async throws {
        let store = MemoryStore()
        _ = try await F.seed(store, code: "HUAMBO", name: "Huambo", number: 1)
        let summaries = try F.summaries()
        _ = try await summaries.runDue(store: store, now: F.at(day: 23, 9))
        _ = try await summaries.runDue(store: store, now: F.at(day: 23, 8, 30))
        _ = try await summaries.runDue(store: store, now: F.at(day: 23, 9, 30))
        #expect(try await F.outbox(store).count == 4)  // three leaders and the articulador
    }
}

@Suite("Scheduler calendar")
struct SchedulerCalendarTests {
    typealias F = SchedulerFixture
    let settings = ScheduleSettings()

    @Test func theSlotIsTheConfiguredLocalWeekdayAndTime() {
        let week = ISOWeek(year: 2026, week: 48)!
        #expect(SchedulerCalendar.slotInstant(of: week, in: F.lima, settings: settings) == F.at(day: 23, 8))
        let friday = ScheduleSettings(weekday: 5, time: DayTime(hour: 17, minute: 30))
        #expect(
            SchedulerCalendar.slotInstant(of: week, in: F.madrid, settings: friday)
                == F.at(day: 27, 17, 30, in: F.madrid))
    }

    @Test func beforeTheSlotTheLatestDueIsLastWeeksSlot() {
        let before = SchedulerCalendar.latestDue(at: F.at(day: 23, 7, 59), in: F.lima, settings: settings)
        #expect(before == DueSummary(week: ISOWeek(year: 2026, week: 46)!, dueAt: F.at(day: 16, 8)))
        let after = SchedulerCalendar.latestDue(at: F.at(day: 29, 23, 59), in: F.lima, settings: settings)
        #expect(after == DueSummary(week: ISOWeek(year: 2026, week: 47)!, dueAt: F.at(day: 23, 8)))
    }

    @Test func theFirstMondayOfTheYearReportsOnWeekFiftyThree() {
        let monday = SchedulerCalendar.instant(
            on: LocalDate(year: 2027, month: 1, day: 4)!, at: DayTime(hour: 8), in: F.lima)
        let due = SchedulerCalendar.latestDue(at: monday, in: F.lima, settings: settings)
        #expect(due.week.label == "2026-W53")
    }

    @Test func quietHoursEndAtSevenLocal() {
        #expect(
            SchedulerCalendar.notBefore(F.at(day: 24, 19, 59), in: F.lima, settings: settings) == F.at(day: 24, 19, 59))
        #expect(SchedulerCalendar.notBefore(F.at(day: 24, 20), in: F.lima, settings: settings) == F.at(day: 25, 7))
        #expect(SchedulerCalendar.notBefore(F.at(day: 25, 6, 59), in: F.lima, settings: settings) == F.at(day: 25, 7))
        #expect(SchedulerCalendar.notBefore(F.at(day: 25, 7), in: F.lima, settings: settings) == F.at(day: 25, 7))
        let siesta = ScheduleSettings(quietFrom: DayTime(hour: 13), quietUntil: DayTime(hour: 15))
        #expect(SchedulerCalendar.notBefore(F.at(day: 25, 14), in: F.lima, settings: siesta) == F.at(day: 25, 15))
        #expect(SchedulerCalendar.notBefore(F.at(day: 25, 22), in: F.lima, settings: siesta) == F.at(day: 25, 22))
        let none = ScheduleSettings(quietFrom: DayTime(hour: 0), quietUntil: DayTime(hour: 0))
        #expect(SchedulerCalendar.notBefore(F.at(day: 25, 2), in: F.lima, settings: none) == F.at(day: 25, 2))
    }

    @Test func settingsAreValidatedAndTimesParsed() {
        #expect(ScheduleSettings.defaults.problem == nil)
        #expect(ScheduleSettings(weekday: 8).problem == "schedule.weekday must be 1 (Monday) to 7 (Sunday)")
        #expect(ScheduleSettings(weeklyCap: -1).problem != nil)
        #expect(ScheduleSettings(nudgeAfter: 80 * 3600).problem != nil)
        #expect(DayTime(parsing: "8:05") == DayTime(hour: 8, minute: 5))
        #expect(DayTime(parsing: "20:00")?.description == "20:00")
        #expect(DayTime(parsing: "24:00") == nil && DayTime(parsing: "8") == nil && DayTime(parsing: "08:5") == nil)
    }
}
