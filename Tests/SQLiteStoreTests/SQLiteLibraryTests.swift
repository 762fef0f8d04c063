import Engine
import Foundation
import GRDB
@testable import SQLiteStore
import Testing

/// The process-wide and per-connection settings that keep a webhook's syscalls down.
@Suite("SQLite library settings")
struct SQLiteLibraryTests {
    @Test("a snapshot reader maps the database file, the writer keeps its page cache")
    func readersMapTheFile() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("confianza-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try SQLiteStore(path: folder.appendingPathComponent("c.sqlite").path)
        let mapped = try #require(try await store.speculate { tx in
            try (tx as! SQLiteTransaction).access { db in try Int.fetchOne(db, sql: "PRAGMA mmap_size") }
        })
        #expect(mapped.value == SQLiteReaders.mappedBytes)
        let writer = try await store.transaction { tx in try (tx as! SQLiteTransaction).access { db in try Int.fetchOne(db, sql: "PRAGMA mmap_size") } }
        #expect(writer == 0)
    }

    @Test("SQLite's memory statistics are off once a store is opened, unless a connection opened before it")
    func memoryStatisticsOff() async throws {
        let store = try SQLiteStore.inMemory()
        try await store.transaction { tx in
            _ = try await tx.insertNetwork(NewNetwork(code: "MEM", name: "Memoria", createdAt: Date(timeIntervalSince1970: 1_764_000_000)))
        }
        if SQLiteLibrary.configured == ResultCode.SQLITE_OK.rawValue {
            #expect(SQLiteLibrary.statisticsBytes == 0, "statistics are counted although SQLite accepted turning them off")
        } else {
            // Another test of this process opened a GRDB connection first: SQLite refuses late configuration.
            #expect(SQLiteLibrary.configured == ResultCode.SQLITE_MISUSE.rawValue)
        }
    }
}
