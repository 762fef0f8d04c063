import Conversation
import Engine
import Foundation
import SQLiteStore
import Testing
import TrustCore

@Suite("SQLite file store")
struct SQLitePersistenceTests {
    static var messages: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("config/messages").path
    }

    @Test func aConfirmedContributionSurvivesReopeningTheFile() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("confianza-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("data/confianza.sqlite").path
        let now = LocalDate(year: 2026, month: 11, day: 24)!.start(in: TimeZone(identifier: "America/Lima")!) + 36_000
        do {
            let store = try SQLiteStore(path: path)
            let network = try await store.transaction { tx in try await tx.insertNetwork(NewNetwork(code: "HUAMBO", name: "Huambo")) }
            _ = try await store.transaction { tx in
                try await tx.insertMember(NewMember(networkID: network.id, phone: "+51987000004", name: "Rosa", joinedOn: LocalDate(year: 2026, month: 1, day: 1)!))
            }
            let pipeline = InboundPipeline(store: store, bot: Bot(book: try MessageLoader.load(directory: Self.messages)))
            let message = { (text: String, id: String) in
                InboundMessage(gateway: "console", gatewayMessageID: id, from: "987000004", to: "c", text: text, receivedAt: now)
            }
            _ = try await pipeline.handle(message("APORTE 20", "1"), inlineReply: true, now: now)
            _ = try await pipeline.handle(message("1", "2"), inlineReply: true, now: now + 5)
        }
        let reopened = try SQLiteStore(path: path)
        let contributions = try await reopened.read { tx in
            let network = try #require(try await tx.network(code: "HUAMBO"))
            return try await tx.records(networkID: network.id, since: nil).contributions
        }
        #expect(contributions.map(\.amount) == [Money(soles: 20)])
        #expect(try reopened.appliedMigrations() == ["v1 roster, records, messages, outbox", "v2 dashboard users, sessions, API tokens", "v3 contributions by member"])
    }

    @Test func backupWritesAConsistentCopy() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("confianza-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try SQLiteStore(path: folder.appendingPathComponent("live.sqlite").path)
        _ = try await store.transaction { tx in try await tx.insertNetwork(NewNetwork(code: "FLORES", name: "Flores")) }
        let copyPath = folder.appendingPathComponent("copy.sqlite").path
        try await store.backup(to: copyPath)
        let copy = try SQLiteStore(path: copyPath)
        let codes = try await copy.read { tx in try await tx.networks().map(\.code) }
        #expect(codes == ["FLORES"])
    }

    @Test func theWriterFsyncsEveryCommit() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("confianza-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try SQLiteStore(path: folder.appendingPathComponent("c.sqlite").path)
        #expect(try store.synchronousMode() == 2, "synchronous must be FULL (2) on the writer, also in WAL mode")
    }
}
