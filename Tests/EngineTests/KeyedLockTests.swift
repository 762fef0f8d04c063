import Engine
import Testing

@Suite("Keyed lock")
struct KeyedLockTests {
    @Test func oneKeysHoldersRunOneAtATimeInArrivalOrderAndOtherKeysDoNotWait() async throws {
        let lock = KeyedLock<String>()
        let order = OrderLog()
        await lock.lock("a")
        let waiters = Task {
            await withTaskGroup(of: Void.self) { group in
                for i in 0..<5 {
                    group.addTask { await lock.withLock("a") { await order.append(i) } }
                    // Each waiter queues before the next one starts.
                    try? await Task.sleep(for: .milliseconds(20))
                }
            }
        }
        try await Task.sleep(for: .milliseconds(150))
        await lock.withLock("b") { await order.append(-1) }
        #expect(await order.items == [-1], "b is free while a is held")
        lock.unlock("a")
        await waiters.value
        #expect(await order.items == [-1, 0, 1, 2, 3, 4])
        #expect(lock.held == 0)
    }
}

actor OrderLog {
    private(set) var items: [Int] = []
    func append(_ item: Int) { items.append(item) }
}
