import Engine
import Foundation
import Testing
import TrustCore

@Suite("Inbound pipeline on the memory store")
struct InboundPipelineTests {
    @Test func contributionIsConfirmedStoredAndReadBack() async throws {
        let f = try await EngineFixture.make(store: MemoryStore())
        let ask = try await f.pipeline.handle(EngineFixture.message("aporte s/. 20", id: "m1"), inlineReply: true, now: EngineFixture.now)
        #expect(ask.replies.map(\.text) == ["¿Confirma su aporte de S/ 20.00 al fondo comun de Lacteos Huambocancha? 1 Si, 2 No"])
        #expect(ask.replies.first?.encoding == .gsm7)
        #expect(try await f.contributions().isEmpty)
        let done = try await f.pipeline.handle(EngineFixture.message("1", id: "m2"), inlineReply: true, now: EngineFixture.now + 30)
        #expect(done.replies.map(\.text) == ["Aporte de S/ 20.00 anotado, pendiente de confirmar por tesoreria. Su total de noviembre: S/ 20.00"])
        let stored = try await f.contributions()
        #expect(stored.map(\.amount) == [Money(soles: 20)])
        #expect(stored.first?.status == .pending)
        #expect(stored.first?.memberID == f.rosa.id)
    }

    @Test func aRetriedMessageIDGetsTheSameReplyAndWritesNothing() async throws {
        let f = try await EngineFixture.make(store: MemoryStore())
        _ = try await f.pipeline.handle(EngineFixture.message("aporte 20", id: "m1"), inlineReply: true, now: EngineFixture.now)
        let first = try await f.pipeline.handle(EngineFixture.message("si", id: "m2"), inlineReply: true, now: EngineFixture.now + 10)
        let retry = try await f.pipeline.handle(EngineFixture.message("si", id: "m2"), inlineReply: true, now: EngineFixture.now + 20)
        #expect(retry.duplicate)
        #expect(retry.replies == first.replies)
        #expect(try await f.contributions().count == 1)
        let other = try await f.pipeline.handle(EngineFixture.message("si", id: "m2", gateway: "kannel"), inlineReply: true, now: EngineFixture.now + 30)
        #expect(!other.duplicate, "the dedupe key is (gateway, id)")
    }

    @Test func unknownPhonesAreToldOncePerDay() async throws {
        let f = try await EngineFixture.make(store: MemoryStore())
        let stranger = "+51999111222"
        let first = try await f.pipeline.handle(EngineFixture.message("hola", id: "u1", from: stranger), inlineReply: true, now: EngineFixture.now)
        #expect(first.outcome == "unknown_phone")
        #expect(first.replies.map(\.text) == ["Este numero no esta registrado en Confianza. Pida a su articulador que lo inscriba."])
        let again = try await f.pipeline.handle(EngineFixture.message("hola?", id: "u2", from: stranger), inlineReply: true, now: EngineFixture.now + 3600)
        #expect(again.replies.isEmpty)
        let tomorrow = try await f.pipeline.handle(EngineFixture.message("hola", id: "u3", from: stranger), inlineReply: true, now: EngineFixture.now + 86_400)
        #expect(tomorrow.replies.count == 1)
    }

    @Test func withoutInlineRepliesTheReplyGoesToTheOutbox() async throws {
        let f = try await EngineFixture.make(store: MemoryStore())
        let outcome = try await f.pipeline.handle(EngineFixture.message("hola", id: "a1", gateway: "android"), inlineReply: false, now: EngineFixture.now)
        #expect(outcome.replies.count == 1)
        let queued = try await f.store.read { tx in try await tx.outbound(limit: 10, status: .queued) }
        #expect(queued.map(\.message.to) == [EngineFixture.rosaPhone])
        #expect(queued.first?.message.text == outcome.replies.first?.text)
        #expect(queued.first?.kind == "reply")
    }

    @Test func attendancePromptsAreQueuedAsPromptsSoTheSchedulerCanNudgeThem() async throws {
        let f = try await EngineFixture.make(store: MemoryStore())
        // The presidente registers today's meeting without a list: every other member is asked.
        let outcome = try await f.pipeline.handle(
            EngineFixture.message("REUNION ORD HOY 0", id: "m1", from: "+51987000001"), inlineReply: true, now: EngineFixture.now)
        #expect(outcome.outcome == "ok")
        let queued = try await f.store.read { tx in try await tx.outbound(limit: 10, status: .queued) }
        #expect(queued.map(\.message.to) == [EngineFixture.rosaPhone])
        #expect(queued.map(\.kind) == [OutboxKind.prompt])
        #expect(queued.first?.networkID == f.network.id)
        // Unanswered a day later, Rosa gets the one nudge (it finds the prompt by its kind).
        let reminders = Reminders(book: try MessageLoader.load(directory: EngineFixture.messagesDirectory), schedule: .defaults)
        let result = try await reminders.runDue(store: f.store, now: EngineFixture.now + 26 * 3600)
        #expect(result.nudged == 1)
    }

