import Engine
import Foundation
import Testing
import TrustCore

/// Values the cases share. Instants are whole quarters of a second so that every store (seconds as
/// a double, since 1970) round-trips them exactly.
enum Fixture {
    /// A Tuesday afternoon in Lima, 2025-11-24.
    static let t0 = Date(timeIntervalSince1970: 1_764_000_000.25)

    /// `t0` moved by `seconds`.
    static func at(_ seconds: Double) -> Date { t0.addingTimeInterval(seconds) }

    /// A calendar day; records an issue (and throws) when the components are not a day.
    static func day(_ year: Int, _ month: Int, _ day: Int) throws -> LocalDate {
        try #require(LocalDate(year: year, month: month, day: day))
    }

    /// A processed inbound message.
    static func inbound(
        _ messageID: String, gateway: String = "kannel", from: String = "+51987000001", text: String = "APORTE 20",
        replies: [String] = ["Gracias, aporte de S/ 20.00 registrado."]
    ) -> InboundRecord {
        InboundRecord(
            gateway: gateway, messageID: messageID, from: from, to: "+51900000000", text: text, receivedAt: at(-2),
            processedAt: at(-1.5), replies: replies, outcome: "ok")
    }

    /// A network to create.
    static func newNetwork(_ code: String, name: String? = nil) -> NewNetwork {
        NewNetwork(code: code, name: name ?? "Red \(code)", timeZone: "America/Lima", createdAt: at(-86_400))
    }

    /// A roster row to create (roster number assigned unless given).
    static func newMember(
        _ networkID: RowID, _ phone: String, name: String = "Socia", role: Role = .socio, roster: Int? = nil
    ) throws -> NewMember {
        NewMember(
            networkID: networkID, phone: phone, name: name, gender: .female, roster: roster, role: role, language: "es",
            joinedOn: try day(2025, 3, 1))
    }

    /// An outbox message to create.
    static func outbound(_ to: String, notBefore: Date = t0, text: String = "Hola", kind: String = "reply") -> NewOutbound {
        NewOutbound(
            to: to, text: text, encoding: .gsm7, segments: 1, gateway: "console", notBefore: notBefore, kind: kind,
            networkID: nil, createdAt: at(-10))
    }

    /// A network with a presidente, two socios, an articulador and an inactive socio.
    static func seedNetwork(_ store: any Store, code: String = "HUAMBO") async throws -> Seeded {
        try await store.transaction { tx async throws in
            let network = try await tx.insertNetwork(newNetwork(code))
            let leader = try await tx.insertMember(newMember(network.id, "+51987000001", name: "Rosa Quispe", role: .presidente))
            let ana = try await tx.insertMember(newMember(network.id, "+51987000002", name: "Ana Mamani"))
            let luz = try await tx.insertMember(newMember(network.id, "+51987000003", name: "Luz Huaman"))
            let articulador = try await tx.insertMember(newMember(network.id, "+51987000009", name: "Jorge", role: .articulador))
            var gone = try await tx.insertMember(newMember(network.id, "+51987000004", name: "Eva"))
            gone.active = false
            try await tx.updateMember(gone)
            return Seeded(network: network, leader: leader, ana: ana, luz: luz, articulador: articulador, inactive: gone)
        }
    }

    /// The rows `seedNetwork` made.
    struct Seeded: Sendable {
        var network: Network
        var leader: Member
        var ana: Member
        var luz: Member
        var articulador: Member
        var inactive: Member
    }
}

/// The error a case throws on purpose to roll a unit of work back.
struct Rollback: Error, Equatable {}
