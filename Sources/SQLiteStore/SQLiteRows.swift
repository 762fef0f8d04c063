import Engine
import Foundation
import GRDB
import TrustCore

/// Row → domain value decoding, in one place. A value that does not decode (a corrupted enum,
/// a bad date) falls back to a safe default rather than crashing the server.
enum SQLiteRows {
    static func day(_ text: String?) -> LocalDate? { text.flatMap(LocalDate.init(iso:)) }
    static func day(_ text: String) -> LocalDate { LocalDate(iso: text) ?? LocalDate(dayNumber: 0) }
    static func date(_ seconds: Double) -> Date { Date(timeIntervalSince1970: seconds) }

    /// A JSON array of strings (an inbound message's replies), written directly: `JSONEncoder` costs about as much as
    /// the rest of the insert. Quotes, backslashes and control characters are escaped; everything else is UTF-8 as it is.
    static func jsonArray(_ strings: [String]) -> String {
        var json = "["
        for (index, string) in strings.enumerated() {
            if index > 0 { json += "," }
            json += "\""
            for scalar in string.unicodeScalars {
                switch scalar {
                case "\"": json += "\\\""
                case "\\": json += "\\\\"
                case "\n": json += "\\n"
                case "\r": json += "\\r"
                case "\t": json += "\\t"
                case _ where scalar.value < 0x20:
                    let hex = String(scalar.value, radix: 16)
                    json += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                default: json.unicodeScalars.append(scalar)
                }
            }
            json += "\""
        }
        return json + "]"
    }

    /// Every row of the (cached) statement, decoded while it is stepped.
    static func all<T>(_ db: Database, _ sql: String, _ arguments: StatementArguments = [], _ decode: @escaping (Columns) throws -> T) throws -> [T] {
        let statement = try db.cachedStatement(sql: sql)
        try statement.setArguments(arguments)
        let rows = DecodingCursor(statement: statement, decode: decode)
        var values: [T] = []
        while let value = try rows.next() { values.append(value) }
        return values
    }

    /// The first row of the (cached) statement, decoded, or nil. For queries of one row at most (by key): the statement
    /// is stepped to its end, so that it holds no read open.
    static func one<T>(_ db: Database, _ sql: String, _ arguments: StatementArguments = [], _ decode: @escaping (Columns) throws -> T) throws -> T? {
        try all(db, sql, arguments, decode).first
    }

    // Each decoder below reads its row by index, in the order of its `…Columns` list, which every query that feeds
    // it selects, straight from the statement (`Columns`): GRDB's `Row` maps every column name, lowercased, for each
    // query, and looking values up by name lowercased each name again (together about 8% of a webhook's CPU). The
    // conformance suite checks that every field of every kind round-trips.

    static let inboundColumns = "gateway, message_id, sender, recipient, text, received_at, processed_at, replies, outcome"

    static func inbound(_ row: Columns) throws -> InboundRecord {
        let repliesText: String = try row[7]
        let replies = (try? JSONDecoder().decode([String].self, from: Data(repliesText.utf8))) ?? []
        return try InboundRecord(
            gateway: row[0], messageID: row[1], from: row[2], to: row[3], text: row[4],
            receivedAt: date(row[5]), processedAt: date(row[6]), replies: replies, outcome: row[8])
    }

    static let networkColumns = "id, code, name, time_zone, stage_override, plan_started_on, created_at"

    static func network(_ row: Columns) throws -> Network {
        try Network(
            id: row[0], code: row[1], name: row[2], timeZone: row[3],
            stageOverride: (row[4] as String?).flatMap(Stage.init(rawValue:)),
            planStartedOn: day(row[5] as String?), createdAt: date(row[6]))
    }

    static let memberColumns = "id, network_id, phone, name, gender, roster, role, active, language, opted_out, joined_on"

    static func member(_ row: Columns) throws -> Member {
        try Member(
            id: row[0], networkID: row[1], phone: row[2], name: row[3],
            gender: (row[4] as String?).flatMap(Gender.init(rawValue:)), roster: row[5],
            role: Role(rawValue: row[6]) ?? .socio, active: row[7], language: row[8],
            optedOut: row[9], joinedOn: day(row[10] as String))
    }

