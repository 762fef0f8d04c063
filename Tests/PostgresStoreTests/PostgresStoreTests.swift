import Engine
import Foundation
import PostgresNIO
import PostgresStore
import Testing
import TrustCore

/// What only PostgreSQL has: migrations shared by instances, its error codes, aborted transactions.
@Suite(
    "PostgreSQL store", .serialized,
    .enabled(if: PostgresTestDatabase.url != nil, PostgresTestDatabase.skipReason))
struct PostgresStoreTests {
    @Test("two instances migrating at once: each migration applied once, in order")
    func concurrentMigrations() async throws {
        try await PostgresTestDatabase.withStores(instances: 3, migrate: false) { db in
            let stores = db.stores
            #expect(try await db.store.appliedMigrations().isEmpty)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for store in stores { group.addTask { try await store.migrate() } }
                try await group.waitForAll()
            }
            let applied = try await stores[1].appliedMigrations()
            #expect(applied == ["v1 roster, records, messages, outbox", "v2 dashboard users, sessions, API tokens", "v3 contributions by member"])
            try await stores[2].migrate()
            #expect(try await stores[2].appliedMigrations() == applied)
            // The schema works from every instance.
            let network = try await stores[1].transaction { tx in try await tx.insertNetwork(NewNetwork(code: "MIGRA", name: "M", createdAt: Date(timeIntervalSince1970: 1_764_000_000))) }
            #expect(try await stores[2].read { tx in try await tx.network(code: "MIGRA") } == network)
        }
    }

    @Test("a database migrated by a newer build is refused")
    func newerSchema() async throws {
        try await PostgresTestDatabase.withStores { db in
            try await PostgresTestDatabase.withClient(db.configuration) { client in
                _ = try await client.query("INSERT INTO schema_migrations (position, name) VALUES (99, 'v99 from the future')").collect()
            }
            await #expect {
                try await db.store.migrate()
            } throws: { error in
                (error as? PostgresStoreError)?.code == .migration
            }
        }
    }

    @Test("a duplicate inbound message is a .duplicate error")
    func duplicateCode() async throws {
        try await PostgresTestDatabase.withStores { db in
            let record = InboundRecord(
                gateway: "kannel", messageID: "dup", from: "+51987000001", to: "+51900000000", text: "MENU",
                receivedAt: Date(timeIntervalSince1970: 1_764_000_000), processedAt: Date(timeIntervalSince1970: 1_764_000_001),
                replies: [], outcome: "ok")
            try await db.store.transaction { tx in try await tx.insertInbound(record) }
            await #expect {
                try await db.store.transaction { tx in try await tx.insertInbound(record) }
            } throws: { error in
                guard let error = error as? PostgresStoreError else { return false }
                return error.code == .duplicate && !error.description.contains("+51987000001")
            }
        }
    }

    @Test("a failed statement swallowed without a savepoint fails the commit instead of losing writes silently")
    func abortedTransaction() async throws {
        try await PostgresTestDatabase.withStores { db in
            try await db.store.transaction { tx in _ = try await tx.insertNetwork(NewNetwork(code: "UNO", name: "Uno")) }
            await #expect {
                try await db.store.transaction { tx in
                    _ = try await tx.insertNetwork(NewNetwork(code: "DOS", name: "Dos"))
                    _ = try? await tx.insertNetwork(NewNetwork(code: "UNO", name: "otra"))
                }
            } throws: { error in
                (error as? PostgresStoreError)?.code == .transactionAborted
            }
            #expect(try await db.store.read { tx in try await tx.networks() }.map(\.code) == ["UNO"])
        }
    }

    @Test("a read-only unit refuses writes")
    func readOnly() async throws {
        try await PostgresTestDatabase.withStores { db -> Void in
            await #expect {
                try await db.store.read { tx in _ = try await tx.insertNetwork(NewNetwork(code: "NADA", name: "Nada")) }
            } throws: { error in
                (error as? PostgresStoreError)?.sqlState == "25006"
            }
        }
    }
}
