import Engine
import Foundation
import Synchronization
import TrustCore

/// Results of tracked snapshot reads, reused by later snapshots for as long as the `ChangeLedger` says that no writer
/// generation has written any key they depend on since they were read.
///
/// A message's reads are mostly of rows that change far less often than messages arrive: the sender's roster rows,
/// the network's row, the member's own month of records. Reading them again for every message was about a quarter of
/// a webhook's CPU. Correctness rests on the invariant speculation already rests on (every write marks the keys it
/// changes) and is checked twice: an entry is used only while its keys are unchanged since the generation it was
/// read at, and the snapshot that used it reports its keys with that older generation (`SnapshotReads.earlier`), so
/// the writer's final check covers the whole time since the entry was read.
final class SnapshotReadCache: Sendable {
    /// A cacheable read: one per tracked query shape.
    enum Query: Hashable, Sendable {
        case members(phone: String)
        case membersOfNetwork(RowID)
        case network(RowID)
        case records(network: RowID, scope: RecordScope)
        case conversationState(phone: String)
        case contributionTotals(network: RowID, member: RowID, since: LocalDate)
    }

    private struct Entry: Sendable {
        let value: any Sendable
        /// The writer generation the snapshot that read it was at least as new as.
        let generation: UInt64
        let keys: [ChangeKey]
    }

    /// Entries kept before the cache starts afresh (bounded memory: a member's month of records is small).
    static let capacity = 20_000
    let ledger: ChangeLedger
    private let entries = Mutex<[Query: Entry]>([:])

    init(ledger: ChangeLedger) {
        self.ledger = ledger
    }

    /// The value read for `query` and the generation it was read at, when nothing it depends on was written since.
    func value<T: Sendable>(_ query: Query, as type: T.Type) -> (value: T, generation: UInt64)? {
        guard let entry = entries.withLock({ $0[query] }), let value = entry.value as? T else { return nil }
        guard ledger.unchanged(entry.keys, since: entry.generation) else { return nil }
        return (value, entry.generation)
    }

    /// Remembers what a snapshot at least as new as `generation` read for `query`.
    func store<T: Sendable>(_ value: T, for query: Query, generation: UInt64, keys: [ChangeKey]) {
        entries.withLock { entries in Self.put(Entry(value: value, generation: generation, keys: keys), for: query, in: &entries) }
    }

    /// Remembers the conversation states a write transaction of `generation` committed (the last one of each phone
    /// wins): the next message of each phone then finds its state without reading it.
    func committed(states: [(phone: String, state: Data)], generation: UInt64) {
        guard !states.isEmpty else { return }
        entries.withLock { entries in
            for (phone, state) in states {
                Self.put(Entry(value: Optional(state), generation: generation, keys: [.conversation(phone)]), for: .conversationState(phone: phone), in: &entries)
            }
        }
    }

    /// Sets one entry, starting afresh when the cache is full.
    private static func put(_ entry: Entry, for query: Query, in entries: inout [Query: Entry]) {
        if entries.count >= capacity, entries[query] == nil { entries.removeAll(keepingCapacity: true) }
        entries[query] = entry
    }
}