    static let meetingColumns = "id, network_id, kind, date, has_list, registered_by"

    static func meeting(_ row: Columns) throws -> Meeting {
        try Meeting(
            id: row[0], networkID: row[1], kind: MeetingKind(rawValue: row[2]) ?? .ordinary,
            date: day(row[3] as String), hasList: row[4], registeredBy: row[5])
    }

    /// Attendance columns of the table aliased `a` (it is read joined to its meeting).
    static let attendanceColumns = "a.meeting_id, a.member_id, a.present, a.source"

    static func attendance(_ row: Columns) throws -> Attendance {
        try Attendance(
            meetingID: row[0], memberID: row[1], present: row[2],
            source: AttendanceSource(rawValue: row[3]) ?? .member)
    }

    static let eventColumns = "id, network_id, number, title, planned_on, held_on, attendees"

    static func event(_ row: Columns) throws -> SocialEvent {
        let attendees = try (row[6] as String?).flatMap { try? JSONDecoder().decode([RowID].self, from: Data($0.utf8)) }
        return try SocialEvent(
            id: row[0], networkID: row[1], number: row[2], title: row[3],
            plannedOn: day(row[4] as String), heldOn: day(row[5] as String?), attendees: attendees)
    }

    static let contributionColumns = "id, network_id, member_id, amount_cents, reported_on, status, decided_on"

    static func contribution(_ row: Columns) throws -> Contribution {
        try Contribution(
            id: row[0], networkID: row[1], memberID: row[2], amount: Money(cents: row[3]),
            reportedOn: day(row[4] as String), status: ContributionStatus(rawValue: row[5]) ?? .pending,
            decidedOn: day(row[6] as String?))
    }

    static let ratingColumns = "network_id, member_id, indicator, score, rated_on, meeting_id"

    static func rating(_ row: Columns) throws -> Rating {
        try Rating(
            networkID: row[0], memberID: row[1], indicator: RatedIndicator(rawValue: row[2]) ?? .q1,
            score: row[3], ratedOn: day(row[4] as String), meetingID: row[5])
    }

    static let projectColumns = "id, network_id, number, title, total_cents, own_cents, started_on, closed_on"

    static func project(_ row: Columns) throws -> JointProject {
        try JointProject(
            id: row[0], networkID: row[1], number: row[2], title: row[3],
            totalCost: Money(cents: row[4]), ownShare: Money(cents: row[5]),
            startedOn: day(row[6] as String), closedOn: day(row[7] as String?))
    }

    static func outbox(_ row: Row) -> OutboxRow {
        let message = OutboundMessage(
            id: row["id"], to: row["recipient"], text: row["text"], encoding: SMSEncoding(rawValue: row["encoding"]) ?? .gsm7,
            segments: row["segments"], gateway: row["gateway"], attempts: row["attempts"])
        return OutboxRow(
            message: message, status: DeliveryStatus(rawValue: row["status"]) ?? .queued, kind: row["kind"],
            networkID: row["network_id"], gatewayID: row["gateway_id"], lastError: row["last_error"],
            createdAt: date(row["created_at"]), updatedAt: date(row["updated_at"]))
    }
}

/// The current row of a statement being stepped, read by column index straight from SQLite.
struct Columns {
    let statement: SQLiteStatement
    /// The statement, for the error message.
    let owner: Statement

    /// The value of column `index`; a NULL or a value of another type throws (an optional type reads NULL as nil).
    subscript<T: StatementColumnConvertible>(_ index: CInt) -> T {
        get throws {
            guard let value = T.fromStatement(statement, atUncheckedIndex: index) else {
                throw DatabaseError(resultCode: .SQLITE_MISMATCH, message: "unexpected value in column \(index) of: \(owner.sql)")
            }
            return value
        }
    }
}

/// Steps a statement, decoding each row from its columns.
final class DecodingCursor<Element>: DatabaseCursor {
    let _statement: Statement
    var _isDone = false
    private let decode: (Columns) throws -> Element

    init(statement: Statement, decode: @escaping (Columns) throws -> Element) {
        _statement = statement
        self.decode = decode
    }

    func _element(sqliteStatement: SQLiteStatement) throws -> Element {
        try decode(Columns(statement: sqliteStatement, owner: _statement))
    }
}
