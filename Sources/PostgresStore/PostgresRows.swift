import Engine
import Foundation
import PostgresNIO
import TrustCore

/// Row → domain value decoding, in one place. As in SQLite, an enum value that does not decode
/// falls back to a safe default; a missing or mistyped column throws.
enum PostgresRows {
    typealias Row = PostgresRandomAccessRow

    static func id(_ rows: [Row]) throws -> Int64 {
        guard let row = rows.first else {
            throw PostgresStoreError(.query, operation: "returning", message: "no id returned")
        }
        return try row["id"].decode(Int64.self)
    }

    static func date(_ cell: PostgresCell) throws -> Date { Date(timeIntervalSince1970: try cell.decode(Double.self)) }
    static func day(_ cell: PostgresCell) throws -> LocalDate { try cell.decode(PostgresDay.self).date }
    static func optionalDay(_ cell: PostgresCell) throws -> LocalDate? { try cell.decode(PostgresDay?.self)?.date }

    static func inbound(_ row: Row) throws -> InboundRecord {
        InboundRecord(
            gateway: try row["gateway"].decode(String.self), messageID: try row["message_id"].decode(String.self),
            from: try row["sender"].decode(String.self), to: try row["recipient"].decode(String.self),
            text: try row["text"].decode(String.self), receivedAt: try date(row["received_at"]),
            processedAt: try date(row["processed_at"]), replies: try row["replies"].decode([String].self),
            outcome: try row["outcome"].decode(String.self))
    }

    static func network(_ row: Row) throws -> Network {
        Network(
            id: try row["id"].decode(Int64.self), code: try row["code"].decode(String.self), name: try row["name"].decode(String.self),
            timeZone: try row["time_zone"].decode(String.self),
            stageOverride: try row["stage_override"].decode(String?.self).flatMap(Stage.init(rawValue:)),
            planStartedOn: try optionalDay(row["plan_started_on"]), createdAt: try date(row["created_at"]))
    }

    static func member(_ row: Row) throws -> Member {
        Member(
            id: try row["id"].decode(Int64.self), networkID: try row["network_id"].decode(Int64.self),
            phone: try row["phone"].decode(String?.self), name: try row["name"].decode(String.self),
            gender: try row["gender"].decode(String?.self).flatMap(Gender.init(rawValue:)), roster: try row["roster"].decode(Int.self),
            role: Role(rawValue: try row["role"].decode(String.self)) ?? .socio, active: try row["active"].decode(Bool.self),
            language: try row["language"].decode(String.self), optedOut: try row["opted_out"].decode(Bool.self),
            joinedOn: try day(row["joined_on"]))
    }

    static func meeting(_ row: Row) throws -> Meeting {
        Meeting(
            id: try row["id"].decode(Int64.self), networkID: try row["network_id"].decode(Int64.self),
            kind: MeetingKind(rawValue: try row["kind"].decode(String.self)) ?? .ordinary, date: try day(row["date"]),
            hasList: try row["has_list"].decode(Bool.self), registeredBy: try row["registered_by"].decode(Int64?.self))
    }

    static func attendance(_ row: Row) throws -> Attendance {
        Attendance(
            meetingID: try row["meeting_id"].decode(Int64.self), memberID: try row["member_id"].decode(Int64.self),
            present: try row["present"].decode(Bool.self),
            source: AttendanceSource(rawValue: try row["source"].decode(String.self)) ?? .member)
    }

    static func event(_ row: Row) throws -> SocialEvent {
        SocialEvent(
            id: try row["id"].decode(Int64.self), networkID: try row["network_id"].decode(Int64.self),
            number: try row["number"].decode(Int.self), title: try row["title"].decode(String.self),
            plannedOn: try day(row["planned_on"]), heldOn: try optionalDay(row["held_on"]),
            attendees: try row["attendees"].decode([Int64]?.self))
    }

    static func contribution(_ row: Row) throws -> Contribution {
        Contribution(
            id: try row["id"].decode(Int64.self), networkID: try row["network_id"].decode(Int64.self),
            memberID: try row["member_id"].decode(Int64.self), amount: Money(cents: try row["amount_cents"].decode(Int64.self)),
            reportedOn: try day(row["reported_on"]),
            status: ContributionStatus(rawValue: try row["status"].decode(String.self)) ?? .pending,
            decidedOn: try optionalDay(row["decided_on"]))
    }

    static func rating(_ row: Row) throws -> Rating {
        Rating(
            networkID: try row["network_id"].decode(Int64.self), memberID: try row["member_id"].decode(Int64.self),
            indicator: RatedIndicator(rawValue: try row["indicator"].decode(String.self)) ?? .q1,
            score: try row["score"].decode(Int.self), ratedOn: try day(row["rated_on"]),
            meetingID: try row["meeting_id"].decode(Int64?.self))
    }

    static func project(_ row: Row) throws -> JointProject {
        JointProject(
            id: try row["id"].decode(Int64.self), networkID: try row["network_id"].decode(Int64.self),
            number: try row["number"].decode(Int.self), title: try row["title"].decode(String.self),
            totalCost: Money(cents: try row["total_cents"].decode(Int64.self)), ownShare: Money(cents: try row["own_cents"].decode(Int64.self)),
            startedOn: try day(row["started_on"]), closedOn: try optionalDay(row["closed_on"]))
    }

    static func outbox(_ row: Row) throws -> OutboxRow {
        let message = OutboundMessage(
            id: try row["id"].decode(Int64.self), to: try row["recipient"].decode(String.self), text: try row["text"].decode(String.self),
            encoding: SMSEncoding(rawValue: try row["encoding"].decode(String.self)) ?? .gsm7,
            segments: try row["segments"].decode(Int.self), gateway: try row["gateway"].decode(String.self),
            attempts: try row["attempts"].decode(Int.self))
        return OutboxRow(
            message: message, status: DeliveryStatus(rawValue: try row["status"].decode(String.self)) ?? .queued,
            kind: try row["kind"].decode(String.self), networkID: try row["network_id"].decode(Int64?.self),
            gatewayID: try row["gateway_id"].decode(String?.self), lastError: try row["last_error"].decode(String?.self),
            createdAt: try date(row["created_at"]), updatedAt: try date(row["updated_at"]))
    }
}
