import Synchronization

/// Group commit: units of work that arrive while a transaction is running are batched into the
/// next transaction, each inside its own savepoint, so many webhooks share one fsync while each
/// is still answered only after the commit that holds it.
///
/// There is no background task: the first caller that finds no batch running becomes the leader and runs one batch,
/// which holds its own unit (it is the oldest queued). When that batch has committed and units are waiting, it hands
/// the lead to the oldest of them and returns, so no caller runs other callers' batches for long: under steady load
/// a leader that kept the lead until the queue ran dry would answer its own webhook only when the load paused. A
/// unit that throws rolls back only its savepoint and fails alone; a failed commit fails every unit of that batch.
public final class GroupCommit<Output: Sendable>: Sendable {
    /// One unit of work inside the shared transaction.
    public typealias Work = @Sendable (any StoreTransaction) async throws -> Output

    /// What wakes a waiting caller: its unit's result, or the lead (its unit is now the oldest queued).
    private enum Wake: Sendable {
        case done(Result<Output, any Error>)
        case lead
    }

    private struct Job: Sendable {
        let work: Work
        let wake: Promise<Wake>
    }

    private struct Queue {
        var jobs: [Job] = []
        /// Invariant: false only while `jobs` is empty.
        var leading = false
    }

    private let store: any Store
    private let maxBatch: Int
    private let queue = Mutex(Queue())

    /// - Parameters:
    ///   - store: the database.
    ///   - maxBatch: most units in one transaction (1 disables batching).
    public init(store: any Store, maxBatch: Int = 64) {
        self.store = store
        self.maxBatch = max(1, maxBatch)
    }

    /// Units waiting for the next transaction (for metrics and tests).
    public var queued: Int { queue.withLock { $0.jobs.count } }

    /// Runs `work` in the next group transaction and returns its result once that has committed.
    /// - Parameter work: the unit of work; it must not start transactions of its own.
    public func run(_ work: @escaping Work) async throws -> Output {
        let wake = Promise<Wake>()
        let lead = queue.withLock { queue in
            queue.jobs.append(Job(work: work, wake: wake))
            if queue.leading { return false }
            queue.leading = true
            return true
        }
        if !lead, case .done(let result) = try await wake.value() { return try result.get() }
        return try await leadOneBatch(holding: wake).get()
    }

    /// Runs the batch at the head of the queue (it holds the leader's own unit), wakes its other units, and passes the
    /// lead on to the oldest waiting unit, or steps down when none waits.
    private func leadOneBatch(holding own: Promise<Wake>) async -> Result<Output, any Error> {
        let batch = queue.withLock { queue in
            let batch = Array(queue.jobs.prefix(maxBatch))
            queue.jobs.removeFirst(batch.count)
            return batch
        }
        let results = await commit(batch)
        var mine: Result<Output, any Error> = .failure(CancellationError())
        for (job, result) in zip(batch, results) {
            if job.wake === own { mine = result } else { job.wake.fulfill(.success(.done(result))) }
        }
        let next = queue.withLock { queue -> Promise<Wake>? in
            guard let first = queue.jobs.first else {
                queue.leading = false
                return nil
            }
            return first.wake
        }
        next?.fulfill(.success(.lead))
        return mine
    }

    private func commit(_ batch: [Job]) async -> [Result<Output, any Error>] {
        do {
            return try await store.transaction { tx in
                var results: [Result<Output, any Error>] = []
                for job in batch {
                    do {
                        results.append(.success(try await tx.savepoint { try await job.work(tx) }))
                    } catch {
                        results.append(.failure(error))
                    }
                }
                return results
            }
        } catch {
            return batch.map { _ in .failure(error) }
        }
    }
}
