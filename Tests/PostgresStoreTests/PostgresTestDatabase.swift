import Engine
import Foundation
import Logging
import PostgresNIO
import PostgresStore
import Synchronization
import Testing

/// A throw-away database per test on the server named by `CONFIANZA_TEST_POSTGRES_URL`
/// (`scripts/pg-test-cluster.sh start DIR` starts one and prints its URL).
enum PostgresTestDatabase {
    static let url = ProcessInfo.processInfo.environment["CONFIANZA_TEST_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }

    /// Why the database-backed suites are skipped when there is no server.
    static let skipReason: Comment =
        "CONFIANZA_TEST_POSTGRES_URL is not set: PostgreSQL store tests skipped (scripts/pg-test-cluster.sh start DIR prints a URL)"

    /// Creates a uniquely named database, runs `body` with `instances` stores on it (migrated unless
    /// told otherwise, their pools running), and drops the database whatever happens.
    static func withStores<T: Sendable>(
        instances: Int = 1, migrate: Bool = true, _ body: (TestDatabase) async throws -> T
    ) async throws -> T {
        let admin = try PostgresStore.configuration(url: try #require(url))
        let name = "confianza_test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        try await withClient(admin) { client in _ = try await client.query("CREATE DATABASE \(unescaped: name)").collect() }
        do {
            var configuration = admin
            configuration.database = name
            configuration.options.maximumConnections = 10
            let stores = (0..<instances).map { _ in PostgresStore(configuration: configuration) }
            let result = try await withThrowingTaskGroup(of: Void.self, returning: T.self) { group in
                for store in stores { group.addTask { try await store.run() } }
                defer { group.cancelAll() }
                if migrate { try await stores[0].migrate() }
                return try await body(TestDatabase(stores: stores, configuration: configuration))
            }
            try await drop(name, admin)
            return result
        } catch {
            try? await drop(name, admin)
            throw error
        }
    }

    /// Runs `body` with a running `PostgresClient`.
    static func withClient<T: Sendable>(
        _ configuration: PostgresClient.Configuration, _ body: @Sendable (PostgresClient) async throws -> T
    ) async throws -> T {
        let client = PostgresClient(configuration: configuration)
        return try await withThrowingTaskGroup(of: Void.self, returning: T.self) { group in
            group.addTask { await client.run() }
            defer { group.cancelAll() }
            return try await body(client)
        }
    }

    private static func drop(_ name: String, _ admin: PostgresClient.Configuration) async throws {
        try await withClient(admin) { client in
            _ = try await client.query("DROP DATABASE IF EXISTS \(unescaped: name) WITH (FORCE)").collect()
        }
    }
}

/// One throw-away database: its store instances and a configuration that reaches it directly.
struct TestDatabase: Sendable {
    /// Store instances on the database, pools running.
    var stores: [PostgresStore]
    /// Client configuration of the database (for SQL the store does not offer).
    var configuration: PostgresClient.Configuration

    /// The first instance.
    var store: PostgresStore { stores[0] }
}

/// Several store instances behind one `Store`, taking turns: what two `confianza serve` processes
/// on one database look like to the cases.
final class InstancesStore: Store {
    private let stores: [any Store]
    private let next = Mutex(0)

    init(_ stores: [any Store]) {
        self.stores = stores
    }

    private func pick() -> any Store {
        next.withLock { index in
            defer { index += 1 }
            return stores[index % stores.count]
        }
    }

    func transaction<T: Sendable>(_ work: @Sendable (any StoreTransaction) async throws -> T) async throws -> T {
        try await pick().transaction(work)
    }

    func read<T: Sendable>(_ work: @Sendable (any StoreTransaction) async throws -> T) async throws -> T {
        try await pick().read(work)
    }

    func ping() async throws {
        for store in stores { try await store.ping() }
    }
}
