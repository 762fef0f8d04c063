import Conversation
import Engine
import Foundation
import SMSText
import Testing
import TrustCore

@Suite("Scheduler reminders")
struct SchedulerReminderTests {
    typealias F = SchedulerFixture

    /// HUAMBO with socios 4 Rosa, 5 Pedro, 6 Ana, 7 Luis; an ordinary meeting on Saturday 21/11
    /// registered without a list by the presidente.
    struct Scene {
        let store: MemoryStore
        let seeded: SeededNetwork
        let meetingID: RowID

        var everyoneAsked: [Member] { [seeded.secretario, seeded.tesorero] + seeded.socios }

        static func make(on day: Int = 21, kind: MeetingKind = .ordinary) async throws -> Scene {
            let store = MemoryStore()
            let seeded = try await F.seed(
                store, code: "HUAMBO", name: "Huambo", number: 1, socios: 4, articulador: false)
            let ref = try await store.transaction { tx in
                try await tx.apply(
                    .registerMeeting(
                        networkID: seeded.network.id, kind: kind, date: LocalDate(year: 2026, month: 11, day: day)!,
                        registeredBy: seeded.presidente.id, present: nil))
            }
            guard case .meeting(let id)? = ref else { throw CancellationError() }
            return Scene(store: store, seeded: seeded, meetingID: id)
        }

        /// The attendance prompts as the conversation sends them (one outbox row of kind `prompt` each).
        func prompt(_ members: [Member], at instant: Date, kind: String = OutboxKind.prompt) async throws {
            try await store.transaction { tx in
                for member in members {
                    _ = try await tx.enqueue(
                        NewOutbound(
                            to: member.phone!, text: "Reunion ordinaria del sab 21/11: ¿asistio? 1 Si, 2 No",
                            encoding: .gsm7,
                            segments: 1, gateway: "console", notBefore: instant, kind: kind,
                            networkID: seeded.network.id,
                            createdAt: instant))
                }
            }
        }

        func answer(_ member: Member) async throws {
            _ = try await store.transaction { tx in
                try await tx.apply(
                    .markAttendance(meetingID: meetingID, memberID: member.id, present: true, source: .member))
            }
        }

        func rows(_ kind: String) async throws -> [OutboxRow] { try await F.outbox(store, kind: kind) }
    }

    static func reminders(_ schedule: ScheduleSettings = .defaults) throws -> Reminders {
        Reminders(book: try F.book(), schedule: schedule)
    }

