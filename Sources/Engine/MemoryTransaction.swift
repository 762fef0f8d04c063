import Foundation
import TrustCore

/// A unit of work on a copy of the memory tables.
final class MemoryTransaction: StoreTransaction, @unchecked Sendable {
    var tables: MemoryTables
    let readOnly: Bool

    init(tables: MemoryTables, readOnly: Bool = false) {
        self.tables = tables
        self.readOnly = readOnly
    }

    private func write() throws {
        if readOnly { throw MemoryStoreError(description: "write in a read-only transaction") }
    }

    func inbound(gateway: String, messageID: String) async throws -> InboundRecord? {
        tables.inbound["\(gateway)\u{0}\(messageID)"]
    }

    func insertInbound(_ record: InboundRecord) async throws {
        try write()
        let key = "\(record.gateway)\u{0}\(record.messageID)"
        guard tables.inbound[key] == nil else { throw MemoryStoreError(description: "duplicate inbound message") }
        tables.inbound[key] = record
    }

    func savepoint<T>(_ work: () async throws -> T) async throws -> T {
        let saved = tables
        do {
            return try await work()
        } catch {
            tables = saved
            throw error
        }
    }

    func networks() async throws -> [Network] { tables.networks.values.sorted { $0.code < $1.code } }
    func network(code: String) async throws -> Network? { tables.networks.values.first { $0.code == code.uppercased() } }
    func network(id: RowID) async throws -> Network? { tables.networks[id] }

    func insertNetwork(_ new: NewNetwork) async throws -> Network {
        try write()
        let code = new.code.uppercased()
        guard !tables.networks.values.contains(where: { $0.code == code }) else {
            throw MemoryStoreError(description: "network code \(code) exists")
        }
        let network = Network(id: tables.newID(), code: code, name: new.name, timeZone: new.timeZone, createdAt: new.createdAt)
        tables.networks[network.id] = network
        return network
    }

    func updateNetwork(_ network: Network) async throws {
        try write()
        // Only the mutable fields, as the SQL stores do (code and creation time stay).
        guard var stored = tables.networks[network.id] else { return }
        stored.name = network.name
        stored.timeZone = network.timeZone
        stored.stageOverride = network.stageOverride
        stored.planStartedOn = network.planStartedOn
        tables.networks[network.id] = stored
    }

    func members(phone: String) async throws -> [Member] {
        tables.members.values.filter { $0.phone == phone }.sorted { $0.id < $1.id }
    }

    func members(networkID: RowID) async throws -> [Member] {
        tables.members.values.filter { $0.networkID == networkID }.sorted { $0.roster < $1.roster }
    }

    func member(id: RowID) async throws -> Member? { tables.members[id] }

    func insertMember(_ new: NewMember) async throws -> Member {
        try write()
        let rows = tables.members.values.filter { $0.networkID == new.networkID }
        if rows.contains(where: { $0.phone == new.phone }) {
            throw MemoryStoreError(description: "phone already in network")
        }
        let roster = new.roster ?? ((rows.map(\.roster).max() ?? 0) + 1)
        if rows.contains(where: { $0.roster == roster }) { throw MemoryStoreError(description: "roster number taken") }
        let member = Member(
            id: tables.newID(), networkID: new.networkID, phone: new.phone, name: new.name, gender: new.gender,
            roster: roster, role: new.role, language: new.language, joinedOn: new.joinedOn)
        tables.members[member.id] = member
        return member
    }

    func updateMember(_ member: Member) async throws {
        try write()
        guard let stored = tables.members[member.id] else { return }
        // The same unique keys as the SQL stores: (network, roster) and (network, phone).
        let others = tables.members.values.filter { $0.networkID == stored.networkID && $0.id != member.id }
        if others.contains(where: { $0.roster == member.roster }) { throw MemoryStoreError(description: "roster number taken") }
        if member.phone != nil, others.contains(where: { $0.phone == member.phone }) {
            throw MemoryStoreError(description: "phone already in network")
        }
        var updated = member
        updated.networkID = stored.networkID
        tables.members[member.id] = updated
    }

    func conversationState(phone: String) async throws -> Data? { tables.states[phone] }

    func saveConversationState(phone: String, state: Data, updatedAt: Date) async throws {
        try write()
        tables.states[phone] = state
    }

    func noteUnknownPhone(_ phone: String, day: LocalDate) async throws -> Bool {
        try write()
        return tables.unknownNotices.insert("\(phone)\u{0}\(day.iso)").inserted
    }

    func apply(_ change: RecordChange) async throws -> RecordRef? {
        try write()
        var applier = MemoryRecordApplier(tables: tables)
        let ref = try applier.apply(change)
        tables = applier.tables
        return ref
    }

