import Engine
import Foundation
import Synchronization

/// Work that did not finish within its deadline. It goes on in the background and commits or
/// rolls back on its own.
struct DeadlineExceeded: Error, CustomStringConvertible {
    /// The deadline that passed, in seconds.
    var seconds: TimeInterval
    var description: String { "no result within \(seconds) s" }
}

/// Runs `work` in a task of its own and waits for it at most `seconds`, then throws
/// `DeadlineExceeded`. Whichever comes first, the result or the deadline, is the answer.
///
/// The work is never cancelled, by the deadline or by the caller: a store transaction gets to its
/// own `COMMIT` or `ROLLBACK` (cancelled midway, a PostgreSQL unit of work fails in whatever statement
/// it is in and drops its connection, and a `COMMIT` already sent may still land: nothing gained over
/// letting it finish). That is why it is an unstructured task and not a child of the request's: a child
/// task would keep the request waiting until it ended.
/// - Parameters:
///   - seconds: how long to wait for the result.
///   - work: the work; it must be safe to let finish after its caller has gone (a webhook is, because
///     inbound messages are deduplicated by gateway message id in the same transaction).
///   - late: called with the result of work that finished after its deadline (for logging).
func withDeadline<T: Sendable>(
    seconds: TimeInterval, _ work: @escaping @Sendable () async throws -> T,
    late: @escaping @Sendable (Result<T, any Error>) -> Void = { _ in }
) async throws -> T {
    // The first of the two results, the work's or the deadline's, is the answer.
    let race = Promise<T>()
    let watch = DeadlineWatch.shared.add(after: seconds) { race.fulfill(.failure(DeadlineExceeded(seconds: seconds))) }
    Task {
        let result: Result<T, any Error>
        do {
            result = .success(try await work())
        } catch {
            result = .failure(error)
        }
        DeadlineWatch.shared.remove(watch)
        if !race.fulfill(result) { late(result) }
    }
    return try await race.value()
}

/// The deadlines of work in flight, checked by one timer task every `tick` instead of one timer per request: a
/// `Task.sleep` per webhook cost a timer registration with the dispatch manager thread (a syscall and a thread
/// wake-up each) and about 5% of the server's CPU under load. The task runs only while deadlines are pending, so a
/// deadline fires between its time and one tick later.
final class DeadlineWatch: Sendable {
    /// The watch every webhook uses; 20 ticks a second.
    static let shared = DeadlineWatch(tick: .milliseconds(50))

    /// One deadline being watched.
    struct Entry: Sendable {
        fileprivate let id: UInt64
    }

    private struct Pending {
        let due: ContinuousClock.Instant
        let expire: @Sendable () -> Void
    }

    private struct State {
        var next: UInt64 = 0
        var pending: [UInt64: Pending] = [:]
        var sweeping = false
    }

    private let tick: Duration
    private let state = Mutex(State())

    init(tick: Duration) {
        self.tick = tick
    }

    /// Calls `expire` once `seconds` have passed, unless `remove` came first.
    func add(after seconds: TimeInterval, expire: @escaping @Sendable () -> Void) -> Entry {
        let due = ContinuousClock.now.advanced(by: .seconds(seconds))
        let (id, startSweeper) = state.withLock { state in
            state.next += 1
            state.pending[state.next] = Pending(due: due, expire: expire)
            defer { state.sweeping = true }
            return (state.next, !state.sweeping)
        }
        if startSweeper { Task { await sweep() } }
        return Entry(id: id)
    }

    /// Stops watching a deadline (its work finished).
    func remove(_ entry: Entry) {
        _ = state.withLock { $0.pending.removeValue(forKey: entry.id) }
    }

    /// Deadlines being watched (for tests).
    var count: Int { state.withLock { $0.pending.count } }

    /// Until nothing is pending: every tick, expires what is due.
    private func sweep() async {
        while true {
            try? await Task.sleep(for: tick)
            let now = ContinuousClock.now
            let (due, idle) = state.withLock { state -> ([Pending], Bool) in
                let due = state.pending.filter { $0.value.due <= now }
                for id in due.keys { state.pending[id] = nil }
                if state.pending.isEmpty { state.sweeping = false }
                return (Array(due.values), state.pending.isEmpty)
            }
            for entry in due { entry.expire() }
            if idle { return }
        }
    }
}
