import CSQLiteConfig
import Engine
import Foundation
import GRDB
import Synchronization

/// The embedded default `Store`: one SQLite file in WAL mode with `synchronous=FULL`, so an
/// acknowledged message survives a power cut. One writer at a time (SQLite's own rule), taken in
/// arrival order.
///
/// A file store also speculates (`SpeculativeStore`): a few read-only connections run units of reads on WAL snapshots
/// beside the writer, and the `ChangeLedger` tells a later write transaction whether what they read is still current.
/// Writes of other processes (a `confianza` command on the same file) are seen through `PRAGMA data_version` at the
/// start of each write transaction and make every snapshot taken before them stale.
public final class SQLiteStore: SpeculativeStore {
    let writer: any DatabaseWriter
    private let lock = AsyncLock()
    let ledger: ChangeLedger
    private let readers: SQLiteReaders?
    /// Reads snapshots reuse while the ledger says they are current.
    let snapshotReads: SnapshotReadCache
    /// The writer connection's `data_version` at the start of the last write transaction (under `lock`).
    private let dataVersion = Mutex<Int?>(nil)

    /// Opens (creating if needed) the database file and applies pending migrations.
    /// - Parameter path: file path; its folder is created when missing.
    public convenience init(path: String) throws {
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
        let pool = try DatabasePool(path: path, configuration: SQLiteStore.configuration())
        // GRDB sets `synchronous = NORMAL` on the writer when it enables WAL, after our
        // prepareDatabase; an acknowledged message must survive a power cut, so FULL again here.
        try pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
        try self.init(writer: pool, readers: SQLiteReaders(path: path, count: SQLiteReaders.defaultCount))
    }

    /// A private in-memory database, for tests.
    public static func inMemory() throws -> SQLiteStore {
        try SQLiteStore(writer: DatabaseQueue(configuration: configuration()))
    }

    private init(writer: any DatabaseWriter, readers: SQLiteReaders? = nil) throws {
        self.writer = writer
        self.readers = readers
        let ledger = ChangeLedger()
        self.ledger = ledger
        self.snapshotReads = SnapshotReadCache(ledger: ledger)
        try Migrations.migrator.migrate(writer)
    }

    /// The configuration of every connection this module opens (writer, readers, in-memory), built before each opens:
    /// so the process-wide settings (`SQLiteLibrary`) are applied here, once, before the first.
    static func configuration() -> Configuration {
        _ = SQLiteLibrary.configured
        var config = Configuration()
        // Units of work span several accesses (async store methods) inside one transaction that
        // we open and close ourselves, under `lock`.
        config.allowsUnsafeTransactions = true
        config.busyMode = .timeout(10)
        config.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
            try db.execute(sql: "PRAGMA foreign_keys = ON")
        }
        return config
    }

    /// Applies pending migrations (already done on open; kept for `confianza migrate`).
    public func migrate() throws {
        try Migrations.migrator.migrate(writer)
    }

    /// The writer connection's `synchronous` setting (2 = FULL), for tests and `/ready` diagnostics.
    public func synchronousMode() throws -> Int {
        try writer.writeWithoutTransaction { db in try Int.fetchOne(db, sql: "PRAGMA synchronous") ?? -1 }
    }

    /// Names of the applied migrations, oldest first.
    public func appliedMigrations() throws -> [String] {
        try writer.read { db in try Migrations.migrator.appliedMigrations(db) }
    }

    public func transaction<T: Sendable>(_ work: @Sendable (any StoreTransaction) async throws -> T) async throws -> T {
        await lock.lock()
        defer { lock.unlock() }
        let generation = ledger.begin()
        defer { ledger.end(generation) }
        let tx = SQLiteTransaction(writer: writer, ledger: ledger, generation: generation)
        try tx.control("BEGIN IMMEDIATE")
        do {
            try noteOtherWriters(generation)
            let result = try await work(tx)
            try await tx.commit()
            // Still under the write lock: no later generation can have written these phones' states yet.
            snapshotReads.committed(states: tx.writtenStates, generation: generation)
            return result
        } catch {
            tx.rollbackIfOpen()
            throw error
        }
    }

    /// Inside the write lock: when another connection (another process) committed since the last write transaction,
    /// every snapshot taken before now may be stale.
    private func noteOtherWriters(_ generation: UInt64) throws {
        guard readers != nil else { return }
        let version = try writer.writeWithoutTransaction { db in try Int.cachedOne(db, sql: "PRAGMA data_version") }
        let changed = dataVersion.withLock { last in
            defer { last = version }
            return last != nil && last != version
        }
        if changed { ledger.wroteEverything(in: generation) }
    }

    public func read<T: Sendable>(_ work: @Sendable (any StoreTransaction) async throws -> T) async throws -> T {
        await lock.lock()
        defer { lock.unlock() }
        let tx = SQLiteTransaction(writer: writer, readOnly: true)
        try tx.control("BEGIN DEFERRED")
        defer { tx.rollbackIfOpen() }
        return try await work(tx)
    }

    /// Runs `work` on a WAL snapshot of a reader connection, beside the writer; nil for an in-memory store.
    public func speculate<T: Sendable>(_ work: @Sendable (any StoreTransaction) async throws -> T) async throws -> Speculation<T>? {
        guard let readers else { return nil }
        let connection = await readers.take()
        defer { readers.give(connection) }
        // Taken before the snapshot begins, so every generation up to it is visible to the snapshot.
        let generation = ledger.completed
        let tx = SQLiteTransaction(writer: connection, readOnly: true, generation: generation, recordsReads: true, cache: snapshotReads)
        tx.beginOnFirstAccess("BEGIN DEFERRED")
        defer { tx.rollbackIfOpen() }
        let value = try await work(tx)
        return Speculation(value: value, reads: SnapshotReads(generation: generation, keys: tx.readKeys, untracked: tx.untrackedRead, earlier: tx.earlierReads))
    }

    public func ping() async throws {
        _ = try await writer.read { db in try Int.fetchOne(db, sql: "SELECT 1") }
    }

    /// Writes a consistent copy of the live database to `path` (SQLite online backup API).
    /// - Parameter path: destination file; replaced if it exists.
    public func backup(to path: String) async throws {
        try? FileManager.default.removeItem(atPath: path)
        let destination = try DatabaseQueue(path: path)
        try await lock.withLock {
            try writer.backup(to: destination)
        }
    }
}

