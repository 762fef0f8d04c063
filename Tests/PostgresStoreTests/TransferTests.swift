import Conversation
import Engine
import Foundation
import GRDB
import PostgresNIO
import PostgresStore
import SQLiteStore
import Testing
import TrustCore

/// `confianza transfer`: an installation filled through the real pipeline on SQLite, copied to
/// PostgreSQL, must give the same indicators, the same rows, and keep recognising old messages.
@Suite(
    "SQLite to PostgreSQL transfer", .serialized,
    .enabled(if: PostgresTestDatabase.url != nil, PostgresTestDatabase.skipReason))
struct TransferTests {
    static let lima = TimeZone(identifier: "America/Lima")!
    /// 2026-11-24 10:00 Lima (a Tuesday).
    static let now = LocalDate(year: 2026, month: 11, day: 24)!.start(in: lima).addingTimeInterval(10 * 3600)
    static let rosa = "+51987000004"

    static var messagesDirectory: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("config/messages").path
    }

    static func pipeline(_ store: any Store) throws -> InboundPipeline {
        InboundPipeline(store: store, bot: Bot(book: try MessageLoader.load(directory: messagesDirectory)))
    }

    static func message(_ text: String, id: String, from: String = rosa, minutes: Double) -> InboundMessage {
        InboundMessage(gateway: "generic", gatewayMessageID: id, from: from, to: "12345", text: text, receivedAt: now + minutes * 60)
    }

    /// A SQLite installation built the way a live one is: roster, conversation through the pipeline
    /// (replies to the outbox), records, a summary claim, an outbox row sent and one dead, users, a
    /// session, a token, and a deleted network row so that the id sequence is ahead of the largest id.
    static func fill(_ sqlite: SQLiteStore, path: String) async throws -> RowID {
        let network = try await sqlite.transaction { tx in
            _ = try await tx.insertNetwork(NewNetwork(code: "BORRADA", name: "Se borra"))
            let network = try await tx.insertNetwork(NewNetwork(code: "HUAMBO", name: "Lácteos Huambocancha"))
            let day = LocalDate(year: 2026, month: 1, day: 5)!
            let julio = try await tx.insertMember(
                NewMember(networkID: network.id, phone: "+51987000001", name: "Julio Chávez", roster: 1, role: .presidente, joinedOn: day))
            let rosa = try await tx.insertMember(
                NewMember(networkID: network.id, phone: Self.rosa, name: "Rosa Quispe", gender: .female, roster: 4, joinedOn: day))
            _ = try await tx.apply(.registerMeeting(
                networkID: network.id, kind: .ordinary, date: LocalDate(year: 2026, month: 11, day: 20)!, registeredBy: julio.id,
                present: [julio.id, rosa.id]))
            _ = try await tx.apply(.planEvent(networkID: network.id, title: "Feria", plannedOn: LocalDate(year: 2026, month: 11, day: 1)!))
            _ = try await tx.apply(.closeEvent(
                networkID: network.id, number: 1, heldOn: LocalDate(year: 2026, month: 11, day: 2)!, attendees: [julio.id, rosa.id]))
            _ = try await tx.apply(.startProject(
                networkID: network.id, title: "Tanque", totalCost: Money(soles: 900), ownShare: Money(soles: 300),
                startedOn: LocalDate(year: 2026, month: 10, day: 1)!))
            _ = try await tx.apply(.rate(Rating(
                networkID: network.id, memberID: rosa.id, indicator: .q1, score: 4, ratedOn: LocalDate(year: 2026, month: 11, day: 20)!,
                meetingID: nil)))
            return network
        }
        let pipeline = try Self.pipeline(sqlite)
        let script = [("aporte 20", "m1"), ("1", "m2"), ("hola", "m3"), ("aporte 15", "m4"), ("si", "m5")]
        for (minute, (text, id)) in script.enumerated() {
            _ = try await pipeline.handle(message(text, id: id, minutes: Double(minute)), inlineReply: false, now: now + Double(minute) * 60)
        }
        _ = try await pipeline.handle(message("hola", id: "u1", from: "+51999111222", minutes: 9), inlineReply: false, now: now + 540)
        try await sqlite.transaction { tx in
            let auth = try tx.auth()
            _ = try await auth.insertDashboardUser(NewDashboardUser(name: "admin", passwordHash: "$2b$10$x", role: .admin, createdAt: now))
            _ = try await auth.insertAPIToken(name: "bi", tokenHash: String(repeating: "e", count: 64), createdAt: now)
            _ = try await auth.insertDashboardSession(StoredSession(key: "s1", data: Data([0, 1, 2]), expiresAt: now + 3600), now: now)
            #expect(try await tx.claimSummary(networkID: network.id, week: "2026-W47", recipient: "+51987000001", at: now))
            let claimed = try await tx.claimOutbound(now: now + 600, limit: 2, leaseUntil: now + 660)
            try #require(claimed.count == 2)
            try await tx.completeOutbound(id: claimed[0].id, result: .sent(gatewayID: "gw-1"), now: now + 601)
            try await tx.completeOutbound(id: claimed[1].id, result: .dead(reason: "blocked"), now: now + 601)
        }
        // Raw SQL on a second connection: the store offers no way to delete a network.
        try await DatabaseQueue(path: path).write { db in try db.execute(sql: "DELETE FROM network WHERE code = 'BORRADA'") }
        return network.id
    }

    @Test("a filled SQLite file moves to PostgreSQL without loss, once")
    func transfer() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("confianza-transfer-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("confianza.sqlite").path
        let sqlite = try SQLiteStore(path: path)
        let networkID = try await Self.fill(sqlite, path: path)
        let dump = try await sqlite.dump()

        try await PostgresTestDatabase.withStores(migrate: false) { db in
            let counts = try await db.store.transfer(dump)
            #expect(counts.allSatisfy { $0.source == $0.target }, "\(counts)")
            let byTable = Dictionary(uniqueKeysWithValues: counts.map { ($0.table, $0.target) })
            #expect(byTable["network"] == 1 && byTable["inbound_message"] == 6 && byTable["summary_sent"] == 1)
            #expect(byTable["dashboard_user"] == 1 && byTable["api_token"] == 1 && byTable["dashboard_session"] == 1)
            #expect(byTable["contribution"] == 2 && byTable["social_event"] == 1 && byTable["attendance"] == 2)
            #expect(counts.map(\.table) == StoreTables.all.map(\.name))

            // Same indicators, same records, same outbox, same users.
            let period = Period.lastCompleteWeeks(4, before: LocalDate(year: 2026, month: 11, day: 30)!)
            let settings = IndicatorSettings.defaults
            let before = try await sqlite.read { tx in try await Reports.report(tx, networkID: networkID, period: period, settings: settings) }
            let after = try await db.store.read { tx in try await Reports.report(tx, networkID: networkID, period: period, settings: settings) }
            #expect(before == after)
            let since = LocalDate(year: 2025, month: 1, day: 1)!
            #expect(try await sqlite.read { tx in try await tx.records(networkID: networkID, since: since) }
                == db.store.read { tx in try await tx.records(networkID: networkID, since: since) })
            #expect(try await sqlite.read { tx in try await tx.outbound(limit: 100, status: nil) }
                == db.store.read { tx in try await tx.outbound(limit: 100, status: nil) })
            #expect(try await sqlite.read { tx in try await tx.auth().dashboardUsers() }
                == db.store.read { tx in try await tx.auth().dashboardUsers() })
            #expect(try await db.store.read { tx in try await tx.auth().dashboardSession(key: "s1", now: Self.now) }?.data == Data([0, 1, 2]))
            #expect(try await sqlite.read { tx in try await tx.messageLog().inboundLog(senders: nil, before: nil, limit: 100) }
                == db.store.read { tx in try await tx.messageLog().inboundLog(senders: nil, before: nil, limit: 100) })
            #expect(try await db.store.read { tx in try await tx.conversationState(phone: Self.rosa) }
                == sqlite.read { tx in try await tx.conversationState(phone: Self.rosa) })

            // The dedupe keys came along: a gateway retry of an old message changes nothing.
            let pipeline = try Self.pipeline(db.store)
            let retry = try await pipeline.handle(Self.message("1", id: "m2", minutes: 1), inlineReply: false, now: Self.now + 3600)
            #expect(retry.duplicate)
            #expect(try await db.store.read { tx in try await tx.records(networkID: networkID, since: since) }.contributions.count == 2)
            // The claimed summary stays claimed.
            #expect(try await db.store.transaction { tx in
                try await tx.claimSummary(networkID: networkID, week: "2026-W47", recipient: "+51987000001", at: Self.now)
            } == false)
            // Sequences continue after the copied ids (and after the deleted network's id).
            let next = try await db.store.transaction { tx in try await tx.insertNetwork(NewNetwork(code: "NUEVA", name: "Nueva")) }
            #expect(next.id == networkID + 1)
            let fresh = try await pipeline.handle(Self.message("hola", id: "m9", minutes: 70), inlineReply: false, now: Self.now + 4200)
            #expect(!fresh.duplicate && fresh.replies.count == 1)

            // A second transfer into the now non-empty database is refused and writes nothing.
            await #expect {
                try await db.store.transfer(dump)
            } throws: { error in
                (error as? StoreTransferError)?.message.contains("not empty") == true
            }
            #expect(try await db.store.read { tx in try await tx.networks() }.count == 2)
        }
    }

    @Test("a source with a table this build does not know is refused")
    func unknownTable() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("confianza-transfer-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("confianza.sqlite").path
        let sqlite = try SQLiteStore(path: path)
        try await DatabaseQueue(path: path).write { db in try db.execute(sql: "CREATE TABLE extra (id INTEGER)") }
        await #expect {
            _ = try await sqlite.dump()
        } throws: { error in
            (error as? StoreTransferError)?.message.contains("extra") == true
        }
    }
}
