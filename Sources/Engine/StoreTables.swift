import Foundation

/// The tables of the SQL stores (SQLite and PostgreSQL share names, columns and keys), described
/// for `confianza transfer`, which copies an installation from one to the other row by row.
/// A new migration that adds a table or a column must add it here too: the copy refuses a source
/// whose schema differs from this list, so nothing is left behind silently.
public enum StoreTables {
    /// How a column's value is converted between the stores.
    public enum Kind: Sendable, Equatable {
        /// Whole number (ids, cents, counts).
        case integer
        /// Seconds since 1970 (instants).
        case real
        case text
        /// SQLite 0/1, PostgreSQL BOOLEAN.
        case bool
        /// SQLite `YYYY-MM-DD` text, PostgreSQL DATE.
        case day
        /// SQLite BLOB, PostgreSQL BYTEA.
        case blob
        /// SQLite JSON array of strings, PostgreSQL TEXT[].
        case textList
        /// SQLite JSON array of ids, PostgreSQL BIGINT[].
        case idList
    }

    /// One column.
    public struct Column: Sendable, Equatable {
        public var name: String
        public var kind: Kind
    }

    /// One table: its columns in copy order, the columns that order its rows, and whether its `id`
    /// comes from a sequence (AUTOINCREMENT / BIGSERIAL) that must continue after the copied ids.
    public struct Table: Sendable, Equatable {
        public var name: String
        public var columns: [Column]
        public var orderBy: [String]
        public var hasIDSequence: Bool

        init(_ name: String, _ columns: KeyValuePairs<String, Kind>, orderBy: [String] = ["id"]) {
            self.name = name
            self.columns = columns.map { Column(name: $0.key, kind: $0.value) }
            self.orderBy = orderBy
            self.hasIDSequence = orderBy == ["id"]
        }
    }

    /// Every table, parents before the tables that refer to them.
    public static let all: [Table] = [
        Table("network", [
            "id": .integer, "code": .text, "name": .text, "time_zone": .text, "stage_override": .text, "plan_started_on": .day,
            "created_at": .real,
        ]),
        Table("member", [
            "id": .integer, "network_id": .integer, "phone": .text, "name": .text, "gender": .text, "roster": .integer,
            "role": .text, "active": .bool, "language": .text, "opted_out": .bool, "joined_on": .day,
        ]),
        Table("meeting", [
            "id": .integer, "network_id": .integer, "kind": .text, "date": .day, "has_list": .bool, "registered_by": .integer,
        ]),
        Table(
            "attendance", ["meeting_id": .integer, "member_id": .integer, "present": .bool, "source": .text],
            orderBy: ["meeting_id", "member_id"]),
        Table("social_event", [
            "id": .integer, "network_id": .integer, "number": .integer, "title": .text, "planned_on": .day, "held_on": .day,
            "attendees": .idList,
        ]),
        Table("contribution", [
            "id": .integer, "network_id": .integer, "member_id": .integer, "amount_cents": .integer, "reported_on": .day,
            "status": .text, "decided_on": .day,
        ]),
        Table("rating", [
            "id": .integer, "network_id": .integer, "member_id": .integer, "indicator": .text, "score": .integer,
            "rated_on": .day, "meeting_id": .integer,
        ]),
        Table("joint_project", [
            "id": .integer, "network_id": .integer, "number": .integer, "title": .text, "total_cents": .integer,
            "own_cents": .integer, "started_on": .day, "closed_on": .day,
        ]),
        Table("inbound_message", [
            "id": .integer, "gateway": .text, "message_id": .text, "sender": .text, "recipient": .text, "text": .text,
            "received_at": .real, "processed_at": .real, "replies": .textList, "outcome": .text,
        ]),
        Table("conversation_state", ["phone": .text, "state": .blob, "updated_at": .real], orderBy: ["phone"]),
        Table("unknown_notice", ["phone": .text, "day": .day], orderBy: ["phone", "day"]),
        Table("outbox", [
            "id": .integer, "recipient": .text, "text": .text, "encoding": .text, "segments": .integer, "gateway": .text,
            "kind": .text, "network_id": .integer, "status": .text, "attempts": .integer, "not_before": .real,
            "lease_until": .real, "gateway_id": .text, "last_error": .text, "created_at": .real, "updated_at": .real,
        ]),
        Table(
            "summary_sent", ["network_id": .integer, "week": .text, "recipient": .text, "sent_at": .real],
            orderBy: ["network_id", "week", "recipient"]),
        Table("dashboard_user", [
            "id": .integer, "name": .text, "password_hash": .text, "role": .text, "phone": .text, "language": .text,
            "created_at": .real,
        ]),
        Table("dashboard_session", ["key": .text, "data": .blob, "expires_at": .real], orderBy: ["key"]),
        Table("api_token", ["id": .integer, "name": .text, "token_hash": .text, "created_at": .real]),
    ]
}

/// A stored value as the source database holds it (SQLite's storage classes).
public enum StoredValue: Sendable, Equatable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob(Data)
}

/// The rows of one table, read from the source in one consistent snapshot.
public struct TableRows: Sendable {
    /// The table.
    public var table: StoreTables.Table
    /// One array per row, values in `table.columns` order.
    public var rows: [[StoredValue]]
    /// The highest id the source's sequence has handed out (at least the largest id), so that the
    /// target never reuses the id of a row deleted before the move.
    public var lastID: Int64?

    /// - Parameters:
    ///   - table: the table.
    ///   - rows: its rows.
    ///   - lastID: the highest id handed out.
    public init(table: StoreTables.Table, rows: [[StoredValue]], lastID: Int64?) {
        self.table = table
        self.rows = rows
        self.lastID = lastID
    }
}

/// A whole installation read from a store: its applied migrations and every table's rows.
public struct StoreDump: Sendable {
    /// Names of the migrations applied to the source, oldest first.
    public var migrations: [String]
    /// Every table of `StoreTables.all`, in that order.
    public var tables: [TableRows]

    /// - Parameters:
    ///   - migrations: applied migrations.
    ///   - tables: the tables' rows.
    public init(migrations: [String], tables: [TableRows]) {
        self.migrations = migrations
        self.tables = tables
    }
}

/// Why a copy between stores was refused or failed: a schema that differs, a non-empty target,
/// counts that do not match. The message names tables and counts, never row contents.
public struct StoreTransferError: Error, CustomStringConvertible {
    /// What went wrong.
    public var message: String
    public var description: String { message }

    /// - Parameter message: what went wrong, without row contents.
    public init(_ message: String) {
        self.message = message
    }
}

/// One table's rows in the source and in the target after a copy.
public struct TransferCount: Sendable, Equatable {
    public var table: String
    public var source: Int
    public var target: Int

    /// - Parameters:
    ///   - table: the table.
    ///   - source: rows read from the source.
    ///   - target: rows counted in the target after the commit.
    public init(table: String, source: Int, target: Int) {
        self.table = table
        self.source = source
        self.target = target
    }
}
