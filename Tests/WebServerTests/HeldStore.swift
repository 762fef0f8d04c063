import Engine
import Synchronization

/// Around the memory store: while held, every write transaction does its work and then waits before
/// its commit until `release()`, like a database that stopped answering mid-transaction.
final class HeldStore: Store {
    private struct Gate {
        var holding = false
        var waiting: [CheckedContinuation<Void, Never>] = []
    }

    let base: MemoryStore
    private let gate = Mutex(Gate())

    /// - Parameter base: the store that does the work.
    init(base: MemoryStore) {
        self.base = base
    }

    /// Transactions from now on wait before their commit.
    func hold() {
        gate.withLock { $0.holding = true }
    }

    /// Lets every waiting and later transaction commit.
    func release() {
        let waiting = gate.withLock { gate in
            gate.holding = false
            defer { gate.waiting = [] }
            return gate.waiting
        }
        for continuation in waiting { continuation.resume() }
    }

    func transaction<T: Sendable>(_ work: @Sendable (any StoreTransaction) async throws -> T) async throws -> T {
        try await base.transaction { tx in
            let result = try await work(tx)
            await self.waitWhileHeld()
            return result
        }
    }

    func read<T: Sendable>(_ work: @Sendable (any StoreTransaction) async throws -> T) async throws -> T {
        try await base.read(work)
    }

    func ping() async throws {}

    private func waitWhileHeld() async {
        await withCheckedContinuation { continuation in
            let pass = gate.withLock { gate in
                if gate.holding { gate.waiting.append(continuation) }
                return !gate.holding
            }
            if pass { continuation.resume() }
        }
    }
}