    func records(networkID: RowID, since: LocalDate?) async throws -> NetworkRecords {
        guard let network = tables.networks[networkID] else { throw MemoryStoreError(description: "no network \(networkID)") }
        let keep: (LocalDate) -> Bool = { day in since.map { day >= $0 } ?? true }
        let meetings = tables.meetings.values.filter { $0.networkID == networkID && keep($0.date) }.sorted { $0.id < $1.id }
        let meetingIDs = Set(meetings.map(\.id))
        return NetworkRecords(
            network: network,
            members: tables.members.values.filter { $0.networkID == networkID }.sorted { $0.id < $1.id },
            meetings: meetings,
            attendance: tables.attendance.values.filter { meetingIDs.contains($0.meetingID) }
                .sorted { ($0.meetingID, $0.memberID) < ($1.meetingID, $1.memberID) },
            events: tables.events.values.filter { $0.networkID == networkID && keep($0.plannedOn) }.sorted { $0.id < $1.id },
            contributions: tables.contributions.values.filter { $0.networkID == networkID && keep($0.reportedOn) }
                .sorted { $0.id < $1.id },
            ratings: tables.ratings.sorted { $0.key < $1.key }.map(\.value).filter { $0.networkID == networkID && keep($0.ratedOn) },
            projects: tables.projects.values.filter { $0.networkID == networkID }.sorted { $0.id < $1.id })
    }

    func enqueue(_ message: NewOutbound) async throws -> Int64 {
        try write()
        let id = tables.newID()
        let outbound = OutboundMessage(
            id: id, to: message.to, text: message.text, encoding: message.encoding, segments: message.segments,
            gateway: message.gateway)
        tables.outbox[id] = MemoryOutboxRow(
            row: OutboxRow(
                message: outbound, status: .queued, kind: message.kind, networkID: message.networkID, gatewayID: nil,
                lastError: nil, createdAt: message.createdAt, updatedAt: message.createdAt),
            notBefore: message.notBefore, leaseUntil: nil)
        return id
    }

    func claimOutbound(now: Date, limit: Int, leaseUntil: Date) async throws -> [OutboundMessage] {
        try write()
        let due = tables.outbox.values.filter { entry in
            switch entry.row.status {
            case .queued: entry.notBefore <= now
            case .sending: (entry.leaseUntil ?? now) <= now
            default: false
            }
        }.sorted { ($0.notBefore, $0.row.message.id) < ($1.notBefore, $1.row.message.id) }.prefix(limit)
        return due.map { entry in
            var claimed = entry
            claimed.row.status = .sending
            claimed.leaseUntil = leaseUntil
            claimed.row.message.attempts += 1
            claimed.row.updatedAt = now
            tables.outbox[entry.row.message.id] = claimed
            return claimed.row.message
        }
    }

    func completeOutbound(id: Int64, result: OutboundResult, now: Date) async throws {
        try write()
        guard var entry = tables.outbox[id] else { return }
        // Statuses only move forward: a delivery report that arrived before this commit stays.
        if case .sent = result {} else if entry.row.status != .queued && entry.row.status != .sending { return }
        switch result {
        case .sent(let gatewayID):
            if entry.row.status == .queued || entry.row.status == .sending { entry.row.status = .sent }
            entry.row.gatewayID = gatewayID
        case .retry(let at, let reason):
            entry.row.status = .queued
            entry.notBefore = at
            entry.row.lastError = reason
        case .dead(let reason):
            entry.row.status = .dead
            entry.row.lastError = reason
        }
        entry.leaseUntil = nil
        entry.row.updatedAt = now
        tables.outbox[id] = entry
    }

    func applyDeliveryReport(_ report: DeliveryReport, now: Date) async throws -> Bool {
        try write()
        let match = tables.outbox.values.first { entry in
            if let id = report.outboxID { return entry.row.message.id == id }
            if let gatewayID = report.gatewayID { return entry.row.gatewayID == gatewayID }
            return false
        }
        guard var entry = match else { return false }
        // A report never moves a message back (a late "accepted by the SMSC" after "delivered").
        guard OutboxStatusOrder.rank(entry.row.status) < OutboxStatusOrder.rank(report.status) else { return true }
        entry.row.status = report.status
        entry.row.lastError = report.error ?? entry.row.lastError
        entry.row.updatedAt = now
        tables.outbox[entry.row.message.id] = entry
        return true
    }

    func outboxStats(now: Date) async throws -> OutboxStats {
        let waiting = tables.outbox.values.filter { $0.row.status == .queued || $0.row.status == .sending }
        let oldest = waiting.filter { $0.notBefore <= now }.map(\.notBefore).min()
        return OutboxStats(
            pending: waiting.count, dead: tables.outbox.values.filter { $0.row.status == .dead }.count,
            oldestDueAge: oldest.map { max(0, now.timeIntervalSince($0)) } ?? 0)
    }

    func outbound(limit: Int, status: DeliveryStatus?) async throws -> [OutboxRow] {
        tables.outbox.values.map(\.row).filter { status == nil || $0.status == status }
            .sorted { $0.message.id > $1.message.id }.prefix(limit).map { $0 }
    }

    func outboxCount(to recipient: String, kinds: [String], since: Date) async throws -> Int {
        tables.outbox.values.filter { entry in
            entry.row.message.to == recipient && kinds.contains(entry.row.kind) && entry.row.createdAt >= since
        }.count
    }

    func claimSummary(networkID: RowID, week: String, recipient: String, at: Date) async throws -> Bool {
        try write()
        return tables.summaries.insert("\(networkID)\u{0}\(week)\u{0}\(recipient)").inserted
    }
}
