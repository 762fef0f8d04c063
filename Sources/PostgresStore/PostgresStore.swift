import Engine
import Foundation
import Logging
import PostgresNIO
import ServiceLifecycle

/// The `Store` for several `confianza serve` instances on one PostgreSQL. PostgreSQL does all the
/// coordination: unique keys dedupe inbound messages and summaries, `FOR UPDATE SKIP LOCKED`
/// shares the outbox, row and advisory locks serialise one phone's conversation.
///
/// The store is a `Service`: add it to the `ServiceGroup` (before the services that use it) so
/// that its connection pool runs; then call `migrate()` before serving.
public final class PostgresStore: Store, Service {
    let client: PostgresClient
    let logger: Logger
    /// How long a unit of work waits for a connection before failing as `.unavailable`.
    let connectionWait: Duration

    /// - Parameters:
    ///   - url: `postgres://user[:password]@host[:port]/database`, or with `?host=/socket/dir`
    ///     for a Unix socket; `sslmode=` as in libpq (default `prefer`).
    ///   - maximumConnections: size of the connection pool.
    ///   - connectionWait: how long a unit of work waits for a connection (database down, pool
    ///     exhausted) before it throws `.unavailable`, so the webhook answers 503 instead of hanging.
    ///   - logger: where the pool and the store log (no bound values).
    public convenience init(
        url: String, maximumConnections: Int = 20, connectionWait: Duration = .seconds(5),
        logger: Logger = Logger(label: "confianza.postgres", factory: { _ in SwiftLogNoOpLogHandler() })
    ) throws {
        var configuration = try PostgresURL.configuration(url)
        configuration.options.maximumConnections = maximumConnections
        self.init(configuration: configuration, connectionWait: connectionWait, logger: logger)
    }

    /// - Parameters:
    ///   - configuration: postgres-nio client configuration.
    ///   - connectionWait: how long a unit of work waits for a connection.
    ///   - logger: where the pool and the store log.
    public init(
        configuration: PostgresClient.Configuration, connectionWait: Duration = .seconds(5),
        logger: Logger = Logger(label: "confianza.postgres", factory: { _ in SwiftLogNoOpLogHandler() })
    ) {
        self.client = PostgresClient(configuration: configuration, backgroundLogger: logger)
        self.logger = logger
        self.connectionWait = connectionWait
    }

    /// Parses a `postgres://` URL into a client configuration (for tools and tests that need
    /// their own `PostgresClient`, e.g. to create a database).
    /// - Parameter url: the database URL.
    public static func configuration(url: String) throws -> PostgresClient.Configuration {
        try PostgresURL.configuration(url)
    }

    /// Runs the connection pool until graceful shutdown or cancellation. Call once.
    public func run() async throws {
        await client.run()
    }

    public func transaction<T: Sendable>(_ work: @Sendable (any StoreTransaction) async throws -> T) async throws -> T {
        try await unitOfWork(readOnly: false, work)
    }

    /// Runs `work` in a `REPEATABLE READ READ ONLY` transaction: one consistent snapshot, writes refused.
    public func read<T: Sendable>(_ work: @Sendable (any StoreTransaction) async throws -> T) async throws -> T {
        try await unitOfWork(readOnly: true, work)
    }

    public func ping() async throws {
        // A readiness probe reports an outage within a second rather than after a unit of work's whole wait.
        try await withConnection(operation: "ping", wait: min(connectionWait, .seconds(1))) { connection in
            do {
                try connection.checkOpen("ping")
                _ = try await connection.query("SELECT 1", logger: self.logger).collect()
            } catch {
                throw PostgresStoreError(wrapping: error, operation: "ping")
            }
        }
    }

    private func unitOfWork<T: Sendable>(
        readOnly: Bool, _ work: @Sendable (any StoreTransaction) async throws -> T
    ) async throws -> T {
        try await withConnection(operation: readOnly ? "read" : "transaction") { connection in
            let tx = PostgresTransaction(connection: connection, logger: self.logger, readOnly: readOnly)
            try await tx.execute(readOnly ? "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY" : "BEGIN", "begin")
            let result: T
            do {
                result = try await work(tx)
            } catch {
                await tx.rollback()
                throw error
            }
            // A statement that failed outside a savepoint aborted the transaction; PostgreSQL would
            // answer COMMIT with a silent ROLLBACK, so say it.
            if let failure = tx.failure {
                await tx.rollback()
                throw PostgresStoreError(
                    .transactionAborted, operation: "commit", message: "a statement failed and its error was not rethrown",
                    cause: failure)
            }
            try await tx.execute("COMMIT", "commit")
            return result
        }
    }
}
