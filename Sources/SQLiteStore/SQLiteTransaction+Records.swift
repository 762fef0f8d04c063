import Engine
import Foundation
import GRDB
import TrustCore

extension SQLiteTransaction {
    func records(networkID: RowID, since: LocalDate?) async throws -> NetworkRecords {
        guard let network = try await network(id: networkID) else {
            throw DatabaseError(resultCode: .SQLITE_NOTFOUND, message: "no network \(networkID)")
        }
        return try await records(of: network, scope: .everything(since: since))
    }

    /// `RecordScope.narrow` as queries: a member's own rows through the member indexes, nothing of the kinds left out.
    func records(of network: Network, scope: RecordScope) async throws -> NetworkRecords {
        let networkID = network.id
        let from = scope.since?.iso ?? "0000-00-00"
        let contributionsFrom = scope.contributionsFrom?.iso ?? "0000-00-00"
        let kinds = scope.kinds
        let rows: ChangeKey = scope.memberID.map { .member($0) } ?? .memberRows(network: networkID)
        var keys: [ChangeKey] = [.network(networkID), rows]
        if !kinds.isDisjoint(with: [.events, .projects]) { keys.append(.activities(network: networkID)) }
        return try access(cached: .records(network: networkID, scope: scope), reading: keys) { db in
            func fetch<T>(_ kind: RecordScope.Kinds, _ sql: String, _ arguments: StatementArguments, _ row: @escaping (Columns) throws -> T) throws -> [T] {
                kinds.contains(kind) ? try SQLiteRows.all(db, sql, arguments, row) : []
            }
            let members: [Member]
            let attendance: [Attendance]
            let contributions: [Contribution]
            let ratings: [Rating]
            let pending = scope.pendingOfAnyDate ? "OR status = 'pending'" : ""
            if let memberID = scope.memberID {
                members = try SQLiteRows.all(
                    db,
                    "SELECT \(SQLiteRows.memberColumns) FROM member WHERE network_id = ? AND (id = ? OR (role = 'articulador' AND active = 1)) ORDER BY id",
                    [networkID, memberID], SQLiteRows.member)
                attendance = try fetch(
                    .attendance,
                    """
                    SELECT \(SQLiteRows.attendanceColumns) FROM meeting m JOIN attendance a ON a.meeting_id = m.id AND a.member_id = ?
                    WHERE m.network_id = ? AND m.date >= ? ORDER BY a.meeting_id
                    """, [memberID, networkID, from], SQLiteRows.attendance)
                contributions = try fetch(
                    .contributions,
                    "SELECT \(SQLiteRows.contributionColumns) FROM contribution WHERE member_id = ? AND network_id = ? AND (reported_on >= ? \(pending)) ORDER BY id",
                    [memberID, networkID, contributionsFrom], SQLiteRows.contribution)
                ratings = try fetch(
                    .ratings, "SELECT \(SQLiteRows.ratingColumns) FROM rating WHERE member_id = ? AND network_id = ? AND rated_on >= ? ORDER BY id",
                    [memberID, networkID, from], SQLiteRows.rating)
            } else {
                members = try SQLiteRows.all(
                    db, "SELECT \(SQLiteRows.memberColumns) FROM member WHERE network_id = ? ORDER BY id", [networkID], SQLiteRows.member)
                attendance = try fetch(
                    .attendance,
                    """
                    SELECT \(SQLiteRows.attendanceColumns) FROM attendance a JOIN meeting m ON m.id = a.meeting_id
                    WHERE m.network_id = ? AND m.date >= ? ORDER BY a.meeting_id, a.member_id
                    """, [networkID, from], SQLiteRows.attendance)
                contributions = try fetch(
                    .contributions, "SELECT \(SQLiteRows.contributionColumns) FROM contribution WHERE network_id = ? AND (reported_on >= ? \(pending)) ORDER BY id",
                    [networkID, contributionsFrom], SQLiteRows.contribution)
                ratings = try fetch(
                    .ratings, "SELECT \(SQLiteRows.ratingColumns) FROM rating WHERE network_id = ? AND rated_on >= ? ORDER BY id", [networkID, from], SQLiteRows.rating)
            }
            return NetworkRecords(
                network: network,
                members: members,
                meetings: try fetch(.meetings, "SELECT \(SQLiteRows.meetingColumns) FROM meeting WHERE network_id = ? AND date >= ? ORDER BY id", [networkID, from], SQLiteRows.meeting),
                attendance: attendance,
                events: try fetch(
                    .events, "SELECT \(SQLiteRows.eventColumns) FROM social_event WHERE network_id = ? AND planned_on >= ? ORDER BY id", [networkID, from], SQLiteRows.event),
                contributions: contributions,
                ratings: ratings,
                projects: try fetch(.projects, "SELECT \(SQLiteRows.projectColumns) FROM joint_project WHERE network_id = ? ORDER BY id", [networkID], SQLiteRows.project))
        }
    }

