import Engine
import Foundation
import TrustCore

/// Writes the demo programme through the store port (`insertNetwork`, `insertMember`, `RecordChange`s via
/// `apply`, the message log and the outbox), from seeded randomness, so that the same seed and day always give
/// the same history. Three networks with deliberately different health: HUAMBO green, CUYES yellow, FLORES red.
struct DemoProgramme {
    /// One person of a network.
    struct Person {
        var name: String
        var gender: Gender
        var role: Role = .socio
    }

    /// How a network behaves over the weeks (probabilities move linearly from the first week to the last).
    struct Health {
        var attendance: (first: Double, last: Double)
        var meetingEvery: Int
        var extraordinaryEvery: Int?
        var listShare: Double
        var selfConfirmShare: Double
        var eventEvery: Int
        var heldShare: Double
        var satisfaction: ClosedRange<Int>
        var pulse: ClosedRange<Int>
        var expert: ClosedRange<Int>
        var contribution: (soles: Double, weeklyGrowth: Double)
        var confirmShare: Double
        var confirmDays: ClosedRange<Int>
        var project: Bool
        /// Week of the improvement plan (negative: before the history).
        var planWeek: Int?
    }

    /// One demo network.
    struct Plan {
        var code: String
        var name: String
        var phonePrefix: String
        var people: [Person]
        var health: Health
        var events: [String]
    }

    static let articuladorPhone = "+51987000100"
    static let articuladorLogin = "lucia"
    static let historyWeeks = 15

    let tx: any StoreTransaction
    let today: LocalDate
    let now: Date
    var random: SplitMix64
    var messageCount = 0

    init(tx: any StoreTransaction, today: LocalDate, now: Date, random: SplitMix64) {
        self.tx = tx
        self.today = today
        self.now = now
        self.random = random
    }

    /// The first week of the history (the last is the week before `today`'s).
    var firstWeek: ISOWeek { ISOWeek(containing: today).adding(weeks: -Self.historyWeeks) }

    /// Writes everything; returns one line per network.
    mutating func write() async throws -> [String] {
        var lines: [String] = []
        var rosters: [(Network, [Member])] = []
        for plan in Self.networks {
            let (network, members, line) = try await write(plan)
            lines.append(line)
            rosters.append((network, members))
        }
        try await writeMessages(rosters)
        return lines
    }

    private mutating func write(_ plan: Plan) async throws -> (Network, [Member], String) {
        let start = firstWeek.monday
        let network = try await tx.insertNetwork(NewNetwork(
            code: plan.code, name: plan.name, timeZone: "America/Lima",
            createdAt: start.adding(days: -90).start(in: TimeZone(identifier: "America/Lima") ?? .gmt)))
        var members: [Member] = []
        for (index, person) in plan.people.enumerated() {
            members.append(try await tx.insertMember(NewMember(
                networkID: network.id, phone: plan.phonePrefix + String(format: "%02d", index + 1), name: person.name,
                gender: person.gender, role: person.role, joinedOn: start.adding(days: -60))))
        }
        let articulador = try await tx.insertMember(NewMember(
            networkID: network.id, phone: Self.articuladorPhone, name: "Lucía Mendoza", gender: .female, role: .articulador,
            joinedOn: start.adding(days: -60)))
        var history = DemoHistory(network: network, members: members, articulador: articulador, health: plan.health, today: today)
        let counts = try await history.write(tx: tx, firstWeek: firstWeek, weeks: Self.historyWeeks, events: plan.events, random: &random)
        let line = "\(plan.code)  \(plan.name): \(members.count) members + articulador, \(counts.meetings) meetings, "
            + "\(counts.events) events, \(counts.contributions) contributions, \(counts.ratings) ratings"
        return (network, members + [articulador], line)
    }

    // MARK: Message log and outbox

