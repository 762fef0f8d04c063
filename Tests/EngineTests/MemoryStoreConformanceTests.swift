import Engine
import StoreConformance
import Testing

/// The conformance suite against the in-memory store.
@Suite("Memory store conformance")
struct MemoryStoreConformanceTests {
    @Test("memory", arguments: StoreConformance.cases)
    func memory(_ check: StoreCase) async throws {
        try await check.run(on: MemoryStore())
    }
}
