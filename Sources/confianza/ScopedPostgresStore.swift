import Engine
import Foundation
import PostgresNIO
import PostgresStore

/// PostgreSQL for one-shot commands (import, export, indicators…): each unit of work runs a
/// connection pool just for itself, after applying pending migrations, and stops it again. The
/// server does not use this: `serve` runs one long-lived `PostgresStore` in its ServiceGroup.
final class ScopedPostgresStore: Store {
    private let configuration: PostgresClient.Configuration

    /// - Parameter url: `postgres://…`.
    init(url: String) throws {
        self.configuration = try PostgresStore.configuration(url: url)
    }

    func transaction<T: Sendable>(_ work: @Sendable (any StoreTransaction) async throws -> T) async throws -> T {
        try await scoped { store in try await store.transaction(work) }
    }

    func read<T: Sendable>(_ work: @Sendable (any StoreTransaction) async throws -> T) async throws -> T {
        try await scoped { store in try await store.read(work) }
    }

    func ping() async throws {
        try await scoped { store in try await store.ping() }
    }

    /// Applies pending migrations (`confianza migrate`).
    func migrate() async throws {
        try await scoped { _ in }
    }

    private func scoped<T: Sendable>(_ body: (PostgresStore) async throws -> T) async throws -> T {
        let store = PostgresStore(configuration: configuration)
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await store.run() }
            defer { group.cancelAll() }
            try await store.migrate()
            return try await body(store)
        }
    }
}
