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
        #expect(sender.sent == ids)
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
