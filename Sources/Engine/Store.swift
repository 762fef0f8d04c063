import Foundation
import TrustCore

/// The database port. A unit of work is one transaction: everything `work` writes is committed
/// together when it returns, and nothing is when it throws. SQLite, PostgreSQL and the in-memory
/// store implement it, and one conformance suite runs against all three.
public protocol Store: Sendable {
    /// Runs `work` inside one read-write transaction.
    /// - Parameter work: the unit of work; throwing rolls everything back.
    func transaction<T: Sendable>(_ work: @Sendable (any StoreTransaction) async throws -> T) async throws -> T

    /// Runs `work` on a consistent read-only snapshot (may run beside a writer).
    /// - Parameter work: reads only.
    func read<T: Sendable>(_ work: @Sendable (any StoreTransaction) async throws -> T) async throws -> T

    /// Checks that the database answers (for `/ready`).
    func ping() async throws
}

/// What a unit of work can do. Methods are async so that PostgreSQL can implement them; SQLite and
/// memory implement them synchronously.
public protocol StoreTransaction {
    // MARK: Inbound log
    /// The stored message with this gateway id, if it was already processed.
    func inbound(gateway: String, messageID: String) async throws -> InboundRecord?
    /// Appends a processed inbound message and the replies it caused.
    func insertInbound(_ record: InboundRecord) async throws
    /// Runs `work` inside a savepoint: if it throws, only its writes are undone.
    func savepoint<T>(_ work: () async throws -> T) async throws -> T
    /// Inside a write transaction: true when nothing `reads` depended on has been written since its snapshot (including
    /// by this transaction). Stores that cannot tell (all but `SpeculativeStore`s) answer false.
    func unchanged(since reads: SnapshotReads) -> Bool

    // MARK: Roster
    /// All networks, ordered by code.
    func networks() async throws -> [Network]
    /// The network with this code (upper case).
    func network(code: String) async throws -> Network?
    /// The network with this id.
    func network(id: RowID) async throws -> Network?
    /// Creates a network; its code must be unique.
    func insertNetwork(_ network: NewNetwork) async throws -> Network
    /// Replaces a network's mutable fields (name, time zone, stage override, plan start).
    func updateNetwork(_ network: Network) async throws
    /// Every roster row of this phone (one per network).
    func members(phone: String) async throws -> [Member]
    /// Every roster row of a network, by roster number.
    func members(networkID: RowID) async throws -> [Member]
    /// One roster row.
    func member(id: RowID) async throws -> Member?
    /// Adds a person to a network; roster number assigned when nil.
    func insertMember(_ member: NewMember) async throws -> Member
    /// Replaces a member's mutable fields.
    func updateMember(_ member: Member) async throws

    // MARK: Conversation
    /// The stored conversation state of a phone (opaque JSON owned by Conversation).
    func conversationState(phone: String) async throws -> Data?
    /// Stores the conversation state of a phone.
    func saveConversationState(phone: String, state: Data, updatedAt: Date) async throws
    /// Records that an unknown phone was told it is not registered on `day`; false when it already was.
    func noteUnknownPhone(_ phone: String, day: LocalDate) async throws -> Bool

    // MARK: Records
    /// Applies one record change and returns a reference to what it wrote (for CORREGIR).
    func apply(_ change: RecordChange) async throws -> RecordRef?
    /// Everything the indicators of one network need, from `since` on (nil: all).
    func records(networkID: RowID, since: LocalDate?) async throws -> NetworkRecords
    /// Only the records a reader needs of `network`, as already read in this transaction, which is not read again
    /// (`RecordScope.narrow` is the reference semantics; a default reads with `since:` and narrows).
    func records(of network: Network, scope: RecordScope) async throws -> NetworkRecords
    /// A member's contributions to `network` reported on `since` or later, summed by status: what a socio's month
    /// summary shows, without reading each row (a default sums `records(of:scope:)`).
    func contributionTotals(of network: Network, memberID: RowID, since: LocalDate) async throws -> ContributionTotals

    // MARK: Outbox
    /// Adds a message to the durable outbox.
    func enqueue(_ message: NewOutbound) async throws -> Int64
    /// Leases up to `limit` due messages until `leaseUntil`; expired leases count as due.
    func claimOutbound(now: Date, limit: Int, leaseUntil: Date) async throws -> [OutboundMessage]
    /// Records the result of one send attempt.
    func completeOutbound(id: Int64, result: OutboundResult, now: Date) async throws
    /// Applies a delivery report; false when no outbox row matches.
    func applyDeliveryReport(_ report: DeliveryReport, now: Date) async throws -> Bool
    /// Counts and ages of the outbox, for metrics and `/ready`.
    func outboxStats(now: Date) async throws -> OutboxStats
    /// Outbox rows, newest first (dashboard, tests).
    func outbound(limit: Int, status: DeliveryStatus?) async throws -> [OutboxRow]
    /// How many outbox rows to `recipient` of one of `kinds` were created at or after `since`, whatever
    /// their status (the scheduler's weekly cap and its check that a prompt went out before nudging).
    func outboxCount(to recipient: String, kinds: [String], since: Date) async throws -> Int

    // MARK: Summaries
    /// Claims the (network, week, recipient) summary key; false when it was already claimed.
    func claimSummary(networkID: RowID, week: String, recipient: String, at: Date) async throws -> Bool
}

extension StoreTransaction {
    /// A store that does not speculate cannot vouch for a snapshot.
    public func unchanged(since reads: SnapshotReads) -> Bool { false }
}