    /// One `GROUP BY` over the member's rows of the `contribution_member_day` index.
    func contributionTotals(of network: Network, memberID: RowID, since: LocalDate) async throws -> ContributionTotals {
        try access(cached: .contributionTotals(network: network.id, member: memberID, since: since), reading: [.member(memberID)]) { db in
            let sums = try SQLiteRows.all(
                db,
                "SELECT status, SUM(amount_cents) FROM contribution WHERE member_id = ? AND network_id = ? AND reported_on >= ? GROUP BY status",
                [memberID, network.id, since.iso]) { row in (status: try row[0] as String, cents: try row[1] as Int64) }
            var totals = ContributionTotals()
            for sum in sums { totals.add(Money(cents: sum.cents), status: ContributionStatus(rawValue: sum.status)) }
            return totals
        }
    }

    func apply(_ change: RecordChange) async throws -> RecordRef? {
        try access { db in
            if marksWrites { try markWrites(of: change, in: db) }
            return try SQLiteRecordWriter(db: db).apply(change)
        }
    }

    /// Marks what `change` writes, before it is written (a change that then fails marked more than it kept, which
    /// only makes speculation more cautious).
    private func markWrites(of change: RecordChange, in db: Database) throws {
        switch change {
        case .reportContribution(let networkID, let memberID, _, _, _):
            wrote(.member(memberID), .memberRows(network: networkID))
        case .decideContribution(let id, _, _):
            if let row = try Row.cachedOne(db, sql: "SELECT network_id, member_id FROM contribution WHERE id = ?", arguments: [id]) {
                wrote(.member(row["member_id"]), .memberRows(network: row["network_id"]))
            }
        case .registerMeeting(let networkID, _, _, _, _):
            // A list writes every member's attendance: members read their own rows together with `.network`.
            wrote(.network(networkID), .memberRows(network: networkID))
        case .markAttendance(let meetingID, let memberID, _, _):
            if let networkID = try RowID.cachedOne(db, sql: "SELECT network_id FROM meeting WHERE id = ?", arguments: [meetingID]) {
                wrote(.member(memberID), .memberRows(network: networkID))
            } else {
                wroteEverything()
            }
        case .rate(let rating):
            wrote(.member(rating.memberID), .memberRows(network: rating.networkID))
        case .planEvent(let networkID, _, _), .closeEvent(let networkID, _, _, _), .startProject(let networkID, _, _, _, _),
            .closeProject(let networkID, _, _):
            wrote(.activities(network: networkID))
        case .startPlan(let networkID, _), .setStage(let networkID, _):
            wrote(.network(networkID))
        case .setOptOut, .setLanguage, .undo:
            wroteEverything()
        }
    }
}

/// Writes `RecordChange`s with the same rules as the memory store.
struct SQLiteRecordWriter {
    let db: Database

