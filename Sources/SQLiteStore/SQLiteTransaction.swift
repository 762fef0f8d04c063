import Engine
import Foundation
import GRDB
import TrustCore

/// One unit of work on the SQLite connection. The transaction was opened by `SQLiteStore`; each
/// method is one synchronous access inside it.
///
/// A write transaction marks in the store's `ChangeLedger` the keys its writes touch (`wrote`); a snapshot transaction
/// (`SQLiteStore.speculate`) records the keys its reads depend on (`access(reading:)`), and any read that names no keys
/// makes the snapshot untrusted. Every write to the roster, conversation and record tables marks its keys here.
final class SQLiteTransaction: StoreTransaction, @unchecked Sendable {
    let writer: any DatabaseWriter
    let readOnly: Bool
    private var savepointDepth = 0
    /// The ledger and generation of a write transaction (nil for reads and stores without speculation).
    private let ledger: ChangeLedger?
    private let generation: UInt64
    /// True for a snapshot whose reads are recorded.
    private let recordsReads: Bool
    private(set) var readKeys: Set<ChangeKey> = []
    private(set) var untrackedRead = false
    /// The reads a snapshot may reuse from earlier snapshots, and remembers for later ones.
    private let cache: SnapshotReadCache?
    /// On a snapshot: keys of the reads that came from the cache, each with the older generation it was read at.
    private(set) var earlierReads: [ChangeKey: UInt64] = [:]
    /// A snapshot's `BEGIN`, run with its first statement: a snapshot answered wholly from the cache opens none.
    private var pendingBegin: String?
    /// Conversation states a write transaction wrote, in order (those of rolled-back savepoints removed), for the
    /// snapshot cache once it has committed.
    private(set) var writtenStates: [(phone: String, state: Data)] = []

    /// - Parameters:
    ///   - writer: the connection.
    ///   - readOnly: a read transaction.
    ///   - ledger: the ledger a write transaction marks its writes in.
    ///   - generation: a write transaction's generation; a snapshot's: the completed generation when it began.
    ///   - recordsReads: a snapshot whose reads are recorded.
    ///   - cache: reads a snapshot may reuse.
    init(
        writer: any DatabaseWriter, readOnly: Bool = false, ledger: ChangeLedger? = nil, generation: UInt64 = 0, recordsReads: Bool = false,
        cache: SnapshotReadCache? = nil
    ) {
        self.writer = writer
        self.readOnly = readOnly
        self.ledger = ledger
        self.generation = generation
        self.recordsReads = recordsReads
        self.cache = recordsReads ? cache : nil
    }

    /// One synchronous database access (sync so that the sync GRDB overload is chosen). On a snapshot it counts as a
    /// read the store does not track.
    func access<T>(_ body: (Database) throws -> T) throws -> T {
        if recordsReads { untrackedRead = true }
        return try run(body)
    }

    /// A read that depends on `keys` only.
    func access<T>(reading keys: ChangeKey..., body: (Database) throws -> T) throws -> T {
        if recordsReads { readKeys.formUnion(keys) }
        return try run(body)
    }

    /// A read that depends on `keys` only, answered from the snapshot cache while nothing of `keys` has been written
    /// since it was read there; outside a snapshot, a plain `access(reading:)`.
    func access<T: Sendable>(cached query: SnapshotReadCache.Query, reading keys: [ChangeKey], body: (Database) throws -> T) throws -> T {
        guard let cache else {
            if recordsReads { readKeys.formUnion(keys) }
            return try run(body)
        }
        if let hit = cache.value(query, as: T.self) {
            for key in keys { earlierReads[key] = min(earlierReads[key] ?? hit.generation, hit.generation) }
            return hit.value
        }
        readKeys.formUnion(keys)
        let value = try run(body)
        cache.store(value, for: query, generation: generation, keys: keys)
        return value
    }

    /// One synchronous access to the connection, opening a snapshot's transaction first when it has not been.
    private func run<T>(_ body: (Database) throws -> T) throws -> T {
        guard let begin = pendingBegin else { return try writer.writeWithoutTransaction(body) }
        return try writer.writeWithoutTransaction { db in
            try db.cachedExecute(sql: begin)
            pendingBegin = nil
            return try body(db)
        }
    }

    /// Opens the transaction with the first statement rather than now (`BEGIN DEFERRED` takes its snapshot at the first
    /// read anyway).
    func beginOnFirstAccess(_ sql: String) {
        pendingBegin = sql
    }

