import Synchronization

/// Group commit: units of work that arrive while a transaction is running are batched into the
/// next transaction, each inside its own savepoint, so many webhooks share one fsync while each
/// is still answered only after the commit that holds it.
///
/// There is no background task: the first caller that finds no batch running becomes the leader,
/// runs batches until the queue is empty, then steps down. A unit that throws rolls back only its
/// savepoint and fails alone; a failed commit fails every unit of that batch.
public final class GroupCommit<Output: Sendable>: Sendable {
    /// One unit of work inside the shared transaction.
    public typealias Work = @Sendable (any StoreTransaction) async throws -> Output

    private struct Job: Sendable {
        let work: Work
        let promise: Promise<Output>
    }

    private struct Queue {
        var jobs: [Job] = []
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
        let promise = Promise<Output>()
        let lead = queue.withLock { queue in
            queue.jobs.append(Job(work: work, promise: promise))
            if queue.leading { return false }
            queue.leading = true
            return true
        }
        if lead {
            while let batch = nextBatch() { await commit(batch) }
        }
        return try await promise.value()
    }

    private func nextBatch() -> [Job]? {
        queue.withLock { queue in
            if queue.jobs.isEmpty {
                queue.leading = false
                return nil
            }
            let batch = Array(queue.jobs.prefix(maxBatch))
            queue.jobs.removeFirst(batch.count)
            return batch
        }
    }

    private func commit(_ batch: [Job]) async {
        do {
            let results = try await store.transaction { tx in
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
            for (job, result) in zip(batch, results) { job.promise.fulfill(result) }
        } catch {
            for job in batch { job.promise.fulfill(.failure(error)) }
        }
    }
}

/// A one-shot value that one task fulfils and another awaits.
final class Promise<Value: Sendable>: Sendable {
    private struct State {
        var result: Result<Value, any Error>?
        var waiter: CheckedContinuation<Value, any Error>?
    }

    private let state = Mutex(State())

    func fulfill(_ result: Result<Value, any Error>) {
        let waiter = state.withLock { state -> CheckedContinuation<Value, any Error>? in
            guard state.result == nil else { return nil }
            state.result = result
            defer { state.waiter = nil }
            return state.waiter
        }
        waiter?.resume(with: result)
    }

    func value() async throws -> Value {
        try await withCheckedThrowingContinuation { continuation in
            let ready = state.withLock { state -> Result<Value, any Error>? in
                if let result = state.result { return result }
                state.waiter = continuation
                return nil
            }
            if let ready { continuation.resume(with: ready) }
        }
    }
}