    @Test func onlyMembersWhoHaveNotAnsweredAreNudgedOnceAndTheLeaderIsToldOnce() async throws {
        let meeting = try await Scene.make()
        try await meeting.prompt(meeting.everyoneAsked, at: F.at(day: 21, 18))
        try await meeting.answer(meeting.seeded.socios[0])  // Rosa answered
        let reminders = try Self.reminders()

        #expect(try await reminders.runDue(store: meeting.store, now: F.at(day: 22, 17, 59)) == ReminderRunResult())
        let due = try await reminders.runDue(store: meeting.store, now: F.at(day: 22, 18))
        #expect(due == ReminderRunResult(nudged: 5, notices: 1))
        let nudges = try await meeting.rows(OutboxKind.nudge)
        let asked = meeting.everyoneAsked.filter { $0.id != meeting.seeded.socios[0].id }.compactMap(\.phone)
        #expect(Set(nudges.map(\.message.to)) == Set(asked))
        #expect(
            nudges.first?.message.text
                == "Recordatorio: reunion ordinaria del sab 21/11, ¿asistio? Envie ASISTI para responder.")
        let notices = try await meeting.rows(OutboxKind.notice)
        #expect(notices.map(\.message.to) == [meeting.seeded.presidente.phone!])
        #expect(
            notices.first?.message.text
                == "Reunion del 21/11: faltan responder 5 socios: 2 Marta, 3 Carmen, 5 Pedro, 6 Ana, 7 Luis. Les enviamos un recordatorio."
        )

        #expect(try await reminders.runDue(store: meeting.store, now: F.at(day: 22, 19)) == ReminderRunResult())
        #expect(try await reminders.runDue(store: meeting.store, now: F.at(day: 23, 10)) == ReminderRunResult())
        #expect(try await meeting.rows(OutboxKind.nudge).count == 5)
    }

    @Test func nudgesSpeakTheMembersLanguage() async throws {
        let meeting = try await Scene.make()
        var pedro = meeting.seeded.socios[1]
        pedro.language = "en"
        try await meeting.store.transaction { [pedro] tx in try await tx.updateMember(pedro) }
        try await meeting.prompt([pedro], at: F.at(day: 21, 18))
        _ = try await Self.reminders().runDue(store: meeting.store, now: F.at(day: 22, 18))
        #expect(
            try await meeting.rows(OutboxKind.nudge).map(\.message.text)
                == ["Reminder: Ordinary meeting on Sat 21/11, did you attend? Send ATTENDED to answer."])
    }

    @Test func quietHoursHoldNudgesAndNoticeUntilMorning() async throws {
        let meeting = try await Scene.make()
        try await meeting.prompt(meeting.everyoneAsked, at: F.at(day: 21, 21))
        let result = try await Self.reminders().runDue(store: meeting.store, now: F.at(day: 22, 21, 5))
        #expect(result == ReminderRunResult(nudged: 6, notices: 1))
        let atNight = try await meeting.store.transaction { tx in
            try await tx.claimOutbound(now: F.at(day: 23, 6, 59), limit: 100, leaseUntil: F.at(day: 23, 8))
        }
        // Only the prompts themselves (written by the test without quiet hours) are due at night.
        #expect(atNight.allSatisfy { $0.text.hasPrefix("Reunion ordinaria") })
        let atSeven = try await meeting.store.transaction { tx in
            try await tx.claimOutbound(now: F.at(day: 23, 7), limit: 100, leaseUntil: F.at(day: 23, 8))
        }
        #expect(atSeven.count == 7)
    }

    @Test func optedOutUnpromptedAndCappedMembersAreNotNudgedButTheLeaderHearsOfThem() async throws {
        let meeting = try await Scene.make()
        let socios = meeting.seeded.socios
        try await F.optOut(meeting.store, socios[2])  // Ana: opted out, so never prompted either
        // Luis already had four other automatic messages this week; with his prompt that is the cap of 5.
        try await meeting.prompt([socios[3]], at: F.at(day: 16, 9), kind: OutboxKind.digest)
        try await meeting.prompt([socios[3], socios[3], socios[3]], at: F.at(day: 17, 9), kind: OutboxKind.nudge)
        // Marta (secretaria) was not prompted; Rosa, Pedro, Carmen and Luis were.
        try await meeting.prompt([socios[0], socios[1], meeting.seeded.tesorero, socios[3]], at: F.at(day: 21, 18))
        let result = try await Self.reminders().runDue(store: meeting.store, now: F.at(day: 22, 18))
        #expect(result == ReminderRunResult(nudged: 3, notices: 1, capped: 1))
        let nudged = Set(
            try await meeting.rows(OutboxKind.nudge).filter { $0.createdAt == F.at(day: 22, 18) }.map(\.message.to))
        #expect(nudged == Set([socios[0], socios[1], meeting.seeded.tesorero].compactMap(\.phone)))
        #expect(
            try await meeting.rows(OutboxKind.notice).first?.message.text
                == "Reunion del 21/11: faltan responder 6 socios: 2 Marta, 3 Carmen, 4 Rosa, 5 Pedro, 6 Ana, 7 Luis. Les enviamos un "
                + "recordatorio.")
    }

    @Test func anExpiredPromptIsNotNudged() async throws {
        let meeting = try await Scene.make(on: 18, kind: .extraordinary)
        try await meeting.prompt(meeting.everyoneAsked, at: F.at(day: 18, 10))
        let reminders = try Self.reminders()
        #expect(try await reminders.runDue(store: meeting.store, now: F.at(day: 21, 11)) == ReminderRunResult())
        #expect(try await meeting.rows(OutboxKind.notice).isEmpty)
    }

    @Test func aLeaderWhoOptedOutGetsNoNoticeButMembersAreStillNudged() async throws {
        let meeting = try await Scene.make()
        try await F.optOut(meeting.store, meeting.seeded.presidente)
        try await meeting.prompt(meeting.seeded.socios, at: F.at(day: 21, 18))
        let result = try await Self.reminders().runDue(store: meeting.store, now: F.at(day: 22, 18))
        // The notice goes to another leader: the secretaria.
        #expect(result == ReminderRunResult(nudged: 4, notices: 1))
        #expect(try await meeting.rows(OutboxKind.notice).map(\.message.to) == [meeting.seeded.secretario.phone!])
    }

    @Test func twoRoundsRacingNudgeOnce() async throws {
        let meeting = try await Scene.make()
        try await meeting.prompt(meeting.everyoneAsked, at: F.at(day: 21, 18))
        let reminders = try Self.reminders()
        async let first = reminders.runDue(store: meeting.store, now: F.at(day: 22, 18))
        async let second = reminders.runDue(store: meeting.store, now: F.at(day: 22, 18))
        let results = try await [first, second]
        #expect(results.map(\.nudged).reduce(0, +) == 6)
        #expect(results.map(\.notices).reduce(0, +) == 1)
        #expect(try await meeting.rows(OutboxKind.nudge).count == 6)
    }

    @Test func aLongListOfMissingMembersStaysWithinTwoSegments() throws {
        let reminders = try Self.reminders()
        let members = (1...60).map { roster in
            Member(id: RowID(roster), networkID: 1, phone: nil, name: "Maximiliana\(roster) Quispe", roster: roster)
        }
        let meeting = Meeting(
            id: 1, networkID: 1, kind: .ordinary, date: LocalDate(year: 2026, month: 11, day: 21)!, hasList: false)
        for language in ["es", "en"] {
            let text = reminders.notice(meeting, missing: members, language: language)
            #expect(SMSComposer.compose(text).segments <= 2)
            #expect(text.contains(language == "es" ? "más" : "more"))
        }
    }
}
