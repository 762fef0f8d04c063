import Foundation
import PostgresNIO
import Synchronization

extension PostgresStore {
    /// Leases a connection for `body`, failing with `.unavailable` when none comes within
    /// `connectionWait` (postgres-nio's pool would otherwise keep a request waiting for as long as
    /// its circuit breaker takes to trip, about a minute). Once leased, `body` runs to its end.
    func withConnection<T: Sendable>(
        operation: String, _ body: @Sendable (PostgresConnection) async throws -> T
    ) async throws -> T {
        let lease = LeaseRace()
        let wait = connectionWait
        return try await withoutActuallyEscaping(body) { body in
            try await withThrowingTaskGroup(of: LeaseOutcome<T>.self) { group in
                group.addTask {
                    do {
                        return .finished(try await self.client.withConnection { connection in
                            guard lease.leased() else { throw CancellationError() }
                            return try await body(connection)
                        })
                    } catch {
                        // Before the lease the error is the pool's (connect failure, pool closed).
                        if lease.isLeased { throw error }
                        throw PostgresStoreError(wrapping: error, operation: operation)
                    }
                }
                group.addTask {
                    try? await Task.sleep(for: wait)
                    return .waited
                }
                while let outcome = try await group.next() {
                    switch outcome {
                    case .finished(let value):
                        group.cancelAll()
                        return value
                    case .waited:
                        try Task.checkCancellation()
                        if lease.timedOut() {
                            group.cancelAll()
                            throw PostgresStoreError(
                                .unavailable, operation: operation, message: "no database connection within \(wait)")
                        }
                    }
                }
                throw CancellationError()
            }
        }
    }
}

/// What a child of the lease race returns.
private enum LeaseOutcome<T: Sendable>: Sendable {
    case finished(T)
    case waited
}

/// Decides once whether the lease or the timer won.
private final class LeaseRace: Sendable {
    private enum State { case waiting, leased, timedOut }
    private let state = Mutex(State.waiting)

    /// The connection arrived: true unless the timer already gave up.
    func leased() -> Bool {
        state.withLock { state in
            guard state == .waiting else { return false }
            state = .leased
            return true
        }
    }

    /// The wait is over: true when no connection arrived in time.
    func timedOut() -> Bool {
        state.withLock { state in
            guard state == .waiting else { return false }
            state = .timedOut
            return true
        }
    }

    /// Whether `body` got its connection.
    var isLeased: Bool { state.withLock { $0 == .leased } }
}
