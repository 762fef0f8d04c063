import Synchronization
import TrustCore

/// What a write can change and a speculative read can depend on, at the grain the inbound path needs: one phone's
/// roster rows, its conversation state, one network's shared records, its events and projects, one member's own rows.
public enum ChangeKey: Hashable, Sendable {
    /// The member rows of a phone and its unknown-phone notices.
    case phone(String)
    /// A phone's conversation state (written by nearly every message of that phone, so kept apart from its roster
    /// rows, which change rarely).
    case conversation(String)
    /// A network's row, roster and meetings: what every member of it reads.
    case network(RowID)
    /// A network's social events and joint projects: what its board reads, and a member's message does not.
    case activities(network: RowID)
    /// One member's attendance, contributions and ratings.
    case member(RowID)
    /// Any member's attendance, contributions or ratings in a network (what a board or the indicators read).
    case memberRows(network: RowID)
}

/// What a snapshot read, and from which committed generation of the writer it is at least as new.
public struct SnapshotReads: Sendable, Equatable {
    /// Every writer transaction up to this generation is visible to the snapshot.
    public var generation: UInt64
    /// The keys the reads depended on.
    public var keys: Set<ChangeKey>
    /// True when something was read that the store does not track: the snapshot is then never trusted.
    public var untracked: Bool
    /// Keys of reads the snapshot took from earlier snapshots (a store's read cache), each with the older generation
    /// its value is at least as new as: each is checked from its own generation.
    public var earlier: [ChangeKey: UInt64]

    /// - Parameters:
    ///   - generation: the writer's committed generation when the snapshot began.
    ///   - keys: keys read.
    ///   - untracked: whether an untracked read happened.
    ///   - earlier: keys of reads reused from earlier snapshots, with their generations.
    public init(generation: UInt64, keys: Set<ChangeKey>, untracked: Bool, earlier: [ChangeKey: UInt64] = [:]) {
        self.generation = generation
        self.keys = keys
        self.untracked = untracked
        self.earlier = earlier
    }
}

/// The result of work run on a snapshot, with what it read.
public struct Speculation<Value: Sendable>: Sendable {
    public var value: Value
    public var reads: SnapshotReads

    /// - Parameters:
    ///   - value: what the work returned.
    ///   - reads: what it read.
    public init(value: Value, reads: SnapshotReads) {
        self.value = value
        self.reads = reads
    }
}

/// A store whose single writer lives in this process, so it can run reads beside the writer and later tell, inside
/// a write transaction, whether anything those reads depended on has changed since (`StoreTransaction.unchanged`).
/// The inbound pipeline uses it to run the conversation step outside the writer and keep the writer's serial work to
/// the writes themselves; when anything read has changed, the message is processed again inside the writer.
public protocol SpeculativeStore: Store {
    /// Runs `work` (reads only) on a consistent snapshot beside the writer; nil when this store cannot (in memory).
    func speculate<T: Sendable>(_ work: @Sendable (any StoreTransaction) async throws -> T) async throws -> Speculation<T>?
}

/// Which generation of the writer last wrote each key. Writer transactions run one at a time; each takes the next
/// generation, marks the keys it writes as it writes them, and completes its generation when it ends (committed or
/// rolled back: marking more than was kept only makes a check more cautious). A snapshot taken after generation g
/// completed sees every write of generations ≤ g, so it is current for a key as long as no later generation wrote it.
public final class ChangeLedger: Sendable {
    private struct State {
        var completed: UInt64 = 0
        var everything: UInt64 = 0
        var last: [ChangeKey: UInt64] = [:]
    }

    /// Keys remembered before the ledger forgets them all and marks everything written instead (bounded memory).
    static let capacity = 50_000
    private let state = Mutex(State())

    /// An empty ledger.
    public init() {}

    /// The last completed writer generation: what a snapshot starting now is at least as new as.
    public var completed: UInt64 { state.withLock { $0.completed } }

    /// Starts the next writer generation (the caller holds the store's write lock).
    public func begin() -> UInt64 { state.withLock { $0.completed + 1 } }

    /// Ends a writer generation begun with `begin()`.
    public func end(_ generation: UInt64) { state.withLock { $0.completed = max($0.completed, generation) } }

    /// Notes that `generation` writes `key`.
    public func wrote(_ key: ChangeKey, in generation: UInt64) {
        state.withLock { state in
            if state.last.count >= Self.capacity, state.last[key] == nil {
                state.last.removeAll(keepingCapacity: true)
                state.everything = generation
            }
            state.last[key] = generation
        }
    }

    /// Notes that `generation` may have changed anything (a write the ledger cannot place, another process's commit).
    public func wroteEverything(in generation: UInt64) { state.withLock { $0.everything = generation } }

    /// True when none of `keys` has been written by a generation after `generation` (nothing may have changed
    /// everything since, either).
    public func unchanged(_ keys: [ChangeKey], since generation: UInt64) -> Bool {
        state.withLock { state in
            state.everything <= generation && keys.allSatisfy { (state.last[$0] ?? 0) <= generation }
        }
    }

    /// True when nothing the snapshot read has been written by a generation after it. A snapshot with an untracked
    /// read is never current: what it depended on is unknown.
    public func unchanged(_ reads: SnapshotReads) -> Bool {
        guard !reads.untracked else { return false }
        return state.withLock { state in
            state.everything <= reads.earlier.values.reduce(reads.generation, min)
                && reads.keys.allSatisfy { (state.last[$0] ?? 0) <= reads.generation }
                && reads.earlier.allSatisfy { key, generation in (state.last[key] ?? 0) <= generation }
        }
    }
}
