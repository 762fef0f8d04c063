import Engine
import Foundation
import PostgresNIO
import TrustCore

extension PostgresTransaction {
    func enqueue(_ m: NewOutbound) async throws -> Int64 {
        let created = m.createdAt.timeIntervalSince1970
        let row = try await rows(
            """
            INSERT INTO outbox (recipient, text, encoding, segments, gateway, kind, network_id, status, not_before, created_at, updated_at)
            VALUES (\(m.to), \(m.text), \(m.encoding.rawValue), \(m.segments), \(m.gateway), \(m.kind), \(m.networkID), 'queued',
                    \(m.notBefore.timeIntervalSince1970), \(created), \(created))
            RETURNING id
            """, "enqueue")
        return try PostgresRows.id(row)
    }

    /// Leases due rows that no other instance holds: rows locked by a concurrent claimer are
    /// skipped, not waited for, so two claimers never get the same row.
    func claimOutbound(now: Date, limit: Int, leaseUntil: Date) async throws -> [OutboundMessage] {
        let t = now.timeIntervalSince1970
        let claimed = try await rows(
            """
            UPDATE outbox SET status = 'sending', lease_until = \(leaseUntil.timeIntervalSince1970), attempts = attempts + 1,
                updated_at = \(t)
            WHERE id IN (
                SELECT id FROM outbox
                WHERE (status = 'queued' AND not_before <= \(t)) OR (status = 'sending' AND lease_until <= \(t))
                ORDER BY not_before, id LIMIT \(limit)
                FOR UPDATE SKIP LOCKED)
            RETURNING *
            """, "claim_outbound")
        return try claimed.map { row in (try row["not_before"].decode(Double.self), try PostgresRows.outbox(row).message) }
            .sorted { ($0.0, $0.1.id) < ($1.0, $1.1.id) }
            .map(\.1)
    }

    /// Statuses only move forward: a delivery report that landed first (perhaps on another
    /// instance) stays; `.sent` then only records the gateway id.
    func completeOutbound(id: Int64, result: OutboundResult, now: Date) async throws {
        let t = now.timeIntervalSince1970
        switch result {
        case .sent(let gatewayID):
            try await execute(
                """
                UPDATE outbox SET status = CASE WHEN status IN ('queued', 'sending') THEN 'sent' ELSE status END,
                    gateway_id = \(gatewayID), lease_until = NULL, updated_at = \(t) WHERE id = \(id)
                """, "complete_outbound")
        case .retry(let at, let reason):
            try await execute(
                """
                UPDATE outbox SET status = 'queued', not_before = \(at.timeIntervalSince1970), last_error = \(reason),
                    lease_until = NULL, updated_at = \(t) WHERE id = \(id) AND status IN ('queued', 'sending')
                """, "complete_outbound")
        case .dead(let reason):
            try await execute(
                """
                UPDATE outbox SET status = 'dead', last_error = \(reason), lease_until = NULL, updated_at = \(t)
                WHERE id = \(id) AND status IN ('queued', 'sending')
                """, "complete_outbound")
        }
    }

    /// Matches by outbox id, else by gateway id; true when a row matched, even if the report was
    /// older than what the row already says (a report never moves a message back).
    func applyDeliveryReport(_ report: DeliveryReport, now: Date) async throws -> Bool {
        let t = now.timeIntervalSince1970
        let rank = OutboxStatusOrder.rank(report.status)
        let matched: [PostgresRandomAccessRow]
        if let id = report.outboxID {
            matched = try await rows("SELECT id FROM outbox WHERE id = \(id) FOR UPDATE", "delivery_report")
        } else if let gatewayID = report.gatewayID {
            matched = try await rows("SELECT id FROM outbox WHERE gateway_id = \(gatewayID) FOR UPDATE", "delivery_report")
        } else {
            return false
        }
        let ids = try matched.map { try $0["id"].decode(Int64.self) }
        guard !ids.isEmpty else { return false }
        try await execute(
            """
            UPDATE outbox SET status = \(report.status.rawValue), last_error = COALESCE(\(report.error), last_error), updated_at = \(t)
            WHERE id = ANY(\(ids)) AND \(unescaped: Self.statusRank) < \(rank)
            """, "delivery_report")
        return true
    }

    /// `OutboxStatusOrder.rank` in SQL.
    private static let statusRank = """
        CASE status WHEN 'queued' THEN 0 WHEN 'sending' THEN 1 WHEN 'sent' THEN 2 WHEN 'delivered' THEN 3 \
        WHEN 'failed' THEN 3 ELSE 9 END
        """

    func outboxStats(now: Date) async throws -> OutboxStats {
        let t = now.timeIntervalSince1970
        let row = try await rows(
            """
            SELECT COUNT(*) FILTER (WHERE status IN ('queued', 'sending')) AS pending,
                   COUNT(*) FILTER (WHERE status = 'dead') AS dead,
                   MIN(not_before) FILTER (WHERE status IN ('queued', 'sending') AND not_before <= \(t)) AS oldest
            FROM outbox
            """, "outbox_stats")
        guard let stats = row.first else { return OutboxStats(pending: 0, dead: 0, oldestDueAge: 0) }
        let oldest = try stats["oldest"].decode(Double?.self)
        return OutboxStats(
            pending: try stats["pending"].decode(Int.self), dead: try stats["dead"].decode(Int.self),
            oldestDueAge: oldest.map { max(0, t - $0) } ?? 0)
    }

    func outbound(limit: Int, status: DeliveryStatus?) async throws -> [OutboxRow] {
        if let status {
            return try await rows(
                "SELECT * FROM outbox WHERE status = \(status.rawValue) ORDER BY id DESC LIMIT \(limit)", "outbound"
            ).map(PostgresRows.outbox)
        }
        return try await rows("SELECT * FROM outbox ORDER BY id DESC LIMIT \(limit)", "outbound").map(PostgresRows.outbox)
    }

    func outboxCount(to recipient: String, kinds: [String], since: Date) async throws -> Int {
        guard !kinds.isEmpty else { return 0 }
        let row = try await rows(
            """
            SELECT COUNT(*) AS n FROM outbox
            WHERE recipient = \(recipient) AND kind = ANY(\(kinds)) AND created_at >= \(since.timeIntervalSince1970)
            """, "outbox_count")
        return try row.first?["n"].decode(Int.self) ?? 0
    }
}
