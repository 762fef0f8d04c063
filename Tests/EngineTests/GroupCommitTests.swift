import Engine
import Foundation
import Synchronization
import Testing
import TrustCore

/// A store that counts the transactions it runs, around the memory store.
final class CountingStore: Store {
    let base = MemoryStore()
    private let count = Mutex(0)
    var transactions: Int { count.withLock { $0 } }

    func transaction<T: Sendable>(_ work: @Sendable (any StoreTransaction) async throws -> T) async throws -> T {
        count.withLock { $0 += 1 }
        return try await base.transaction(work)
    }

    func read<T: Sendable>(_ work: @Sendable (any StoreTransaction) async throws -> T) async throws -> T {
        try await base.read(work)
    }

    func ping() async throws {}
}

struct UnitFailed: Error {}

/// Lets one task wait until another opens it.
actor Gate {
    private var isOpen = false
    private var waiters: [CheckedContinuation<Void, Never>] = []

    func wait() async {
        if isOpen { return }
        await withCheckedContinuation { waiters.append($0) }
    }

    func open() {
        isOpen = true
        for waiter in waiters { waiter.resume() }
        waiters.removeAll()
    }
}

@Suite("Group commit")
struct GroupCommitTests {
    @Test func concurrentUnitsShareTransactionsAndAllCommit() async throws {
        let store = CountingStore()
        let group = GroupCommit<Int64>(store: store, maxBatch: 64)
        let gate = Gate()
        let ids = try await withThrowingTaskGroup(of: Int64.self) { tasks in
            // The first unit holds its transaction open until the other 199 are queued behind it,
            // so the batching is deterministic whatever the machine's load.
            tasks.addTask {
                try await group.run { tx in
                    await gate.wait()
                    return try await tx.insertNetwork(NewNetwork(code: "NET0", name: "Net 0")).id
                }
            }
            for i in 1..<200 {
                tasks.addTask {
                    try await group.run { tx in
                        try await tx.insertNetwork(NewNetwork(code: "NET\(i)", name: "Net \(i)")).id
                    }
                }
            }
            let deadline = ContinuousClock.now + .seconds(30)
            while group.queued < 199 && ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(5)) }
            await gate.open()
            return try await tasks.reduce(into: [Int64]()) { $0.append($1) }
        }
        #expect(Set(ids).count == 200)
        let stored = try await store.read { tx in try await tx.networks().count }
        #expect(stored == 200)
        #expect(store.transactions <= 5, "1 for the first unit, then 199 queued units in batches of at most 64")
    }

    @Test func aFailingUnitRollsBackOnlyItself() async throws {
        let store = CountingStore()
        let group = GroupCommit<String>(store: store, maxBatch: 64)
        let results = await withTaskGroup(of: Result<String, any Error>.self) { tasks in
            for i in 0..<20 {
                tasks.addTask {
                    do {
                        return .success(try await group.run { tx in
                            let network = try await tx.insertNetwork(NewNetwork(code: "NET\(i)", name: "Net"))
                            if i % 5 == 0 { throw UnitFailed() }
                            return network.code
                        })
                    } catch {
                        return .failure(error)
                    }
                }
            }
            return await tasks.reduce(into: [Result<String, any Error>]()) { $0.append($1) }
        }
        let failures = results.filter { if case .failure = $0 { true } else { false } }.count
        #expect(failures == 4)
        let codes = try await store.read { tx in try await tx.networks().map(\.code) }
        #expect(codes.count == 16)
        #expect(!codes.contains("NET0") && !codes.contains("NET5"))
    }

    @Test func oneUnitAloneStillCommits() async throws {
        let store = CountingStore()
        let group = GroupCommit<Int>(store: store)
        let value = try await group.run { _ in 42 }
        #expect(value == 42)
        #expect(store.transactions == 1)
    }
}
