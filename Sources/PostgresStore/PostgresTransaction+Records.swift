import Engine
import Foundation
import PostgresNIO
import TrustCore

extension PostgresTransaction {
    /// Everything from `since` on: the full scope, through the one set of queries in `records(of:scope:)`.
    func records(networkID: RowID, since: LocalDate?) async throws -> NetworkRecords {
        guard let network = try await network(id: networkID) else {
            throw PostgresStoreError(.notFound, operation: "records", message: "no network \(networkID)")
        }
        return try await records(of: network, scope: .everything(since: since))
    }

    func apply(_ change: RecordChange) async throws -> RecordRef? {
        switch change {
        case .reportContribution(let networkID, let memberID, let amount, let on, let status):
            let row = try await rows(
                """
                INSERT INTO contribution (network_id, member_id, amount_cents, reported_on, status, decided_on)
                VALUES (\(networkID), \(memberID), \(amount.cents), \(on.postgres), \(status.rawValue),
                        \(status == .pending ? nil : on.postgres))
                RETURNING id
                """, "report_contribution")
            return .contribution(try PostgresRows.id(row))
        case .decideContribution(let id, let status, let on):
            let row = try await rows(
                "UPDATE contribution SET status = \(status.rawValue), decided_on = \(on.postgres) WHERE id = \(id) RETURNING id",
                "decide_contribution")
            if row.isEmpty { throw notFound("decide_contribution", "no contribution \(id)") }
            return nil
        case .registerMeeting(let networkID, let kind, let date, let registeredBy, let present):
            let row = try await rows(
                """
                INSERT INTO meeting (network_id, kind, date, has_list, registered_by)
                VALUES (\(networkID), \(kind.rawValue), \(date.postgres), \(present != nil), \(registeredBy)) RETURNING id
                """, "register_meeting")
            let id = try PostgresRows.id(row)
            if let present {
                try await execute(
                    """
                    INSERT INTO attendance (meeting_id, member_id, present, source)
                    SELECT \(id), id, id = ANY(\(present)), 'list' FROM member
                    WHERE network_id = \(networkID) AND active AND role <> 'articulador'
                    """, "register_meeting")
            }
            return .meeting(id)
        case .markAttendance(let meetingID, let memberID, let present, let source):
            try await execute(
                """
                INSERT INTO attendance (meeting_id, member_id, present, source) VALUES (\(meetingID), \(memberID), \(present), \(source.rawValue))
                ON CONFLICT (meeting_id, member_id) DO UPDATE SET present = EXCLUDED.present, source = EXCLUDED.source
                """, "mark_attendance")
            return .attendance(meetingID: meetingID, memberID: memberID)
        case .rate(let r):
            let row = try await rows(
                """
                INSERT INTO rating (network_id, member_id, indicator, score, rated_on, meeting_id)
                VALUES (\(r.networkID), \(r.memberID), \(r.indicator.rawValue), \(r.score), \(r.ratedOn.postgres), \(r.meetingID))
                RETURNING id
                """, "rate")
            return .rating(try PostgresRows.id(row))
        case .planEvent(let networkID, let title, let plannedOn):
            try await lockNetwork(networkID)
            let number = try await nextNumber("SELECT MAX(number) FROM social_event WHERE network_id = \(networkID)")
            let row = try await rows(
                """
                INSERT INTO social_event (network_id, number, title, planned_on)
                VALUES (\(networkID), \(number), \(title), \(plannedOn.postgres)) RETURNING id
                """, "plan_event")
            return .event(try PostgresRows.id(row))
        case .closeEvent(let networkID, let number, let heldOn, let attendees):
            let row = try await rows(
                """
                UPDATE social_event SET held_on = \(heldOn.postgres), attendees = \(attendees)
                WHERE network_id = \(networkID) AND number = \(number) RETURNING id
                """, "close_event")
            if row.isEmpty { throw notFound("close_event", "no event \(number)") }
            return .event(try PostgresRows.id(row))
        case .startProject(let networkID, let title, let totalCost, let ownShare, let startedOn):
            try await lockNetwork(networkID)
            let number = try await nextNumber("SELECT MAX(number) FROM joint_project WHERE network_id = \(networkID)")
            let row = try await rows(
                """
                INSERT INTO joint_project (network_id, number, title, total_cents, own_cents, started_on)
                VALUES (\(networkID), \(number), \(title), \(totalCost.cents), \(ownShare.cents), \(startedOn.postgres)) RETURNING id
                """, "start_project")
            return .project(try PostgresRows.id(row))
        case .closeProject(let networkID, let number, let closedOn):
            let row = try await rows(
                """
                UPDATE joint_project SET closed_on = \(closedOn.postgres) WHERE network_id = \(networkID) AND number = \(number)
                RETURNING id
                """, "close_project")
            if row.isEmpty { throw notFound("close_project", "no project \(number)") }
            return nil
        case .startPlan(let networkID, let on):
            try await execute("UPDATE network SET plan_started_on = \(on.postgres) WHERE id = \(networkID)", "start_plan")
            return .plan(networkID: networkID)
        case .setStage(let networkID, let stage):
            try await execute("UPDATE network SET stage_override = \(stage?.rawValue) WHERE id = \(networkID)", "set_stage")
            return nil
        case .setOptOut(let phone, let optedOut):
            try await execute("UPDATE member SET opted_out = \(optedOut) WHERE phone = \(phone)", "set_opt_out")
            return nil
        case .setLanguage(let phone, let language):
            try await execute("UPDATE member SET language = \(language) WHERE phone = \(phone)", "set_language")
            return nil
        case .undo(let ref):
            try await undo(ref)
            return nil
        }
    }

    private func undo(_ ref: RecordRef) async throws {
        switch ref {
        case .contribution(let id):
            try await execute("DELETE FROM contribution WHERE id = \(id)", "undo")
        case .meeting(let id):
            try await execute("DELETE FROM attendance WHERE meeting_id = \(id)", "undo")
            try await execute("DELETE FROM meeting WHERE id = \(id)", "undo")
        case .attendance(let meetingID, let memberID):
            try await execute("DELETE FROM attendance WHERE meeting_id = \(meetingID) AND member_id = \(memberID)", "undo")
        case .rating(let id):
            try await execute("DELETE FROM rating WHERE id = \(id)", "undo")
        case .event(let id):
            // Undoing a held event reopens it; undoing a planned one deletes it.
            let reopened = try await rows(
                "UPDATE social_event SET held_on = NULL, attendees = NULL WHERE id = \(id) AND held_on IS NOT NULL RETURNING id", "undo")
            if reopened.isEmpty { try await execute("DELETE FROM social_event WHERE id = \(id)", "undo") }
        case .project(let id):
            try await execute("DELETE FROM joint_project WHERE id = \(id)", "undo")
        case .plan(let networkID):
            try await execute("UPDATE network SET plan_started_on = NULL WHERE id = \(networkID)", "undo")
        }
    }

    private func notFound(_ operation: String, _ message: String) -> PostgresStoreError {
        PostgresStoreError(.notFound, operation: operation, message: message)
    }
}
