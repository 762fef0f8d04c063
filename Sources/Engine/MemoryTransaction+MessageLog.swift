import Foundation
import TrustCore

extension MemoryTransaction: MessageLogTransaction {
    func inboundLog(senders: [String]?, before: Date?, limit: Int) async throws -> [InboundRecord] {
        let wanted = senders.map(Set.init)
        return tables.inbound.values
            .filter { record in
                (wanted?.contains(record.from) ?? true) && (before.map { record.receivedAt < $0 } ?? true)
            }
            .sorted { ($0.receivedAt, $0.processedAt, $0.messageID) > ($1.receivedAt, $1.processedAt, $1.messageID) }
            .prefix(max(0, limit)).map { $0 }
    }

    func requeue(id: Int64, now: Date) async throws -> Bool {
        if readOnly { throw MemoryStoreError(description: "write in a read-only transaction") }
        guard var entry = tables.outbox[id], entry.row.status == .dead else { return false }
        entry.row.status = .queued
        entry.row.message.attempts = 0
        entry.row.updatedAt = now
        entry.notBefore = now
        entry.leaseUntil = nil
        tables.outbox[id] = entry
        return true
    }
}
