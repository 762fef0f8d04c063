import Engine
import Foundation
import Synchronization
import Testing

/// A sender that answers from a script and counts what it was asked to send.
final class ScriptedSender: MessageSender {
    let gateway = "test"
    private let answers: Mutex<[SendOutcome]>
    private let sentLog = Mutex<[Int64]>([])

    init(_ answers: [SendOutcome]) {
        self.answers = Mutex(answers)
    }

    var sent: [Int64] { sentLog.withLock { $0 } }

    func send(_ message: OutboundMessage) async -> SendOutcome {
        sentLog.withLock { $0.append(message.id) }
        return answers.withLock { list in list.isEmpty ? .accepted(gatewayID: "gw-\(message.id)") : list.removeFirst() }
    }
}

/// A sender on which every send to `hungPhone` hangs until `release()`.
final class HangingSender: MessageSender {
    let gateway = "test"
    let hungPhone: String
    private let started = Mutex<[OutboundMessage]>([])
    private let gate = AsyncStream<Void>.makeStream()

    init(hungPhone: String) { self.hungPhone = hungPhone }

    /// Messages whose send began, in that order.
    var begun: [OutboundMessage] { started.withLock { $0 } }

    func send(_ message: OutboundMessage) async -> SendOutcome {
        started.withLock { $0.append(message) }
        if message.to == hungPhone {
            for await _ in gate.stream { break }
        }
        return .accepted(gatewayID: "gw-\(message.id)")
    }

    func release() { gate.continuation.finish() }
}

@Suite("Outbox worker")
struct OutboxServiceTests {
    let start = Date(timeIntervalSince1970: 1_764_000_000)

    func enqueue(_ store: any Store, count: Int = 1, at: Date) async throws -> [Int64] {
        try await store.transaction { tx in
            var ids: [Int64] = []
            for i in 0..<count {
                ids.append(try await tx.enqueue(NewOutbound(
                    to: "+5198700000\(i)", text: "hola", encoding: .gsm7, segments: 1, gateway: "test", notBefore: at, kind: "reply",
                    networkID: nil, createdAt: at)))
            }
            return ids
        }
    }

    @Test func acceptedMessagesAreMarkedSentWithTheGatewayID() async throws {
        let store = MemoryStore()
        let ids = try await enqueue(store, count: 3, at: start)
        let sender = ScriptedSender([])
        let service = OutboxService(store: store, senders: [sender])
        #expect(try await service.drainOnce(now: { self.start }) == 3)
        #expect(Set(sender.sent) == Set(ids))
        let rows = try await store.read { tx in try await tx.outbound(limit: 10, status: .sent) }
        #expect(Set(rows.compactMap(\.gatewayID)) == Set(ids.map { "gw-\($0)" }))
        #expect(try await service.drainOnce(now: { self.start + 1 }) == 0, "nothing is sent twice")
    }

    @Test func retryableFailuresBackOffThenDeadLetter() async throws {
        let store = MemoryStore()
        _ = try await enqueue(store, at: start)
        let sender = ScriptedSender(Array(repeating: .retryable(reason: "HTTP 500", retryAfter: nil), count: 10))
        let settings = OutboxSettings(maxAttempts: 3, backoffBase: 10, backoffMax: 100)
        let service = OutboxService(store: store, senders: [sender], settings: settings)
        #expect(try await service.drainOnce(now: { self.start }) == 1)
        #expect(try await service.drainOnce(now: { self.start + 1 }) == 0, "backing off: not due yet")
        #expect(try await service.drainOnce(now: { self.start + 200 }) == 1)
        #expect(try await service.drainOnce(now: { self.start + 400 }) == 1)
        let dead = try await store.read { tx in try await tx.outbound(limit: 10, status: .dead) }
        #expect(dead.count == 1)
        #expect(dead.first?.lastError?.contains("HTTP 500") == true)
        #expect(sender.sent.count == 3)
    }

    @Test func permanentFailuresAreDeadLetteredAtOnce() async throws {
        let store = MemoryStore()
        _ = try await enqueue(store, at: start)
        let service = OutboxService(store: store, senders: [ScriptedSender([.permanent(reason: "invalid number")])])
        _ = try await service.drainOnce(now: { self.start })
        let stats = try await store.read { tx in try await tx.outboxStats(now: self.start) }
        #expect(stats.dead == 1)
        #expect(stats.pending == 0)
    }