    private mutating func writeMessages(_ rosters: [(Network, [Member])]) async throws {
        let texts = [
            ("ASISTI", "Gracias, registramos su asistencia. Como califica la reunion? Responda de 1 a 5."),
            ("5", "Gracias por su opinion."), ("APORTE 20", "Aporte de S/ 20 registrado. El tesorero lo confirmara."),
            ("MIO", "Este mes: 3 de 4 reuniones, aportes S/ 40 confirmados."), ("OPINAR", "Del 1 al 5, como se cumplen las normas?"),
            ("4", "Gracias por su opinion."), ("hola", "Hola. Responda con un numero: 1 Asisti a reunion, 2 Aporte al fondo, 3 Opinar"),
        ]
        let dayStart = today.adding(days: -6).start(in: TimeZone(identifier: "America/Lima") ?? .gmt)
        for (network, members) in rosters {
            for (index, member) in members.enumerated() where member.role != .articulador && random.chance(0.7) {
                let (text, reply) = texts[(index + Int(network.id)) % texts.count]
                let minutes = random.int(0...5) * 24 * 60 + random.int(7 * 60...20 * 60)  // a day of the last six, 7:00–20:00
                let at = dayStart.addingTimeInterval(Double(minutes) * 60)
                try await inbound(from: member.phone ?? "", text: text, replies: [reply], outcome: "ok", at: at)
            }
        }
        try await inbound(from: Self.articuladorPhone, text: "REDES", replies: ["Sus redes, la mas debil primero: ..."], outcome: "ok",
                          at: now.addingTimeInterval(-3 * 3600))
        try await inbound(from: "+51911222333", text: "hola, quiero informacion", replies: ["Este numero no esta registrado."],
                          outcome: "unknown_phone", at: now.addingTimeInterval(-5 * 3600))
        try await writeOutbox(rosters)
    }

    private mutating func inbound(from phone: String, text: String, replies: [String], outcome: String, at: Date) async throws {
        messageCount += 1
        try await tx.insertInbound(InboundRecord(
            gateway: "demo", messageID: "demo-\(messageCount)", from: phone, to: "confianza", text: text, receivedAt: at,
            processedAt: at.addingTimeInterval(0.2), replies: replies, outcome: outcome))
    }

    /// Weekly summaries that went out, and two messages that could not be delivered (dead-lettered after
    /// their attempts), so that the delivery-problems page has something to retry.
    private mutating func writeOutbox(_ rosters: [(Network, [Member])]) async throws {
        let dead: [(Member, String, String)] = [
            (rosters[2].1[4], "prompt", "gateway answered 400: destination number not reachable"),
            (rosters[1].1[6], "reply", "timeout: no answer from the gateway"),
        ]
        var deadIDs: [Int64: String] = [:]
        let early = now.addingTimeInterval(-2 * 86400)
        for (member, kind, reason) in dead {
            let id = try await tx.enqueue(NewOutbound(
                to: member.phone ?? "", text: "Hubo una reunion el miercoles. Asistio? Responda SI o NO.", encoding: .gsm7, segments: 1,
                gateway: "console", notBefore: early, kind: kind, networkID: member.networkID, createdAt: early))
            deadIDs[id] = reason
        }
        for (network, members) in rosters {
            for leader in members where leader.role.isLeader {
                _ = try await tx.enqueue(NewOutbound(
                    to: leader.phone ?? "", text: "Resumen semanal de \(network.code): indice y asistencia.", encoding: .gsm7, segments: 2,
                    gateway: "console", notBefore: early.addingTimeInterval(3600), kind: "summary", networkID: network.id,
                    createdAt: early.addingTimeInterval(3600)))
            }
        }
        let attempts = 8
        for attempt in 1...attempts {
            let at = early.addingTimeInterval(Double(attempt) * 600)
            for message in try await tx.claimOutbound(now: now, limit: 1000, leaseUntil: now.addingTimeInterval(60)) {
                let result: OutboundResult
                if let reason = deadIDs[message.id] {
                    result = attempt == attempts ? .dead(reason: reason) : .retry(at: at, reason: reason)
                } else {
                    result = .sent(gatewayID: "demo-\(message.id)")
                }
                try await tx.completeOutbound(id: message.id, result: result, now: at)
            }
        }
    }
}
