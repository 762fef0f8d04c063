import Engine
import Foundation
import PostgresNIO
import TrustCore

extension PostgresTransaction {
    /// `RecordScope.narrow` as queries: kinds left out are not read, a member's scope reads only that member's rows.
    func records(of network: Network, scope: RecordScope) async throws -> NetworkRecords {
        let networkID = network.id
        let from = scope.since?.postgres
        let contributionsFrom = scope.contributionsFrom?.postgres
        let member = scope.memberID
        let pending = scope.pendingOfAnyDate
        let kinds = scope.kinds
        func fetch<T>(_ kind: RecordScope.Kinds, _ query: PostgresQuery, _ row: (PostgresRandomAccessRow) throws -> T) async throws -> [T] {
            kinds.contains(kind) ? try await rows(query, "records").map(row) : []
        }
        return NetworkRecords(
            network: network,
            members: try await rows(
                """
                SELECT * FROM member WHERE network_id = \(networkID)
                AND (\(member)::bigint IS NULL OR id = \(member) OR (role = 'articulador' AND active))
                ORDER BY id
                """, "records"
            ).map(PostgresRows.member),
            meetings: try await fetch(
                .meetings, "SELECT * FROM meeting WHERE network_id = \(networkID) AND (\(from)::date IS NULL OR date >= \(from)) ORDER BY id",
                PostgresRows.meeting),
            attendance: try await fetch(
                .attendance,
                """
                SELECT a.* FROM attendance a JOIN meeting m ON m.id = a.meeting_id
                WHERE m.network_id = \(networkID) AND (\(from)::date IS NULL OR m.date >= \(from))
                AND (\(member)::bigint IS NULL OR a.member_id = \(member))
                ORDER BY a.meeting_id, a.member_id
                """, PostgresRows.attendance),
            events: try await fetch(
                .events,
                """
                SELECT * FROM social_event WHERE network_id = \(networkID) AND (\(from)::date IS NULL OR planned_on >= \(from))
                ORDER BY id
                """, PostgresRows.event),
            contributions: try await fetch(
                .contributions,
                """
                SELECT * FROM contribution WHERE network_id = \(networkID)
                AND (\(member)::bigint IS NULL OR member_id = \(member))
                AND (\(contributionsFrom)::date IS NULL OR reported_on >= \(contributionsFrom) OR (\(pending) AND status = 'pending'))
                ORDER BY id
                """, PostgresRows.contribution),
            ratings: try await fetch(
                .ratings,
                """
                SELECT * FROM rating WHERE network_id = \(networkID) AND (\(from)::date IS NULL OR rated_on >= \(from))
                AND (\(member)::bigint IS NULL OR member_id = \(member))
                ORDER BY id
                """, PostgresRows.rating),
            projects: try await fetch(.projects, "SELECT * FROM joint_project WHERE network_id = \(networkID) ORDER BY id", PostgresRows.project))
    }
}

extension PostgresTransaction {
    /// One `GROUP BY` on the server: one round trip, whatever the number of contributions.
    func contributionTotals(of network: Network, memberID: RowID, since: LocalDate) async throws -> ContributionTotals {
        let sums = try await rows(
            """
            SELECT status, SUM(amount_cents)::bigint AS cents FROM contribution
            WHERE member_id = \(memberID) AND network_id = \(network.id) AND reported_on >= \(since.postgres)
            GROUP BY status
            """, "contribution totals")
        var totals = ContributionTotals()
        for row in sums {
            totals.add(Money(cents: try row["cents"].decode(Int64.self)), status: ContributionStatus(rawValue: try row["status"].decode(String.self)))
        }
        return totals
    }
}
