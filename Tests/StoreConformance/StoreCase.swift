import Engine
import Testing

/// One conformance check: a name and a body that runs against a fresh, empty, migrated store.
/// Runner suites pass `StoreConformance.cases` as Swift Testing arguments, so each case shows up
/// as its own test case for every store.
public struct StoreCase: Sendable, Identifiable, CustomTestStringConvertible {
    /// The case's name, unique in the suite (also its argument id, so one case can be re-run).
    public let id: String
    private let body: @Sendable (any Store) async throws -> Void

    /// - Parameters:
    ///   - id: what the case proves, in a few words.
    ///   - body: the checks, run against a fresh store.
    init(_ id: String, _ body: @escaping @Sendable (any Store) async throws -> Void) {
        self.id = id
        self.body = body
    }

    /// Runs the case against `store`, which must be empty.
    /// - Parameter store: a fresh store.
    public func run(on store: any Store) async throws {
        try await body(store)
    }

    /// The case's name in test reports.
    public var testDescription: String { id }
}

/// The one suite every `Store` implementation must pass (memory, SQLite, PostgreSQL).
public enum StoreConformance {
    /// Every case, grouped by feature.
    public static let cases: [StoreCase] =
        TransactionCases.all + RosterCases.all + ConversationCases.all + RecordCases.all + OutboxCases.all
        + ConcurrencyCases.all + AuthCases.all + MessageLogCases.all

    /// The concurrency cases alone, for running them across several store instances on one database.
    public static let concurrencyCases: [StoreCase] = ConcurrencyCases.all
}
