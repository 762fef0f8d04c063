import Engine
import Foundation
import Logging
import PostgresNIO
import TrustCore

/// One unit of work on a leased connection inside `BEGIN` … `COMMIT`. Every value is bound
/// (`PostgresQuery` interpolation); identifiers in SQL text are constants.
final class PostgresTransaction: StoreTransaction {
    let connection: PostgresConnection
    let logger: Logger
    let readOnly: Bool
    /// The first error of a statement outside a savepoint: PostgreSQL has aborted the transaction.
    private(set) var failure: (any Error)?
    private var savepointDepth = 0

    init(connection: PostgresConnection, logger: Logger, readOnly: Bool) {
        self.connection = connection
        self.logger = logger
        self.readOnly = readOnly
    }

    /// Runs one statement and returns its rows (all of them: results here are small).
    func rows(_ query: PostgresQuery, _ operation: String) async throws -> [PostgresRandomAccessRow] {
        do {
            try connection.checkOpen(operation)
            return try await connection.query(query, logger: logger).collect().map { $0.makeRandomAccess() }
        } catch {
            let wrapped = PostgresStoreError(wrapping: error, operation: operation)
            if failure == nil { failure = wrapped }
            throw wrapped
        }
    }

    /// Runs one statement for its effect.
    func execute(_ query: PostgresQuery, _ operation: String) async throws {
        _ = try await rows(query, operation)
    }

    /// Rolls back; a connection that cannot even do that is closed so the pool drops it. On a connection the
    /// server has closed there is nothing to do: the server rolled the transaction back as it closed it.
    func rollback() async {
        guard !connection.isClosed else { return }
        do {
            _ = try await connection.query("ROLLBACK", logger: logger).collect()
        } catch {
            try? await connection.close()
        }
    }

    func savepoint<T>(_ work: () async throws -> T) async throws -> T {
        savepointDepth += 1
        defer { savepointDepth -= 1 }
        let name = "unit\(savepointDepth)"
        try await execute("SAVEPOINT \(unescaped: name)", "savepoint")
        do {
            let result = try await work()
            try await execute("RELEASE SAVEPOINT \(unescaped: name)", "savepoint")
            return result
        } catch {
            // Rolling back to the savepoint also clears an aborted state caused inside it.
            failure = nil
            try await execute("ROLLBACK TO SAVEPOINT \(unescaped: name)", "savepoint")
            try await execute("RELEASE SAVEPOINT \(unescaped: name)", "savepoint")
            throw error
        }
    }

    // MARK: Inbound log

    func inbound(gateway: String, messageID: String) async throws -> InboundRecord? {
        try await rows(
            "SELECT * FROM inbound_message WHERE gateway = \(gateway) AND message_id = \(messageID)", "inbound"
        ).first.map(PostgresRows.inbound)
    }

    func insertInbound(_ r: InboundRecord) async throws {
        let inserted = try await rows(
            """
            INSERT INTO inbound_message (gateway, message_id, sender, recipient, text, received_at, processed_at, replies, outcome)
            VALUES (\(r.gateway), \(r.messageID), \(r.from), \(r.to), \(r.text), \(r.receivedAt.timeIntervalSince1970),
                    \(r.processedAt.timeIntervalSince1970), \(r.replies), \(r.outcome))
            ON CONFLICT (gateway, message_id) DO NOTHING RETURNING id
            """, "insert_inbound")
        if inserted.isEmpty {
            throw PostgresStoreError(.duplicate, operation: "insert_inbound", message: "this gateway message was already stored")
        }
    }

    // MARK: Roster

