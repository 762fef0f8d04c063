import Engine
import Foundation
import Testing
import TrustCore

/// The durable outbox: claims with leases, results, delivery reports and stats.
enum OutboxCases {
    static let all = [claimOrder, complete, expiredLease, deliveryReports, stats]

    static func enqueue(_ store: any Store, _ messages: [NewOutbound]) async throws -> [Int64] {
        try await store.transaction { tx async throws in
            var ids: [Int64] = []
            for message in messages { ids.append(try await tx.enqueue(message)) }
            return ids
        }
    }

    static func claim(_ store: any Store, at now: Date, limit: Int = 10, lease: TimeInterval = 60) async throws -> [OutboundMessage] {
        try await store.transaction { tx async throws in
            try await tx.claimOutbound(now: now, limit: limit, leaseUntil: now.addingTimeInterval(lease))
        }
    }

    static func row(_ store: any Store, _ id: Int64) async throws -> OutboxRow? {
        try await store.read { tx async throws in try await tx.outbound(limit: 1000, status: nil).first { $0.message.id == id } }
    }

    static let claimOrder = StoreCase("outbox: claims honour not_before, due order and limit") { store in
        let t0 = Fixture.t0
        var unicode = Fixture.outbound("+51987000005", notBefore: Fixture.at(-1), text: "Reunión ✓")
        unicode.encoding = .ucs2
        unicode.segments = 2
        unicode.networkID = 7
        unicode.kind = "summary"
        let ids = try await enqueue(store, [
            Fixture.outbound("+51987000001", notBefore: t0),
            Fixture.outbound("+51987000002", notBefore: Fixture.at(10)),
            Fixture.outbound("+51987000003", notBefore: Fixture.at(-5)),
            Fixture.outbound("+51987000004", notBefore: Fixture.at(100)),
            unicode,
        ])
        #expect(Set(ids).count == 5)
        let first = try await claim(store, at: t0, limit: 2)
        #expect(first.map(\.id) == [ids[2], ids[4]])
        #expect(first.allSatisfy { $0.attempts == 1 })
        #expect(first.last == OutboundMessage(
            id: ids[4], to: "+51987000005", text: "Reunión ✓", encoding: .ucs2, segments: 2, gateway: "console", attempts: 1))
        #expect(try await claim(store, at: t0).map(\.id) == [ids[0]])
        #expect(try await claim(store, at: t0).isEmpty)
        #expect(try await claim(store, at: Fixture.at(10)).map(\.id) == [ids[1]])

        let listed = try await store.read { tx async throws in try await tx.outbound(limit: 10, status: nil) }
        #expect(listed.map(\.message.id) == ids.sorted(by: >))
        let summary = try #require(listed.first { $0.message.id == ids[4] })
        #expect(summary.kind == "summary" && summary.networkID == 7 && summary.status == .sending)
        #expect(summary.createdAt == Fixture.at(-10) && summary.updatedAt == t0)
        #expect(summary.gatewayID == nil && summary.lastError == nil)
        let queued = try await store.read { tx async throws in try await tx.outbound(limit: 10, status: .queued) }
        #expect(queued.map(\.message.id) == [ids[3]])
        #expect(try await store.read { tx async throws in try await tx.outbound(limit: 2, status: .sending) }.count == 2)
    }

    static let complete = StoreCase("outbox: sent, retry and dead results") { store in
        let ids = try await enqueue(store, (1...3).map { Fixture.outbound("+5198700000\($0)") })
        #expect(try await claim(store, at: Fixture.t0).count == 3)
        try await store.transaction { tx async throws in
            try await tx.completeOutbound(id: ids[0], result: .sent(gatewayID: "SM123"), now: Fixture.at(1))
            try await tx.completeOutbound(id: ids[1], result: .retry(at: Fixture.at(30), reason: "HTTP 503"), now: Fixture.at(1))
            try await tx.completeOutbound(id: ids[2], result: .dead(reason: "invalid number"), now: Fixture.at(1))
        }
        let sent = try #require(try await row(store, ids[0]))
        #expect(sent.status == .sent && sent.gatewayID == "SM123" && sent.updatedAt == Fixture.at(1))
        let retry = try #require(try await row(store, ids[1]))
        #expect(retry.status == .queued && retry.lastError == "HTTP 503")
        let dead = try #require(try await row(store, ids[2]))
        #expect(dead.status == .dead && dead.lastError == "invalid number")

        #expect(try await claim(store, at: Fixture.at(29)).isEmpty)
        let again = try await claim(store, at: Fixture.at(30))
        #expect(again.map(\.id) == [ids[1]])
        #expect(again.first?.attempts == 2)
        try await store.transaction { tx async throws in
            try await tx.completeOutbound(id: ids[1], result: .sent(gatewayID: nil), now: Fixture.at(31))
        }
        #expect(try await claim(store, at: Fixture.at(10_000)).isEmpty, "sent and dead rows are never claimed again")
        #expect(try await store.read { tx async throws in try await tx.outbound(limit: 10, status: .dead) }.map(\.message.id) == [ids[2]])
    }

    static let expiredLease = StoreCase("outbox: an expired lease is claimed again") { store in
        let ids = try await enqueue(store, [Fixture.outbound("+51987000001")])
        #expect(try await claim(store, at: Fixture.t0, lease: 60).map(\.id) == ids)
        #expect(try await claim(store, at: Fixture.at(59.75)).isEmpty)
        let reclaimed = try await claim(store, at: Fixture.at(60))
        #expect(reclaimed.map(\.id) == ids)
        #expect(reclaimed.first?.attempts == 2)
    }

    static let deliveryReports = StoreCase("outbox: delivery reports match by outbox id or gateway id and only move forward") { store in
        let ids = try await enqueue(store, (1...3).map { Fixture.outbound("+5198700000\($0)") })
        _ = try await claim(store, at: Fixture.t0)
        try await store.transaction { tx async throws in
            try await tx.completeOutbound(id: ids[0], result: .sent(gatewayID: nil), now: Fixture.at(1))
            try await tx.completeOutbound(id: ids[1], result: .sent(gatewayID: "AND-77"), now: Fixture.at(1))
            try await tx.completeOutbound(id: ids[2], result: .retry(at: Fixture.at(2), reason: "HTTP 503"), now: Fixture.at(1))
        }
        let matched = try await store.transaction { tx async throws in
            [
                try await tx.applyDeliveryReport(DeliveryReport(outboxID: ids[0], gatewayID: nil, status: .delivered), now: Fixture.at(5)),
                try await tx.applyDeliveryReport(
                    DeliveryReport(outboxID: nil, gatewayID: "AND-77", status: .failed, error: "absent subscriber"), now: Fixture.at(6)),
                try await tx.applyDeliveryReport(DeliveryReport(outboxID: ids[2] + 1000, gatewayID: nil, status: .delivered), now: Fixture.at(7)),
                try await tx.applyDeliveryReport(DeliveryReport(outboxID: nil, gatewayID: "nadie", status: .delivered), now: Fixture.at(7)),
                try await tx.applyDeliveryReport(DeliveryReport(outboxID: nil, gatewayID: nil, status: .delivered), now: Fixture.at(7)),
            ]
        }
        #expect(matched == [true, true, false, false, false])
        let delivered = try #require(try await row(store, ids[0]))
        #expect(delivered.status == .delivered && delivered.updatedAt == Fixture.at(5) && delivered.lastError == nil)
        let failed = try #require(try await row(store, ids[1]))
        #expect(failed.status == .failed && failed.lastError == "absent subscriber" && failed.updatedAt == Fixture.at(6))

        // A late report ("accepted by the SMSC" after "delivered") matches but changes nothing.
        let late = try await store.transaction { tx async throws in
            try await tx.applyDeliveryReport(DeliveryReport(outboxID: ids[0], gatewayID: nil, status: .sent), now: Fixture.at(9))
        }
        #expect(late)
        #expect(try await row(store, ids[0]) == delivered)

        // A report that lands before the sender records the send (another instance took the
        // webhook) stays; the send still records the gateway id. A report without error text
        // keeps the last error.
        #expect(try await claim(store, at: Fixture.at(2)).map(\.id) == [ids[2]])
        try await store.transaction { tx async throws in
            _ = try await tx.applyDeliveryReport(DeliveryReport(outboxID: ids[2], gatewayID: nil, status: .failed), now: Fixture.at(3))
            try await tx.completeOutbound(id: ids[2], result: .sent(gatewayID: "K-9"), now: Fixture.at(4))
            try await tx.completeOutbound(id: ids[2], result: .dead(reason: "late failure"), now: Fixture.at(4))
        }
        let early = try #require(try await row(store, ids[2]))
        #expect(early.status == .failed && early.gatewayID == "K-9" && early.lastError == "HTTP 503")
    }

    static let stats = StoreCase("outbox: stats count pending and dead rows and age the oldest due one") { store in
        #expect(try await store.read { tx async throws in try await tx.outboxStats(now: Fixture.t0) } == OutboxStats(pending: 0, dead: 0, oldestDueAge: 0))
        let ids = try await enqueue(store, [
            Fixture.outbound("+51987000001", notBefore: Fixture.at(-30)),
            Fixture.outbound("+51987000002", notBefore: Fixture.at(-10)),
            Fixture.outbound("+51987000003", notBefore: Fixture.at(50)),
            Fixture.outbound("+51987000004", notBefore: Fixture.at(-20)),
        ])
        _ = try await claim(store, at: Fixture.at(-25), limit: 1)
        try await store.transaction { tx async throws in
            try await tx.completeOutbound(id: ids[0], result: .dead(reason: "blocked"), now: Fixture.at(-25))
        }
        _ = try await claim(store, at: Fixture.at(-15), limit: 1)
        let now = try await store.read { tx async throws in try await tx.outboxStats(now: Fixture.t0) }
        #expect(now == OutboxStats(pending: 3, dead: 1, oldestDueAge: 20))
        try await store.transaction { tx async throws in
            try await tx.completeOutbound(id: ids[3], result: .sent(gatewayID: nil), now: Fixture.at(1))
            try await tx.completeOutbound(id: ids[1], result: .sent(gatewayID: nil), now: Fixture.at(1))
        }
        let later = try await store.read { tx async throws in try await tx.outboxStats(now: Fixture.at(20)) }
        #expect(later == OutboxStats(pending: 1, dead: 1, oldestDueAge: 0))
    }
}