/// The read-only connections a file store speculates on, handed out one task at a time.
final class SQLiteReaders: Sendable {
    /// Connections per store: enough to keep both cores of a small server busy beside the writer.
    static let defaultCount = 4

    private struct State {
        var idle: [DatabaseQueue]
        var waiting: [CheckedContinuation<DatabaseQueue, Never>] = []
    }

    private let state: Mutex<State>

    init(path: String, count: Int) throws {
        var configuration = SQLiteStore.configuration()
        configuration.readonly = true
        let connections = try (0..<max(1, count)).map { _ in try DatabaseQueue(path: path, configuration: configuration) }
        state = Mutex(State(idle: connections))
    }

    func take() async -> DatabaseQueue {
        await withCheckedContinuation { (continuation: CheckedContinuation<DatabaseQueue, Never>) in
            let connection = state.withLock { state -> DatabaseQueue? in
                if let idle = state.idle.popLast() { return idle }
                state.waiting.append(continuation)
                return nil
            }
            if let connection { continuation.resume(returning: connection) }
        }
    }

    func give(_ connection: DatabaseQueue) {
        let waiter = state.withLock { state -> CheckedContinuation<DatabaseQueue, Never>? in
            if state.waiting.isEmpty {
                state.idle.append(connection)
                return nil
            }
            return state.waiting.removeFirst()
        }
        waiter?.resume(returning: connection)
    }
}

/// Process-wide SQLite settings, applied once, by `SQLiteStore.configuration()` before the first connection this module
/// opens.
enum SQLiteLibrary {
    /// SQLite's result of turning its memory statistics off: `SQLITE_OK`, or `SQLITE_MISUSE` when a connection opened
    /// elsewhere had already initialised the library (the statistics then stay on; nothing else changes).
    ///
    /// With the statistics on, every allocation and free in SQLite takes one process-wide mutex. The writer and the
    /// snapshot readers run on different threads, so under load they queue on it: it was about 70% of the server's
    /// futex calls, six per webhook (`perf record -e syscalls:sys_enter_futex`). Nothing here reads the statistics.
    static let configured: Int32 = cfz_sqlite3_disable_memory_statistics()

    /// Bytes allocated as SQLite's statistics count them: 0 while they are off (for tests).
    static var statisticsBytes: Int64 { cfz_sqlite3_memory_used() }
}
