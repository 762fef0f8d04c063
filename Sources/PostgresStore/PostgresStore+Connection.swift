import Foundation
import PostgresNIO
import Synchronization

extension PostgresStore {
    /// Leases a connection for `body`, failing with `.unavailable` when none comes within `connectionWait`
    /// (postgres-nio's pool would otherwise keep a request waiting for as long as its circuit breaker takes to
    /// trip, about a minute). Once leased, `body` runs to its end.
    ///
    /// The lease runs in its own task and hands the connection over; the caller never awaits that task. A
    /// connection attempt that hangs (one started just as PostgreSQL restarts can) therefore holds up nobody:
    /// the caller answers `.unavailable` when its time is up, and a connection that arrives after that goes
    /// straight back to the pool. Awaiting the lease as a child task instead kept every later webhook waiting
    /// behind the stuck attempt (the `pg_restart` end-to-end test).
    func withConnection<T: Sendable>(
        operation: String, wait: Duration? = nil, _ body: @Sendable (PostgresConnection) async throws -> T
    ) async throws -> T {
        let handoff = ConnectionHandoff()
        let client = self.client
        Task {
            do {
                try await client.withConnection { connection in
                    guard handoff.deliver(connection) else { return }  // too late: back to the pool
                    await handoff.released()
                }
            } catch {
                handoff.fail(error)
            }
        }
        let timer = Task { [wait = wait ?? connectionWait] in
            try await Task.sleep(for: wait)
            handoff.fail(PostgresStoreError(.unavailable, operation: operation, message: "no database connection within \(wait)"))
        }
        defer { timer.cancel() }
        let connection: PostgresConnection
        do {
            connection = try await handoff.connection()
        } catch let error as PostgresStoreError {
            throw error
        } catch {
            // Before the lease the error is the pool's (connect failure, pool closed).
            throw PostgresStoreError(wrapping: error, operation: operation)
        }
        defer { handoff.release() }
        return try await body(connection)
    }
}

extension PostgresConnection {
    /// Throws `.unavailable` when the server has closed this connection. postgres-nio (1.33) never answers a
    /// statement sent on such a connection (its channel handlers are gone), so a transaction that a database
    /// restart caught between two statements, or its `ROLLBACK` after a failed one, would wait forever, holding
    /// its webhook and its pool lease; checked before every statement, it fails at once instead.
    /// - Parameter operation: what the store was about to do.
    func checkOpen(_ operation: String) throws {
        if isClosed {
            throw PostgresStoreError(.unavailable, operation: operation, message: "the database closed the connection")
        }
    }
}

/// Hands one leased connection from the leasing task to the caller, and the caller's "done" back.
private final class ConnectionHandoff: Sendable {
    private enum Lease {
        case waiting(CheckedContinuation<PostgresConnection, any Error>?)
        case delivered(PostgresConnection)
        case taken
        case failed(any Error)
    }

    private enum Release {
        case inUse(CheckedContinuation<Void, Never>?)
        case released
    }

    private let lease = Mutex(Lease.waiting(nil))
    private let use = Mutex(Release.inUse(nil))

    /// The leasing task's connection; false when the caller already gave up (the connection goes back).
    func deliver(_ connection: PostgresConnection) -> Bool {
        let waiter: CheckedContinuation<PostgresConnection, any Error>?? = lease.withLock { state in
            guard case .waiting(let waiter) = state else { return .none }
            if let waiter {
                state = .taken
                return .some(waiter)
            }
            state = .delivered(connection)
            return .some(nil)
        }
        guard let waiter else { return false }
        waiter?.resume(returning: connection)
        return true
    }

    /// No connection: the pool's error or the caller's time limit, whichever comes first.
    func fail(_ error: any Error) {
        let waiter: CheckedContinuation<PostgresConnection, any Error>? = lease.withLock { state in
            guard case .waiting(let waiter) = state else { return nil }
            state = .failed(error)
            return waiter
        }
        waiter?.resume(throwing: error)
    }

    /// Waits for the connection or the failure.
    func connection() async throws -> PostgresConnection {
        try await withCheckedThrowingContinuation { continuation in
            let ready: Result<PostgresConnection, any Error>? = lease.withLock { state in
                switch state {
                case .waiting:
                    state = .waiting(continuation)
                    return nil
                case .delivered(let connection):
                    state = .taken
                    return .success(connection)
                case .failed(let error):
                    return .failure(error)
                case .taken:
                    return .failure(CancellationError())
                }
            }
            if let ready { continuation.resume(with: ready) }
        }
    }

    /// The caller is done with the connection.
    func release() {
        let waiter: CheckedContinuation<Void, Never>? = use.withLock { state in
            guard case .inUse(let waiter) = state else { return nil }
            state = .released
            return waiter
        }
        waiter?.resume()
    }

    /// The leasing task keeps the connection until the caller releases it.
    func released() async {
        await withCheckedContinuation { continuation in
            let done = use.withLock { state -> Bool in
                guard case .inUse = state else { return true }
                state = .inUse(continuation)
                return false
            }
            if done { continuation.resume() }
        }
    }
}
