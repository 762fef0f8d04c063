import Engine
import Foundation
import PostgresNIO
import PostgresStore
import Testing

/// With no server at all, a unit of work fails quickly with `.unavailable` (the web layer answers
/// 503) instead of waiting for the pool's circuit breaker.
@Suite("PostgreSQL outage")
struct PostgresOutageTests {
    @Test("no server: ping, transaction and read throw .unavailable within the connection wait")
    func noServer() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("confianza-no-pg-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try PostgresStore(url: "postgres://postgres@localhost/postgres?host=\(folder.path)", connectionWait: .milliseconds(300))
        await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await store.run() }
            defer { group.cancelAll() }
            let clock = ContinuousClock()
            let started = clock.now
            await expectUnavailable { try await store.ping() }
            await expectUnavailable { try await store.transaction { tx in try await tx.networks() } }
            await expectUnavailable { try await store.read { tx in try await tx.outboxStats(now: Date()) } }
            #expect(started.duration(to: clock.now) < .seconds(30))
        }
    }

    @Test(
        "the server closes the connection between two statements: the next one throws .unavailable, it does not hang",
        .enabled(if: PostgresTestDatabase.url != nil, PostgresTestDatabase.skipReason), .timeLimit(.minutes(1)))
    func connectionClosedMidTransaction() async throws {
        try await PostgresTestDatabase.withStores { db in
            let clock = ContinuousClock()
            let started = clock.now
            await expectUnavailable {
                try await db.store.transaction { tx in
                    _ = try await tx.networks()
                    // What `pg_ctl stop -m fast` does to every session; postgres-nio closes the connection on the FATAL error.
                    try await PostgresTestDatabase.withClient(db.configuration) { admin in
                        _ = try await admin.query(
                            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"
                        ).collect()
                    }
                    try await Task.sleep(for: .milliseconds(300))
                    return try await tx.networks()
                }
            }
            #expect(started.duration(to: clock.now) < .seconds(10))
            let networks = try await db.store.transaction { tx in try await tx.networks() }
            #expect(networks.isEmpty, "the store goes on with a new connection")
        }
    }

    private func expectUnavailable(_ body: () async throws -> some Sendable) async {
        await #expect {
            _ = try await body()
        } throws: { error in
            guard let error = error as? PostgresStoreError else { return false }
            // A bounded label for metrics; nothing private in the description.
            return error.code == .unavailable && error.shortDescription == "unavailable" && !error.description.contains("+51")
        }
    }
}
