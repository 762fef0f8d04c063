import Engine
import PostgresStore
import StoreConformance
import Testing

/// The conformance suite against a real PostgreSQL: a fresh database per case, dropped after.
/// Serialised so that the cases' connection pools stay within the server's connection limit.
@Suite(
    "PostgreSQL store conformance", .serialized,
    .enabled(if: PostgresTestDatabase.url != nil, PostgresTestDatabase.skipReason))
struct PostgresStoreConformanceTests {
    @Test("PostgreSQL", arguments: StoreConformance.cases)
    func postgres(_ check: StoreCase) async throws {
        try await PostgresTestDatabase.withStores { db in try await check.run(on: db.store) }
    }

    @Test("two instances on one PostgreSQL", arguments: StoreConformance.concurrencyCases)
    func twoInstances(_ check: StoreCase) async throws {
        try await PostgresTestDatabase.withStores(instances: 2) { db in try await check.run(on: InstancesStore(db.stores)) }
    }
}