    /// Marks keys this write transaction changes.
    func wrote(_ keys: ChangeKey...) {
        guard let ledger else { return }
        for key in keys { ledger.wrote(key, in: generation) }
    }

    /// True when writes are marked (a write transaction of a store that speculates).
    var marksWrites: Bool { ledger != nil }

    /// Marks that this write transaction may change anything a snapshot reads.
    func wroteEverything() { ledger?.wroteEverything(in: generation) }

    func unchanged(since reads: SnapshotReads) -> Bool { ledger?.unchanged(reads) ?? false }

    /// The statements a unit of work runs inside its transaction: BEGIN/COMMIT/savepoints, never counted as reads.
    func control(_ sql: String) throws {
        _ = try writer.writeWithoutTransaction { db in try db.cachedExecute(sql: sql) }
    }

    /// Commits on the connection's own queue, suspending the task meanwhile: the commit's fsync then blocks no thread of
    /// the cooperative pool (two on a two-core server), which goes on parsing webhooks and stepping conversations.
    func commit() async throws {
        try await writer.writeWithoutTransaction { db in try db.cachedExecute(sql: "COMMIT") }
    }

    /// Rolls back the transaction if it is still open (after a failed unit of work, or at the end of a read).
    func rollbackIfOpen() {
        guard pendingBegin == nil else { return }
        try? writer.writeWithoutTransaction { db in if db.isInsideTransaction { try db.cachedExecute(sql: "ROLLBACK") } }
    }

    func inbound(gateway: String, messageID: String) async throws -> InboundRecord? {
        try access { db in
            try SQLiteRows.one(
                db, "SELECT \(SQLiteRows.inboundColumns) FROM inbound_message WHERE gateway = ? AND message_id = ?", [gateway, messageID],
                SQLiteRows.inbound)
        }
    }

    func insertInbound(_ r: InboundRecord) async throws {
        let replies = SQLiteRows.jsonArray(r.replies)
        try access { db in
            try db.cachedExecute(
                sql: """
                    INSERT INTO inbound_message (gateway, message_id, sender, recipient, text, received_at, processed_at, replies, outcome)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [r.gateway, r.messageID, r.from, r.to, r.text, r.receivedAt.timeIntervalSince1970,
                            r.processedAt.timeIntervalSince1970, replies, r.outcome])
        }
    }

    func savepoint<T>(_ work: () async throws -> T) async throws -> T {
        savepointDepth += 1
        let name = "unit\(savepointDepth)"
        defer { savepointDepth -= 1 }
        let statesBefore = writtenStates.count
        try control("SAVEPOINT \(name)")
        do {
            let result = try await work()
            try control("RELEASE SAVEPOINT \(name)")
            return result
        } catch {
            writtenStates.removeSubrange(statesBefore...)
            try control("ROLLBACK TO SAVEPOINT \(name)")
            try control("RELEASE SAVEPOINT \(name)")
            throw error
        }
    }

    // MARK: Roster

    func networks() async throws -> [Network] {
        try access { db in try SQLiteRows.all(db, "SELECT \(SQLiteRows.networkColumns) FROM network ORDER BY code", [], SQLiteRows.network) }
    }

    func network(code: String) async throws -> Network? {
        try access { db in try SQLiteRows.one(db, "SELECT \(SQLiteRows.networkColumns) FROM network WHERE code = ?", [code.uppercased()], SQLiteRows.network) }
    }

    func network(id: RowID) async throws -> Network? {
        try access(cached: .network(id), reading: [.network(id)]) { db in
            try SQLiteRows.one(db, "SELECT \(SQLiteRows.networkColumns) FROM network WHERE id = ?", [id], SQLiteRows.network)
        }
    }

    func insertNetwork(_ new: NewNetwork) async throws -> Network {
        try access { db in
            try db.cachedExecute(
                sql: "INSERT INTO network (code, name, time_zone, created_at) VALUES (?, ?, ?, ?)",
                arguments: [new.code.uppercased(), new.name, new.timeZone, new.createdAt.timeIntervalSince1970])
            let network = Network(id: db.lastInsertedRowID, code: new.code.uppercased(), name: new.name, timeZone: new.timeZone, createdAt: new.createdAt)
            wrote(.network(network.id))
            return network
        }
    }

    func updateNetwork(_ n: Network) async throws {
        wrote(.network(n.id))
        try access { db in
            try db.cachedExecute(
                sql: "UPDATE network SET name = ?, time_zone = ?, stage_override = ?, plan_started_on = ? WHERE id = ?",
                arguments: [n.name, n.timeZone, n.stageOverride?.rawValue, n.planStartedOn?.iso, n.id])
        }
    }

    func members(phone: String) async throws -> [Member] {
        try access(cached: .members(phone: phone), reading: [.phone(phone)]) { db in
            try SQLiteRows.all(db, "SELECT \(SQLiteRows.memberColumns) FROM member WHERE phone = ? ORDER BY id", [phone], SQLiteRows.member)
        }
    }

    func members(networkID: RowID) async throws -> [Member] {
        try access(cached: .membersOfNetwork(networkID), reading: [.network(networkID)]) { db in
            try SQLiteRows.all(db, "SELECT \(SQLiteRows.memberColumns) FROM member WHERE network_id = ? ORDER BY roster", [networkID], SQLiteRows.member)
        }
    }

    func member(id: RowID) async throws -> Member? {
        try access { db in try SQLiteRows.one(db, "SELECT \(SQLiteRows.memberColumns) FROM member WHERE id = ?", [id], SQLiteRows.member) }
    }

    func insertMember(_ new: NewMember) async throws -> Member {
        wrote(.network(new.networkID), .phone(new.phone))
        return try access { db in
            let roster: Int
            if let given = new.roster {
                roster = given
            } else {
                roster = (try Int.cachedOne(db, sql: "SELECT MAX(roster) FROM member WHERE network_id = ?", arguments: [new.networkID]) ?? 0) + 1
            }
            try db.cachedExecute(
                sql: """
                    INSERT INTO member (network_id, phone, name, gender, roster, role, language, joined_on)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [new.networkID, new.phone, new.name, new.gender?.rawValue, roster, new.role.rawValue, new.language, new.joinedOn.iso])
            return Member(
                id: db.lastInsertedRowID, networkID: new.networkID, phone: new.phone, name: new.name, gender: new.gender,
                roster: roster, role: new.role, language: new.language, joinedOn: new.joinedOn)
        }
    }

