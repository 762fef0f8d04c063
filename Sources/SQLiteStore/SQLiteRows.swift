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

    static func inbound(_ row: Row) -> InboundRecord {
        let repliesText: String = row["replies"]
        let replies = (try? JSONDecoder().decode([String].self, from: Data(repliesText.utf8))) ?? []
        return InboundRecord(
            gateway: row["gateway"], messageID: row["message_id"], from: row["sender"], to: row["recipient"], text: row["text"],
            receivedAt: date(row["received_at"]), processedAt: date(row["processed_at"]), replies: replies, outcome: row["outcome"])
    }

    static func network(_ row: Row) -> Network {
        Network(
            id: row["id"], code: row["code"], name: row["name"], timeZone: row["time_zone"],
            stageOverride: (row["stage_override"] as String?).flatMap(Stage.init(rawValue:)),
            planStartedOn: day(row["plan_started_on"] as String?), createdAt: date(row["created_at"]))
    }

    static func member(_ row: Row) -> Member {
        Member(
            id: row["id"], networkID: row["network_id"], phone: row["phone"], name: row["name"],
            gender: (row["gender"] as String?).flatMap(Gender.init(rawValue:)), roster: row["roster"],
            role: Role(rawValue: row["role"]) ?? .socio, active: row["active"], language: row["language"],
            optedOut: row["opted_out"], joinedOn: day(row["joined_on"] as String))
    }

    static func meeting(_ row: Row) -> Meeting {
        Meeting(
            id: row["id"], networkID: row["network_id"], kind: MeetingKind(rawValue: row["kind"]) ?? .ordinary,
            date: day(row["date"] as String), hasList: row["has_list"], registeredBy: row["registered_by"])
    }

    static func attendance(_ row: Row) -> Attendance {
        Attendance(
            meetingID: row["meeting_id"], memberID: row["member_id"], present: row["present"],
            source: AttendanceSource(rawValue: row["source"]) ?? .member)
    }

    static func event(_ row: Row) -> SocialEvent {
        let attendees = (row["attendees"] as String?).flatMap { try? JSONDecoder().decode([RowID].self, from: Data($0.utf8)) }
        return SocialEvent(
            id: row["id"], networkID: row["network_id"], number: row["number"], title: row["title"],
            plannedOn: day(row["planned_on"] as String), heldOn: day(row["held_on"] as String?), attendees: attendees)
    }

    static func contribution(_ row: Row) -> Contribution {
        Contribution(
            id: row["id"], networkID: row["network_id"], memberID: row["member_id"], amount: Money(cents: row["amount_cents"]),
            reportedOn: day(row["reported_on"] as String), status: ContributionStatus(rawValue: row["status"]) ?? .pending,
            decidedOn: day(row["decided_on"] as String?))
    }

    static func rating(_ row: Row) -> Rating {
        Rating(
            networkID: row["network_id"], memberID: row["member_id"], indicator: RatedIndicator(rawValue: row["indicator"]) ?? .q1,
            score: row["score"], ratedOn: day(row["rated_on"] as String), meetingID: row["meeting_id"])
    }

    static func project(_ row: Row) -> JointProject {
        JointProject(
            id: row["id"], networkID: row["network_id"], number: row["number"], title: row["title"],
            totalCost: Money(cents: row["total_cents"]), ownShare: Money(cents: row["own_cents"]),
            startedOn: day(row["started_on"] as String), closedOn: day(row["closed_on"] as String?))
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
