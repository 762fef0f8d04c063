import Conversation
import Engine
import Foundation
import TrustCore

/// A roster in a store, the real message files, and a pipeline over them.
struct EngineFixture {
    static let lima = TimeZone(identifier: "America/Lima")!
    /// 2026-11-24 10:00 Lima (a Tuesday).
    static let now = LocalDate(year: 2026, month: 11, day: 24)!.start(in: lima).addingTimeInterval(10 * 3600)
    static let rosaPhone = "+51987000004"

    /// The repository's `config/messages` folder.
    static var messagesDirectory: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("config/messages").path
    }

    let store: any Store
    let pipeline: InboundPipeline
    let network: Network
    let rosa: Member

    /// Creates network HUAMBO with Rosa (roster 4) and a tesorero.
    static func make(store: any Store, floodLimit: Int = 20) async throws -> EngineFixture {
        let book = try MessageLoader.load(directory: messagesDirectory)
        let pipeline = InboundPipeline(store: store, bot: Bot(book: book), settings: PipelineSettings(floodLimitPerMinute: floodLimit))
        let (network, rosa) = try await store.transaction { tx in
            let network = try await tx.insertNetwork(NewNetwork(code: "HUAMBO", name: "Lácteos Huambocancha"))
            let day = LocalDate(year: 2026, month: 1, day: 5)!
            _ = try await tx.insertMember(NewMember(networkID: network.id, phone: "+51987000001", name: "Julio Chávez", roster: 1, role: .presidente, joinedOn: day))
            let rosa = try await tx.insertMember(NewMember(networkID: network.id, phone: rosaPhone, name: "Rosa Quispe", gender: .female, roster: 4, joinedOn: day))
            return (network, rosa)
        }
        return EngineFixture(store: store, pipeline: pipeline, network: network, rosa: rosa)
    }

    /// A message from `from` with gateway id `id`.
    static func message(_ text: String, id: String, from: String = rosaPhone, gateway: String = "generic", at: Date = now) -> InboundMessage {
        InboundMessage(gateway: gateway, gatewayMessageID: id, from: from, to: "12345", text: text, receivedAt: at)
    }

    func contributions() async throws -> [Contribution] {
        try await store.read { [network] tx in try await tx.records(networkID: network.id, since: nil).contributions }
    }
}