    @Test func aLeaseLeftByACrashedWorkerIsReclaimedAfterItExpires() async throws {
        let store = MemoryStore()
        _ = try await enqueue(store, at: start)
        let claimed = try await store.transaction { tx in try await tx.claimOutbound(now: self.start, limit: 5, leaseUntil: self.start + 60) }
        #expect(claimed.count == 1)
        let sender = ScriptedSender([])
        let service = OutboxService(store: store, senders: [sender])
        #expect(try await service.drainOnce(now: { self.start + 30 }) == 0, "still leased")
        #expect(try await service.drainOnce(now: { self.start + 61 }) == 1)
        #expect(sender.sent.count == 1)
    }

    @Test func backoffGrowsAndIsCapped() {
        let settings = OutboxSettings(backoffBase: 5, backoffMax: 60)
        #expect(settings.backoff(attempts: 1, jitter: 0.5) == 5)
        #expect(settings.backoff(attempts: 3, jitter: 0.5) == 20)
        #expect(settings.backoff(attempts: 10, jitter: 0.5) == 60)
        #expect(settings.backoff(attempts: 2, jitter: 0) == 5)
    }

    @Test func aHungSendHoldsUpNoOtherPhoneAndOnePhonesMessagesKeepTheirOrder() async throws {
        let store = MemoryStore()
        let hung = "+51987000099", busy = "+51987000050"
        let at = start
        let rows = [(hung, "colgado"), (busy, "primero"), (busy, "segundo"), (busy, "tercero")] + (1...4).map { ("+5198700010\($0)", "hola") }
        let messages = rows.map { to, text in
            NewOutbound(to: to, text: text, encoding: .gsm7, segments: 1, gateway: "test", notBefore: at, kind: "reply", networkID: nil, createdAt: at)
        }
        let ids = try await store.transaction { tx in
            var ids: [Int64] = []
            for message in messages { ids.append(try await tx.enqueue(message)) }
            return ids
        }
        let sender = HangingSender(hungPhone: hung)
        let service = OutboxService(store: store, senders: [sender], settings: OutboxSettings(concurrency: 2))
        let drain = Task { try await service.drainOnce(now: { at }) }
        // With two lanes in flight and one of them hung, the other lane carries every other phone through.
        var sent: [OutboxRow] = []
        for _ in 0..<500 where sent.count < 7 {
            try await Task.sleep(for: .milliseconds(10))
            sent = try await store.read { tx in try await tx.outbound(limit: 20, status: .sent) }
        }
        #expect(sent.count == 7, "everything but the hung message is sent while it hangs")
        #expect(sender.begun.filter { $0.to == busy }.map(\.text) == ["primero", "segundo", "tercero"])
        sender.release()
        #expect(try await drain.value == 8)
        #expect(try await store.read { tx in try await tx.outbound(limit: 20, status: .sent) }.count == ids.count)
    }
}

@Suite("Delivery status order")
struct DeliveryStatusOrderTests {
    @Test func aLateReportNeverMovesAMessageBack() async throws {
        try await DeliveryOrderCase.run(on: MemoryStore())
    }
}

/// Shared by the memory and SQLite suites: statuses only move forward.
enum DeliveryOrderCase {
    static func run(on store: any Store) async throws {
        let now = Date(timeIntervalSince1970: 1_764_000_000)
        let id = try await store.transaction { tx in
            try await tx.enqueue(NewOutbound(
                to: "+51987000001", text: "hola", encoding: .gsm7, segments: 2, gateway: "kannel", notBefore: now, kind: "reply",
                networkID: nil, createdAt: now))
        }
        _ = try await store.transaction { tx in try await tx.claimOutbound(now: now, limit: 1, leaseUntil: now + 60) }
        // The delivery report arrives before the worker commits its own "sent".
        let matched = try await store.transaction { tx in
            try await tx.applyDeliveryReport(DeliveryReport(outboxID: id, gatewayID: nil, status: .delivered), now: now)
        }
        #expect(matched)
        try await store.transaction { tx in try await tx.completeOutbound(id: id, result: .sent(gatewayID: nil), now: now + 1) }
        _ = try await store.transaction { tx in
            try await tx.applyDeliveryReport(DeliveryReport(outboxID: id, gatewayID: nil, status: .sent), now: now + 2)
        }
        let delivered = try await store.read { tx in try await tx.outbound(limit: 5, status: .delivered) }
        #expect(delivered.map(\.message.id) == [id])
    }

}
