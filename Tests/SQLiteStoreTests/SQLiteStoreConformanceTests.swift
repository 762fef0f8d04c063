import Engine
import Foundation
import SQLiteStore
import StoreConformance
import Testing

/// The conformance suite against SQLite: a private in-memory database and a WAL file on disk
/// (a `DatabasePool`, which is what `confianza serve` opens).
@Suite("SQLite store conformance")
struct SQLiteStoreConformanceTests {
    @Test("in-memory SQLite", arguments: StoreConformance.cases)
    func inMemory(_ check: StoreCase) async throws {
        try await check.run(on: SQLiteStore.inMemory())
    }

    @Test("temp-file SQLite", arguments: StoreConformance.cases)
    func file(_ check: StoreCase) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("confianza-conformance-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try SQLiteStore(path: folder.appendingPathComponent("confianza.sqlite").path)
        try await check.run(on: store)
    }
}
