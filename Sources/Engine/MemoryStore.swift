import Foundation
import TrustCore

/// The in-memory `Store` for fast tests. Tables are values: a transaction works on a copy and
/// commits by replacing the whole, so rollback and savepoints are exact.
public actor MemoryStore: Store {
    private var tables = MemoryTables()
    private var writerBusy = false
    private var waiters: [CheckedContinuation<Void, Never>] = []

    /// An empty store.
    public init() {}

    public func transaction<T: Sendable>(_ work: @Sendable (any StoreTransaction) async throws -> T) async throws -> T {
        await acquire()
        defer { release() }
        let tx = MemoryTransaction(tables: tables)
        let result = try await work(tx)
        tables = tx.tables
        return result
    }

    public func read<T: Sendable>(_ work: @Sendable (any StoreTransaction) async throws -> T) async throws -> T {
        try await work(MemoryTransaction(tables: tables, readOnly: true))
    }

    public func ping() async throws {}

    private func acquire() async {
        if !writerBusy { writerBusy = true; return }
        await withCheckedContinuation { waiters.append($0) }
    }

    private func release() {
        if waiters.isEmpty { writerBusy = false } else { waiters.removeFirst().resume() }
    }
}

/// All rows of the memory store.
struct MemoryTables {
    var nextID: Int64 = 1
    var inbound: [String: InboundRecord] = [:]
    var networks: [RowID: Network] = [:]
    var members: [RowID: Member] = [:]
    var states: [String: Data] = [:]
    var unknownNotices: Set<String> = []
    var meetings: [RowID: Meeting] = [:]
    var attendance: [String: Attendance] = [:]
    var events: [RowID: SocialEvent] = [:]
    var contributions: [RowID: Contribution] = [:]
    var ratings: [RowID: Rating] = [:]
    var projects: [RowID: JointProject] = [:]
    var outbox: [Int64: MemoryOutboxRow] = [:]
    var summaries: Set<String> = []
    var auth = MemoryAuthTables()

    mutating func newID() -> Int64 {
        defer { nextID += 1 }
        return nextID
    }
}

/// One outbox row in memory.
struct MemoryOutboxRow {
    var row: OutboxRow
    var notBefore: Date
    var leaseUntil: Date?
}

/// Failure of the memory store (the same conditions SQLite and PostgreSQL report).
public struct MemoryStoreError: Error, CustomStringConvertible {
    /// What went wrong.
    public var description: String
}
