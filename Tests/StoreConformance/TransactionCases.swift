import Engine
import Foundation
import Testing
import TrustCore

/// Units of work: commit, rollback, savepoints, read snapshots, the inbound log and its dedupe key.
enum TransactionCases {
    static let all = [inboundDedupe, rollbackOnThrow, savepointRollback, readNeverWrites]

    static let inboundDedupe = StoreCase("inbound: duplicate gateway id rolls back the whole transaction") { store in
        let first = Fixture.inbound("k-1", replies: ["Hola", "Gracias, ñandú"])
        try await store.transaction { tx async throws in try await tx.insertInbound(first) }
        let found = try await store.read { tx async throws in try await tx.inbound(gateway: "kannel", messageID: "k-1") }
        #expect(found == first)

        // The same id from another gateway is another message.
        let twilio = Fixture.inbound("k-1", gateway: "twilio", text: "MENU", replies: [])
        try await store.transaction { tx async throws in try await tx.insertInbound(twilio) }

        await #expect(throws: (any Error).self) {
            try await store.transaction { tx async throws in
                _ = try await tx.insertNetwork(Fixture.newNetwork("DUPE"))
                _ = try await tx.enqueue(Fixture.outbound("+51987000001"))
                try await tx.insertInbound(Fixture.inbound("k-2"))
                try await tx.insertInbound(Fixture.inbound("k-1", text: "otra vez"))
            }
        }
        try await store.read { tx async throws in
            #expect(try await tx.inbound(gateway: "kannel", messageID: "k-1") == first)
            #expect(try await tx.inbound(gateway: "twilio", messageID: "k-1") == twilio)
            #expect(try await tx.inbound(gateway: "kannel", messageID: "k-2") == nil)
            #expect(try await tx.inbound(gateway: "kannel", messageID: "nunca") == nil)
            #expect(try await tx.network(code: "DUPE") == nil)
            #expect(try await tx.outbound(limit: 10, status: nil).isEmpty)
        }
    }

    static let rollbackOnThrow = StoreCase("transaction: a throw rolls back every write and rethrows the same error") { store in
        await #expect(throws: Rollback.self) {
            try await store.transaction { tx async throws in
                let network = try await tx.insertNetwork(Fixture.newNetwork("TEMP"))
                _ = try await tx.insertMember(Fixture.newMember(network.id, "+51987000001"))
                try await tx.insertInbound(Fixture.inbound("r-1"))
                try await tx.saveConversationState(phone: "+51987000001", state: Data("{}".utf8), updatedAt: Fixture.t0)
                _ = try await tx.noteUnknownPhone("+51911111111", day: Fixture.day(2025, 11, 24))
                _ = try await tx.enqueue(Fixture.outbound("+51987000001"))
                _ = try await tx.claimSummary(networkID: network.id, week: "2025-W48", recipient: "+51987000001", at: Fixture.t0)
                _ = try await tx.apply(.startPlan(networkID: network.id, on: Fixture.day(2025, 11, 24)))
                throw Rollback()
            }
        }
        try await store.read { tx async throws in
            #expect(try await tx.networks().isEmpty)
            #expect(try await tx.members(phone: "+51987000001").isEmpty)
            #expect(try await tx.inbound(gateway: "kannel", messageID: "r-1") == nil)
            #expect(try await tx.conversationState(phone: "+51987000001") == nil)
            #expect(try await tx.outbound(limit: 10, status: nil).isEmpty)
            #expect(try await tx.outboxStats(now: Fixture.t0) == OutboxStats(pending: 0, dead: 0, oldestDueAge: 0))
        }
        // The keys claimed inside the rolled-back unit are free again.
        let network = try await store.transaction { tx async throws in try await tx.insertNetwork(Fixture.newNetwork("TEMP")) }
        let claims = try await store.transaction { tx async throws in
            [
                try await tx.noteUnknownPhone("+51911111111", day: Fixture.day(2025, 11, 24)),
                try await tx.claimSummary(networkID: network.id, week: "2025-W48", recipient: "+51987000001", at: Fixture.t0),
            ]
        }
        #expect(claims == [true, true])
    }

    static let savepointRollback = StoreCase("savepoint: a failing savepoint undoes only its own writes") { store in
        let inside = try await store.transaction { tx async throws in
            _ = try await tx.insertNetwork(Fixture.newNetwork("ALFA"))
            do {
                try await tx.savepoint {
                    _ = try await tx.insertNetwork(Fixture.newNetwork("BETA"))
                    _ = try await tx.enqueue(Fixture.outbound("+51987000001"))
                    throw Rollback()
                }
                Issue.record("the savepoint did not rethrow")
            } catch is Rollback {}
            // A statement the database itself rejects (duplicate code) inside a savepoint leaves the
            // transaction usable.
            do {
                try await tx.savepoint {
                    try await tx.insertInbound(Fixture.inbound("s-1"))
                    _ = try await tx.insertNetwork(Fixture.newNetwork("ALFA"))
                }
                Issue.record("a duplicate network code was accepted")
            } catch {}
            let kept: Int = try await tx.savepoint {
                _ = try await tx.insertNetwork(Fixture.newNetwork("GAMA"))
                do {
                    try await tx.savepoint {
                        _ = try await tx.insertNetwork(Fixture.newNetwork("DELTA"))
                        throw Rollback()
                    }
                } catch is Rollback {}
                _ = try await tx.insertNetwork(Fixture.newNetwork("EPSILON"))
                return 42
            }
            #expect(kept == 42)
            return try await tx.networks().map(\.code)
        }
        #expect(inside == ["ALFA", "EPSILON", "GAMA"])
        try await store.read { tx async throws in
            #expect(try await tx.networks().map(\.code) == ["ALFA", "EPSILON", "GAMA"])
            #expect(try await tx.inbound(gateway: "kannel", messageID: "s-1") == nil)
            #expect(try await tx.outbound(limit: 10, status: nil).isEmpty)
        }
    }

    static let readNeverWrites = StoreCase("read: sees committed data; a write attempted in it never persists") { store in
        try await store.transaction { tx async throws in _ = try await tx.insertNetwork(Fixture.newNetwork("VISTA")) }
        let seen = try await store.read { tx async throws in try await tx.networks().map(\.code) }
        #expect(seen == ["VISTA"])
        // Stores may refuse the write or discard it at the end; either way it must not persist.
        _ = try? await store.read { tx async throws in try await tx.insertNetwork(Fixture.newNetwork("FANTASMA")) }
        _ = try? await store.read { tx async throws in try await tx.insertInbound(Fixture.inbound("ghost")) }
        try await store.read { tx async throws in
            #expect(try await tx.networks().map(\.code) == ["VISTA"])
            #expect(try await tx.inbound(gateway: "kannel", messageID: "ghost") == nil)
        }
        try await store.ping()
    }
}