    func updateMember(_ m: Member) async throws {
        // The phone itself may change: every reader of the old phone's rows and of the roster is affected.
        wroteEverything()
        try access { db in
            try db.cachedExecute(
                sql: """
                    UPDATE member SET phone = ?, name = ?, gender = ?, roster = ?, role = ?, active = ?, language = ?,
                    opted_out = ?, joined_on = ? WHERE id = ?
                    """,
                arguments: [m.phone, m.name, m.gender?.rawValue, m.roster, m.role.rawValue, m.active, m.language, m.optedOut, m.joinedOn.iso, m.id])
        }
    }

    // MARK: Conversation

    func conversationState(phone: String) async throws -> Data? {
        try access(cached: .conversationState(phone: phone), reading: [.conversation(phone)]) { db in
            try Data.cachedOne(db, sql: "SELECT state FROM conversation_state WHERE phone = ?", arguments: [phone])
        }
    }

    func saveConversationState(phone: String, state: Data, updatedAt: Date) async throws {
        wrote(.conversation(phone))
        if marksWrites { writtenStates.append((phone, state)) }
        try access { db in
            try db.cachedExecute(
                sql: """
                    INSERT INTO conversation_state (phone, state, updated_at) VALUES (?, ?, ?)
                    ON CONFLICT (phone) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at
                    """,
                arguments: [phone, state, updatedAt.timeIntervalSince1970])
        }
    }

    func noteUnknownPhone(_ phone: String, day: LocalDate) async throws -> Bool {
        wrote(.phone(phone))
        return try access { db in
            try db.cachedExecute(sql: "INSERT OR IGNORE INTO unknown_notice (phone, day) VALUES (?, ?)", arguments: [phone, day.iso])
            return db.changesCount == 1
        }
    }

    func claimSummary(networkID: RowID, week: String, recipient: String, at: Date) async throws -> Bool {
        try access { db in
            try db.cachedExecute(
                sql: "INSERT OR IGNORE INTO summary_sent (network_id, week, recipient, sent_at) VALUES (?, ?, ?, ?)",
                arguments: [networkID, week, recipient, at.timeIntervalSince1970])
            return db.changesCount == 1
        }
    }
}
