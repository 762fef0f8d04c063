import Engine
import Foundation
import Testing
import TrustCore

/// The inbound audit log as the dashboard reads it, and requeueing dead outbox rows (`MessageLogTransaction`).
enum MessageLogCases {
    static let all = [inboundLog, requeue]

    static func record(_ id: String, from: String, received: Double, processed: Double) -> InboundRecord {
        InboundRecord(
            gateway: "kannel", messageID: id, from: from, to: "+51900000000", text: "MENU \(id)", receivedAt: Fixture.at(received),
            processedAt: Fixture.at(processed), replies: ["r-\(id)", "ñandú ✓"], outcome: "ok")
    }

    static let inboundLog = StoreCase("message log: newest first, by sender, before an instant, limited") { store in
        let records = [
            record("a", from: "+51987000001", received: 1, processed: 2),
            record("b", from: "+51987000002", received: 3, processed: 4),
            record("c", from: "+51987000001", received: 3, processed: 5),
            record("d", from: "+51987000003", received: 3, processed: 5),
            record("e", from: "+51987000002", received: 7, processed: 8),
        ]
        try await store.transaction { tx async throws in
            for r in records { try await tx.insertInbound(r) }
        }
        func log(_ senders: [String]?, _ before: Date?, _ limit: Int) async throws -> [String] {
            try await store.read { tx async throws in try await tx.messageLog().inboundLog(senders: senders, before: before, limit: limit) }
                .map(\.messageID)
        }
        #expect(try await log(nil, nil, 10) == ["e", "d", "c", "b", "a"], "ties on both instants: by message id, descending")
        #expect(try await log(nil, nil, 2) == ["e", "d"])
        #expect(try await log(nil, Fixture.at(7), 10) == ["d", "c", "b", "a"])
        #expect(try await log(["+51987000001", "+51987000003"], nil, 10) == ["d", "c", "a"])
        #expect(try await log(["+51987000002"], Fixture.at(3), 10) == [])
        #expect(try await log([], nil, 10) == [])
        #expect(try await log(nil, nil, 0) == [])
        let full = try await store.read { tx async throws in try await tx.messageLog().inboundLog(senders: ["+51987000002"], before: nil, limit: 1) }
        #expect(full == [records[4]], "the whole record round-trips, replies included")
    }

    static let requeue = StoreCase("message log: only a dead row is requeued, due now with its attempts reset") { store in
        let ids = try await OutboxCases.enqueue(store, [Fixture.outbound("+51987000001"), Fixture.outbound("+51987000002")])
        _ = try await OutboxCases.claim(store, at: Fixture.t0)
        try await store.transaction { tx async throws in
            try await tx.completeOutbound(id: ids[0], result: .dead(reason: "blocked"), now: Fixture.at(1))
        }
        let results = try await store.transaction { tx async throws in
            let log = try tx.messageLog()
            return [
                try await log.requeue(id: ids[0], now: Fixture.at(50)),
                try await log.requeue(id: ids[0], now: Fixture.at(51)),
                try await log.requeue(id: ids[1], now: Fixture.at(50)),
                try await log.requeue(id: 999_999, now: Fixture.at(50)),
            ]
        }
        #expect(results == [true, false, false, false])
        let row = try #require(try await OutboxCases.row(store, ids[0]))
        #expect(row.status == .queued && row.message.attempts == 0 && row.updatedAt == Fixture.at(50))
        #expect(try await OutboxCases.claim(store, at: Fixture.at(49)).isEmpty, "due at the requeue instant, not before")
        let again = try await OutboxCases.claim(store, at: Fixture.at(50))
        #expect(again.map(\.id) == [ids[0]] && again.first?.attempts == 1)
    }
}