    func networks() async throws -> [Network] {
        try await rows(#"SELECT * FROM network ORDER BY code COLLATE "C""#, "networks").map(PostgresRows.network)
    }

    func network(code: String) async throws -> Network? {
        try await rows("SELECT * FROM network WHERE code = \(code.uppercased())", "network").first.map(PostgresRows.network)
    }

    func network(id: RowID) async throws -> Network? {
        try await rows("SELECT * FROM network WHERE id = \(id)", "network").first.map(PostgresRows.network)
    }

    func insertNetwork(_ new: NewNetwork) async throws -> Network {
        let code = new.code.uppercased()
        let row = try await rows(
            """
            INSERT INTO network (code, name, time_zone, created_at)
            VALUES (\(code), \(new.name), \(new.timeZone), \(new.createdAt.timeIntervalSince1970)) RETURNING id
            """, "insert_network")
        return Network(id: try PostgresRows.id(row), code: code, name: new.name, timeZone: new.timeZone, createdAt: new.createdAt)
    }

    func updateNetwork(_ n: Network) async throws {
        try await execute(
            """
            UPDATE network SET name = \(n.name), time_zone = \(n.timeZone), stage_override = \(n.stageOverride?.rawValue),
                plan_started_on = \(n.planStartedOn?.postgres) WHERE id = \(n.id)
            """, "update_network")
    }

    func members(phone: String) async throws -> [Member] {
        try await rows("SELECT * FROM member WHERE phone = \(phone) ORDER BY id", "members").map(PostgresRows.member)
    }

    func members(networkID: RowID) async throws -> [Member] {
        try await rows("SELECT * FROM member WHERE network_id = \(networkID) ORDER BY roster", "members").map(PostgresRows.member)
    }

    func member(id: RowID) async throws -> Member? {
        try await rows("SELECT * FROM member WHERE id = \(id)", "member").first.map(PostgresRows.member)
    }

    func insertMember(_ new: NewMember) async throws -> Member {
        let roster: Int
        if let given = new.roster {
            roster = given
        } else {
            // Numbering reads MAX then inserts: lock the network row (not its key, so foreign-key
            // checks of other writers go on) so that two instances never hand out one number twice.
            try await lockNetwork(new.networkID)
            roster = try await nextNumber("SELECT MAX(roster) FROM member WHERE network_id = \(new.networkID)")
        }
        let row = try await rows(
            """
            INSERT INTO member (network_id, phone, name, gender, roster, role, language, joined_on)
            VALUES (\(new.networkID), \(new.phone), \(new.name), \(new.gender?.rawValue), \(roster), \(new.role.rawValue),
                    \(new.language), \(new.joinedOn.postgres)) RETURNING id
            """, "insert_member")
        return Member(
            id: try PostgresRows.id(row), networkID: new.networkID, phone: new.phone, name: new.name, gender: new.gender,
            roster: roster, role: new.role, language: new.language, joinedOn: new.joinedOn)
    }

    func updateMember(_ m: Member) async throws {
        try await execute(
            """
            UPDATE member SET phone = \(m.phone), name = \(m.name), gender = \(m.gender?.rawValue), roster = \(m.roster),
                role = \(m.role.rawValue), active = \(m.active), language = \(m.language), opted_out = \(m.optedOut),
                joined_on = \(m.joinedOn.postgres) WHERE id = \(m.id)
            """, "update_member")
    }

    /// Serialises numbering (roster, events, projects) within one network.
    func lockNetwork(_ networkID: RowID) async throws {
        try await execute("SELECT id FROM network WHERE id = \(networkID) FOR NO KEY UPDATE", "lock_network")
    }

    /// `MAX(…) + 1` of a numbering query (1 when empty).
    func nextNumber(_ query: PostgresQuery) async throws -> Int {
        let row = try await rows(query, "next_number")
        return (try row.first?[0].decode(Int?.self) ?? 0) + 1
    }

    // MARK: Conversation

    func conversationState(phone: String) async throws -> Data? {
        if readOnly {
            return try await rows("SELECT state FROM conversation_state WHERE phone = \(phone)", "conversation_state")
                .first.map { try $0["state"].decode(Data.self) }
        }
        // Read-modify-write of one phone's state: an advisory lock on the phone serialises
        // concurrent answers even before the phone has a row; the row lock covers the rest.
        try await execute("SELECT pg_advisory_xact_lock(hashtextextended(\("conversation:" + phone), 0))", "lock_conversation")
        return try await rows("SELECT state FROM conversation_state WHERE phone = \(phone) FOR UPDATE", "conversation_state")
            .first.map { try $0["state"].decode(Data.self) }
    }

    func saveConversationState(phone: String, state: Data, updatedAt: Date) async throws {
        try await execute(
            """
            INSERT INTO conversation_state (phone, state, updated_at) VALUES (\(phone), \(state), \(updatedAt.timeIntervalSince1970))
            ON CONFLICT (phone) DO UPDATE SET state = EXCLUDED.state, updated_at = EXCLUDED.updated_at
            """, "save_conversation_state")
    }

    func noteUnknownPhone(_ phone: String, day: LocalDate) async throws -> Bool {
        try await !rows(
            "INSERT INTO unknown_notice (phone, day) VALUES (\(phone), \(day.postgres)) ON CONFLICT DO NOTHING RETURNING 1",
            "note_unknown_phone"
        ).isEmpty
    }

    // MARK: Summaries

    func claimSummary(networkID: RowID, week: String, recipient: String, at: Date) async throws -> Bool {
        try await !rows(
            """
            INSERT INTO summary_sent (network_id, week, recipient, sent_at)
            VALUES (\(networkID), \(week), \(recipient), \(at.timeIntervalSince1970)) ON CONFLICT DO NOTHING RETURNING 1
            """, "claim_summary"
        ).isEmpty
    }
}
