import Engine
import Foundation
import PostgresNIO
import TrustCore

/// The inbound audit log for the dashboard and the retry of a dead-lettered message.
extension PostgresTransaction: MessageLogTransaction {
    func inboundLog(senders: [String]?, before: Date?, limit: Int) async throws -> [InboundRecord] {
        if let senders, senders.isEmpty { return [] }
        // Optional filters as bound values (NULL: no filter), so the SQL text stays constant.
        let everyone = senders == nil
        let before = before?.timeIntervalSince1970
        return try await rows(
            """
            SELECT * FROM inbound_message
            WHERE (\(everyone) OR sender = ANY(\(senders ?? [])))
              AND (\(before)::DOUBLE PRECISION IS NULL OR received_at < \(before))
            ORDER BY received_at DESC, processed_at DESC, message_id COLLATE "C" DESC LIMIT \(max(0, limit))
            """, "inbound_log"
        ).map(PostgresRows.inbound)
    }

    func requeue(id: Int64, now: Date) async throws -> Bool {
        let t = now.timeIntervalSince1970
        return try await !rows(
            """
            UPDATE outbox SET status = 'queued', attempts = 0, not_before = \(t), lease_until = NULL, updated_at = \(t)
            WHERE id = \(id) AND status = 'dead' RETURNING id
            """, "requeue"
        ).isEmpty
    }
}
