import Synchronization

/// One async lock per key, first come first served, without a lock object per key kept around: a key is locked
/// while it has an entry, and its entry holds the tasks waiting for it. The inbound pipeline keeps one phone's
/// messages in arrival order with it while their conversation steps run outside the database writer.
public final class KeyedLock<Key: Hashable & Sendable>: Sendable {
    private let waiting = Mutex<[Key: [CheckedContinuation<Void, Never>]]>([:])

    /// No key locked.
    public init() {}

    /// Waits until `key` is free and takes it.
    public func lock(_ key: Key) async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let acquired = waiting.withLock { waiting in
                if waiting[key] != nil {
                    waiting[key]?.append(continuation)
                    return false
                }
                waiting[key] = []
                return true
            }
            if acquired { continuation.resume() }
        }
    }

    /// Releases `key`, handing it to its longest waiter.
    public func unlock(_ key: Key) {
        let next = waiting.withLock { waiting -> CheckedContinuation<Void, Never>? in
            guard var queue = waiting[key] else { return nil }
            if queue.isEmpty {
                waiting[key] = nil
                return nil
            }
            let first = queue.removeFirst()
            waiting[key] = queue
            return first
        }
        next?.resume()
    }

    /// Runs `body` holding `key`.
    public func withLock<T>(_ key: Key, _ body: () async throws -> T) async rethrows -> T {
        await lock(key)
        defer { unlock(key) }
        return try await body()
    }

    /// Keys held now (for tests).
    public var held: Int { waiting.withLock { $0.count } }
}
