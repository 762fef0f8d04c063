import Engine
import Foundation
import GRDB
@testable import SQLiteStore
import Testing

/// Process-wide SQLite settings (`SQLiteLibrary`).
@Suite("SQLite library settings")
struct SQLiteLibraryTests {
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
