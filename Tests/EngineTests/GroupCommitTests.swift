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

@Suite("Group commit")
struct GroupCommitTests {
    @Test func concurrentUnitsShareTransactionsAndAllCommit() async throws {
        let store = CountingStore()
        let group = GroupCommit<Int64>(store: store, maxBatch: 64)
        let ids = try await withThrowingTaskGroup(of: Int64.self) { tasks in
            for i in 0..<200 {
                tasks.addTask {
                    try await group.run { tx in
                        try await tx.insertNetwork(NewNetwork(code: "NET\(i)", name: "Net \(i)")).id
                    }
                }
            }
            return try await tasks.reduce(into: [Int64]()) { $0.append($1) }
        }
        #expect(Set(ids).count == 200)
        let stored = try await store.read { tx in try await tx.networks().count }
        #expect(stored == 200)
        #expect(store.transactions < 200, "units that arrive together share a transaction")
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