    func apply(_ change: RecordChange) throws -> RecordRef? {
        switch change {
        case .reportContribution(let networkID, let memberID, let amount, let on, let status):
            try db.cachedExecute(
                sql: "INSERT INTO contribution (network_id, member_id, amount_cents, reported_on, status, decided_on) VALUES (?, ?, ?, ?, ?, ?)",
                arguments: [networkID, memberID, amount.cents, on.iso, status.rawValue, status == .pending ? nil : on.iso])
            return .contribution(db.lastInsertedRowID)
        case .decideContribution(let id, let status, let on):
            try db.cachedExecute(sql: "UPDATE contribution SET status = ?, decided_on = ? WHERE id = ?", arguments: [status.rawValue, on.iso, id])
            guard db.changesCount == 1 else { throw DatabaseError(resultCode: .SQLITE_NOTFOUND, message: "no contribution \(id)") }
            return nil
        case .registerMeeting(let networkID, let kind, let date, let registeredBy, let present):
            try db.cachedExecute(
                sql: "INSERT INTO meeting (network_id, kind, date, has_list, registered_by) VALUES (?, ?, ?, ?, ?)",
                arguments: [networkID, kind.rawValue, date.iso, present != nil, registeredBy])
            let id = db.lastInsertedRowID
            if let present {
                let attending = Set(present)
                let members = try RowID.cachedAll(
                    db, sql: "SELECT id FROM member WHERE network_id = ? AND active = 1 AND role != 'articulador'", arguments: [networkID])
                for memberID in members {
                    try db.cachedExecute(
                        sql: "INSERT INTO attendance (meeting_id, member_id, present, source) VALUES (?, ?, ?, 'list')",
                        arguments: [id, memberID, attending.contains(memberID)])
                }
            }
            return .meeting(id)
        case .markAttendance(let meetingID, let memberID, let present, let source):
            try db.cachedExecute(
                sql: """
                    INSERT INTO attendance (meeting_id, member_id, present, source) VALUES (?, ?, ?, ?)
                    ON CONFLICT (meeting_id, member_id) DO UPDATE SET present = excluded.present, source = excluded.source
                    """,
                arguments: [meetingID, memberID, present, source.rawValue])
            return .attendance(meetingID: meetingID, memberID: memberID)
        case .rate(let r):
            try db.cachedExecute(
                sql: "INSERT INTO rating (network_id, member_id, indicator, score, rated_on, meeting_id) VALUES (?, ?, ?, ?, ?, ?)",
                arguments: [r.networkID, r.memberID, r.indicator.rawValue, r.score, r.ratedOn.iso, r.meetingID])
            return .rating(db.lastInsertedRowID)
        case .planEvent(let networkID, let title, let plannedOn):
            let number = (try Int.cachedOne(db, sql: "SELECT MAX(number) FROM social_event WHERE network_id = ?", arguments: [networkID]) ?? 0) + 1
            try db.cachedExecute(
                sql: "INSERT INTO social_event (network_id, number, title, planned_on) VALUES (?, ?, ?, ?)",
                arguments: [networkID, number, title, plannedOn.iso])
            return .event(db.lastInsertedRowID)
        case .closeEvent(let networkID, let number, let heldOn, let attendees):
            let list = try attendees.map { String(decoding: try JSONEncoder().encode($0), as: UTF8.self) }
            try db.cachedExecute(
                sql: "UPDATE social_event SET held_on = ?, attendees = ? WHERE network_id = ? AND number = ?",
                arguments: [heldOn.iso, list, networkID, number])
            guard db.changesCount == 1 else { throw DatabaseError(resultCode: .SQLITE_NOTFOUND, message: "no event \(number)") }
            let id = try RowID.cachedOne(db, sql: "SELECT id FROM social_event WHERE network_id = ? AND number = ?", arguments: [networkID, number])
            return id.map { .event($0) }
        case .startProject(let networkID, let title, let totalCost, let ownShare, let startedOn):
            let number = (try Int.cachedOne(db, sql: "SELECT MAX(number) FROM joint_project WHERE network_id = ?", arguments: [networkID]) ?? 0) + 1
            try db.cachedExecute(
                sql: "INSERT INTO joint_project (network_id, number, title, total_cents, own_cents, started_on) VALUES (?, ?, ?, ?, ?, ?)",
                arguments: [networkID, number, title, totalCost.cents, ownShare.cents, startedOn.iso])
            return .project(db.lastInsertedRowID)
        case .closeProject(let networkID, let number, let closedOn):
            try db.cachedExecute(
                sql: "UPDATE joint_project SET closed_on = ? WHERE network_id = ? AND number = ?", arguments: [closedOn.iso, networkID, number])
            guard db.changesCount == 1 else { throw DatabaseError(resultCode: .SQLITE_NOTFOUND, message: "no project \(number)") }
            return nil
        case .startPlan(let networkID, let on):
            try db.cachedExecute(sql: "UPDATE network SET plan_started_on = ? WHERE id = ?", arguments: [on.iso, networkID])
            return .plan(networkID: networkID)
        case .setStage(let networkID, let stage):
            try db.cachedExecute(sql: "UPDATE network SET stage_override = ? WHERE id = ?", arguments: [stage?.rawValue, networkID])
            return nil
        case .setOptOut(let phone, let optedOut):
            try db.cachedExecute(sql: "UPDATE member SET opted_out = ? WHERE phone = ?", arguments: [optedOut, phone])
            return nil
        case .setLanguage(let phone, let language):
            try db.cachedExecute(sql: "UPDATE member SET language = ? WHERE phone = ?", arguments: [language, phone])
            return nil
        case .undo(let ref):
            try undo(ref)
            return nil
        }
    }

    private func undo(_ ref: RecordRef) throws {
        switch ref {
        case .contribution(let id): try db.cachedExecute(sql: "DELETE FROM contribution WHERE id = ?", arguments: [id])
        case .meeting(let id):
            try db.cachedExecute(sql: "DELETE FROM attendance WHERE meeting_id = ?", arguments: [id])
            try db.cachedExecute(sql: "DELETE FROM meeting WHERE id = ?", arguments: [id])
        case .attendance(let meetingID, let memberID):
            try db.cachedExecute(sql: "DELETE FROM attendance WHERE meeting_id = ? AND member_id = ?", arguments: [meetingID, memberID])
        case .rating(let id): try db.cachedExecute(sql: "DELETE FROM rating WHERE id = ?", arguments: [id])
        case .event(let id):
            let held = try String.cachedOne(db, sql: "SELECT held_on FROM social_event WHERE id = ?", arguments: [id])
            if held != nil {
                try db.cachedExecute(sql: "UPDATE social_event SET held_on = NULL, attendees = NULL WHERE id = ?", arguments: [id])
            } else {
                try db.cachedExecute(sql: "DELETE FROM social_event WHERE id = ?", arguments: [id])
            }
        case .project(let id): try db.cachedExecute(sql: "DELETE FROM joint_project WHERE id = ?", arguments: [id])
        case .plan(let networkID): try db.cachedExecute(sql: "UPDATE network SET plan_started_on = NULL WHERE id = ?", arguments: [networkID])
        }
    }
}
