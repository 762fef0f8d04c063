import Engine
import Foundation
import GRDB
import TrustCore

extension SQLiteTransaction {
    func enqueue(_ m: NewOutbound) async throws -> Int64 {
        try access { db in
            try db.cachedExecute(
                sql: """
                    INSERT INTO outbox (recipient, text, encoding, segments, gateway, kind, network_id, status, not_before, created_at, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, 'queued', ?, ?, ?)
                    """,
                arguments: [m.to, m.text, m.encoding.rawValue, m.segments, m.gateway, m.kind, m.networkID,
                            m.notBefore.timeIntervalSince1970, m.createdAt.timeIntervalSince1970, m.createdAt.timeIntervalSince1970])
            return db.lastInsertedRowID
        }
    }

    func claimOutbound(now: Date, limit: Int, leaseUntil: Date) async throws -> [OutboundMessage] {
        let t = now.timeIntervalSince1970
        return try access { db in
            let ids = try Int64.cachedAll(
                db,
                sql: """
                    SELECT id FROM outbox
                    WHERE (status = 'queued' AND not_before <= ?) OR (status = 'sending' AND lease_until <= ?)
                    ORDER BY not_before, id LIMIT ?
                    """,
                arguments: [t, t, limit])
            guard !ids.isEmpty else { return [] }
            let list = ids.map(String.init).joined(separator: ",")
            try db.execute(
                sql: "UPDATE outbox SET status = 'sending', lease_until = ?, attempts = attempts + 1, updated_at = ? WHERE id IN (\(list))",
                arguments: [leaseUntil.timeIntervalSince1970, t])
            return try Row.fetchAll(db, sql: "SELECT * FROM outbox WHERE id IN (\(list)) ORDER BY not_before, id").map { SQLiteRows.outbox($0).message }
        }
    }

    func completeOutbound(id: Int64, result: OutboundResult, now: Date) async throws {
        let t = now.timeIntervalSince1970
        // Statuses only move forward: a delivery report that arrived before this commit stays.
        try access { db in
            switch result {
            case .sent(let gatewayID):
                try db.cachedExecute(
                    sql: """
                        UPDATE outbox SET status = CASE WHEN status IN ('queued', 'sending') THEN 'sent' ELSE status END,
                        gateway_id = ?, lease_until = NULL, updated_at = ? WHERE id = ?
                        """,
                    arguments: [gatewayID, t, id])
            case .retry(let at, let reason):
                try db.cachedExecute(
                    sql: """
                        UPDATE outbox SET status = 'queued', not_before = ?, last_error = ?, lease_until = NULL, updated_at = ?
                        WHERE id = ? AND status IN ('queued', 'sending')
                        """,
                    arguments: [at.timeIntervalSince1970, reason, t, id])
            case .dead(let reason):
                try db.cachedExecute(
                    sql: """
                        UPDATE outbox SET status = 'dead', last_error = ?, lease_until = NULL, updated_at = ?
                        WHERE id = ? AND status IN ('queued', 'sending')
                        """,
                    arguments: [reason, t, id])
            }
        }
    }

    func applyDeliveryReport(_ report: DeliveryReport, now: Date) async throws -> Bool {
        // A report never moves a message back (a late "accepted by the SMSC" after "delivered").
        let rank = "CASE status WHEN 'queued' THEN 0 WHEN 'sending' THEN 1 WHEN 'sent' THEN 2 WHEN 'delivered' THEN 3 WHEN 'failed' THEN 3 ELSE 9 END"
        return try access { db in
            let t = now.timeIntervalSince1970
            let key: (column: String, value: any DatabaseValueConvertible)
            if let id = report.outboxID {
                key = ("id", id)
            } else if let gatewayID = report.gatewayID {
                key = ("gateway_id", gatewayID)
            } else {
                return false
            }
            let exists = try Int.cachedOne(db, sql: "SELECT COUNT(*) FROM outbox WHERE \(key.column) = ?", arguments: [key.value]) ?? 0
            try db.cachedExecute(
                sql: """
                    UPDATE outbox SET status = ?, last_error = COALESCE(?, last_error), updated_at = ?
                    WHERE \(key.column) = ? AND \(rank) < ?
                    """,
                arguments: [report.status.rawValue, report.error, t, key.value, OutboxStatusOrder.rank(report.status)])
            return exists > 0
        }
    }

    func outboxStats(now: Date) async throws -> OutboxStats {
        try access { db in
            let pending = try Int.cachedOne(db, sql: "SELECT COUNT(*) FROM outbox WHERE status IN ('queued', 'sending')") ?? 0
            let dead = try Int.cachedOne(db, sql: "SELECT COUNT(*) FROM outbox WHERE status = 'dead'") ?? 0
            let oldest = try Double.fetchOne(
                db, sql: "SELECT MIN(not_before) FROM outbox WHERE status IN ('queued', 'sending') AND not_before <= ?",
                arguments: [now.timeIntervalSince1970])
            return OutboxStats(pending: pending, dead: dead, oldestDueAge: oldest.map { max(0, now.timeIntervalSince1970 - $0) } ?? 0)
        }
    }

    func outbound(limit: Int, status: DeliveryStatus?) async throws -> [OutboxRow] {
        try access { db in
            if let status {
                return try Row.cachedAll(db, sql: "SELECT * FROM outbox WHERE status = ? ORDER BY id DESC LIMIT ?", arguments: [status.rawValue, limit])
                    .map(SQLiteRows.outbox)
            }
            return try Row.cachedAll(db, sql: "SELECT * FROM outbox ORDER BY id DESC LIMIT ?", arguments: [limit]).map(SQLiteRows.outbox)
        }
    }

    func outboxCount(to recipient: String, kinds: [String], since: Date) async throws -> Int {
        guard !kinds.isEmpty else { return 0 }
        let marks = Array(repeating: "?", count: kinds.count).joined(separator: ", ")
        var values: [(any DatabaseValueConvertible)?] = [recipient]
        values += kinds.map { $0 as (any DatabaseValueConvertible)? }
        values.append(since.timeIntervalSince1970)
        let arguments = StatementArguments(values)
        return try access { db in
            try Int.cachedOne(
                db, sql: "SELECT COUNT(*) FROM outbox WHERE recipient = ? AND kind IN (\(marks)) AND created_at >= ?",
                arguments: arguments) ?? 0
        }
    }
}
