import Engine
import Foundation
import GRDB
import TrustCore

extension SQLiteTransaction: MessageLogTransaction {
    func inboundLog(senders: [String]?, before: Date?, limit: Int) async throws -> [InboundRecord] {
        if let senders, senders.isEmpty { return [] }
        var conditions: [String] = []
        var values: [(any DatabaseValueConvertible)?] = []
        if let senders {
            conditions.append("sender IN (\(Array(repeating: "?", count: senders.count).joined(separator: ", ")))")
            values += senders.map { $0 as (any DatabaseValueConvertible)? }
        }
        if let before {
            conditions.append("received_at < ?")
            values.append(before.timeIntervalSince1970)
        }
        values.append(max(0, limit))
        let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        let arguments = StatementArguments(values)
        return try access { db in
            try SQLiteRows.all(
                db,
                "SELECT \(SQLiteRows.inboundColumns) FROM inbound_message \(filter) ORDER BY received_at DESC, processed_at DESC, message_id DESC LIMIT ?",
                arguments, SQLiteRows.inbound)
        }
    }

    func requeue(id: Int64, now: Date) async throws -> Bool {
        let t = now.timeIntervalSince1970
        return try access { db in
            try db.cachedExecute(
                sql: """
                    UPDATE outbox SET status = 'queued', attempts = 0, not_before = ?, lease_until = NULL, updated_at = ?
                    WHERE id = ? AND status = 'dead'
                    """,
                arguments: [t, t, id])
            return db.changesCount > 0
        }
    }
}
