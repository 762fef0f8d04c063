import Engine
import Foundation
import GRDB

/// The embedded default `Store`: one SQLite file in WAL mode with `synchronous=FULL`, so an
/// acknowledged message survives a power cut. One writer at a time (SQLite's own rule), taken in
/// arrival order.
public final class SQLiteStore: Store {
    let writer: any DatabaseWriter
    private let lock = AsyncLock()

    /// Opens (creating if needed) the database file and applies pending migrations.
    /// - Parameter path: file path; its folder is created when missing.
    public convenience init(path: String) throws {
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
        let pool = try DatabasePool(path: path, configuration: SQLiteStore.configuration())
        // GRDB sets `synchronous = NORMAL` on the writer when it enables WAL, after our
        // prepareDatabase; an acknowledged message must survive a power cut, so FULL again here.
        try pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
        try self.init(writer: pool)
    }

    /// A private in-memory database, for tests.
    public static func inMemory() throws -> SQLiteStore {
        try SQLiteStore(writer: DatabaseQueue(configuration: configuration()))
    }

    private init(writer: any DatabaseWriter) throws {
        self.writer = writer
        try Migrations.migrator.migrate(writer)
    }

    static func configuration() -> Configuration {
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
        let tx = SQLiteTransaction(writer: writer)
        try tx.access { db in try db.cachedExecute(sql: "BEGIN IMMEDIATE") }
        do {
            let result = try await work(tx)
            try tx.access { db in try db.cachedExecute(sql: "COMMIT") }
            return result
        } catch {
            try? tx.access { db in if db.isInsideTransaction { try db.execute(sql: "ROLLBACK") } }
            throw error
        }
    }

    public func read<T: Sendable>(_ work: @Sendable (any StoreTransaction) async throws -> T) async throws -> T {
        await lock.lock()
        defer { lock.unlock() }
        let tx = SQLiteTransaction(writer: writer, readOnly: true)
        try tx.access { db in try db.cachedExecute(sql: "BEGIN DEFERRED") }
        defer { try? tx.access { db in if db.isInsideTransaction { try db.execute(sql: "ROLLBACK") } } }
        return try await work(tx)
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