    @Test func aFloodingPhoneIsLoggedButNotAnswered() async throws {
        let f = try await EngineFixture.make(store: MemoryStore(), floodLimit: 3)
        var answered = 0
        for i in 0..<6 {
            let outcome = try await f.pipeline.handle(EngineFixture.message("hola", id: "f\(i)"), inlineReply: true, now: EngineFixture.now + Double(i))
            answered += outcome.replies.isEmpty ? 0 : 1
            if i >= 3 { #expect(outcome.outcome == "flood") }
        }
        #expect(answered == 3)
        let logged = try await f.store.read { tx in try await tx.inbound(gateway: "generic", messageID: "f5") }
        #expect(logged?.outcome == "flood")
    }

    @Test func anUnreadablePhoneIsLoggedWithoutReply() async throws {
        let f = try await EngineFixture.make(store: MemoryStore())
        let outcome = try await f.pipeline.handle(EngineFixture.message("hola", id: "b1", from: "abc"), inlineReply: true, now: EngineFixture.now)
        #expect(outcome.outcome == "bad_phone")
        #expect(outcome.replies.isEmpty)
    }

    @Test func optOutIsStoredForEveryRowOfThePhone() async throws {
        let f = try await EngineFixture.make(store: MemoryStore())
        _ = try await f.pipeline.handle(EngineFixture.message("BAJA", id: "o1"), inlineReply: true, now: EngineFixture.now)
        let rows = try await f.store.read { tx in try await tx.members(phone: EngineFixture.rosaPhone) }
        #expect(rows.allSatisfy { $0.optedOut })
        _ = try await f.pipeline.handle(EngineFixture.message("alta", id: "o2"), inlineReply: true, now: EngineFixture.now + 5)
        let back = try await f.store.read { tx in try await tx.members(phone: EngineFixture.rosaPhone) }
        #expect(back.allSatisfy { !$0.optedOut })
    }

    @Test func attendanceAnswerIsRecordedForTheOpenMeeting() async throws {
        let f = try await EngineFixture.make(store: MemoryStore())
        let meetingDay = LocalDate(year: 2026, month: 11, day: 21)!
        _ = try await f.store.transaction { [network = f.network] tx in
            try await tx.apply(.registerMeeting(networkID: network.id, kind: .ordinary, date: meetingDay, registeredBy: nil, present: nil))
        }
        let ask = try await f.pipeline.handle(EngineFixture.message("asisti", id: "x1"), inlineReply: true, now: EngineFixture.now)
        #expect(ask.replies.map(\.text) == ["Reunion ordinaria del sab 21/11: ¿asistio? 1 Si, 2 No"])
        _ = try await f.pipeline.handle(EngineFixture.message("si", id: "x2"), inlineReply: true, now: EngineFixture.now + 10)
        _ = try await f.pipeline.handle(EngineFixture.message("4", id: "x3"), inlineReply: true, now: EngineFixture.now + 20)
        let records = try await f.store.read { [network = f.network] tx in try await tx.records(networkID: network.id, since: nil) }
        #expect(records.attendance.map(\.present) == [true])
        #expect(records.ratings.map(\.score) == [4])
        let none = try await f.pipeline.handle(EngineFixture.message("asisti", id: "x4"), inlineReply: true, now: EngineFixture.now + 30)
        #expect(none.replies.map(\.text) == ["No hay reuniones por confirmar. Gracias."])
    }

    @Test func correctionUndoesTheStoredRecord() async throws {
        let f = try await EngineFixture.make(store: MemoryStore())
        _ = try await f.pipeline.handle(EngineFixture.message("aporte 20", id: "c1"), inlineReply: true, now: EngineFixture.now)
        _ = try await f.pipeline.handle(EngineFixture.message("1", id: "c2"), inlineReply: true, now: EngineFixture.now + 10)
        #expect(try await f.contributions().count == 1)
        _ = try await f.pipeline.handle(EngineFixture.message("corregir", id: "c3"), inlineReply: true, now: EngineFixture.now + 20)
        #expect(try await f.contributions().isEmpty)
    }
}
