import Conversation
import Engine
import Foundation
import TrustCore

/// Realistic inputs, built once: the real message files, a network of 30 with a year of weekly life.
enum Fixtures {
    /// The project's `config/messages`, or `CONFIANZA_MESSAGES_DIRECTORY`.
    static let messagesDirectory: String = {
        if let path = ProcessInfo.processInfo.environment["CONFIANZA_MESSAGES_DIRECTORY"], !path.isEmpty { return path }
        // bench/Benchmarks/Core/Fixtures.swift → the repository root is three folders up from this one.
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("config/messages").path
    }()

    static let bot: Bot = {
        do {
            return Bot(book: try MessageLoader.load(directory: messagesDirectory))
        } catch {
            fatalError("cannot load the message files in \(messagesDirectory): \(error)")
        }
    }()

    static let network = Network(id: 1, code: "HUAMBO", name: "Lacteos Huambocancha")
    static let lima = TimeZone(identifier: "America/Lima")!
    /// Tuesday 24 November 2026, 10:00 in Lima.
    static let now = LocalDate(year: 2026, month: 11, day: 24)!.start(in: lima).addingTimeInterval(10 * 3600)

    static let presidente = Member(
        id: 1, networkID: 1, phone: "+51987000001", name: "Julio Chavez", gender: .male, roster: 1, role: .presidente)
    static let socio = Member(id: 4, networkID: 1, phone: "+51987000004", name: "Rosa Quispe", gender: .female, roster: 4)
    static let articulador = Member(
        id: 99, networkID: 1, phone: "+51987000099", name: "Ing. Paredes", roster: 99, role: .articulador)
    static let lastMeeting = Meeting(
        id: 47, networkID: 1, kind: .ordinary, date: LocalDate(year: 2026, month: 11, day: 21)!, hasList: false)

    /// A socio with an unanswered meeting, a month of activity and an articulador to forward questions to.
    static let socioContext = ConversationContext(
        phone: socio.phone!, memberships: [Membership(member: socio, network: network)],
        openMeetings: [socio.id: lastMeeting],
        months: [socio.id: MemberMonth(attended: 3, meetings: 4, confirmed: Money(soles: 60), pending: Money(soles: 20))],
        contacts: [network.id: [articulador]])

    /// The network's presidente.
    static let leaderContext = ConversationContext(
        phone: presidente.phone!, memberships: [Membership(member: presidente, network: network)],
        months: [presidente.id: MemberMonth(attended: 4, meetings: 4, confirmed: Money(soles: 80), pending: .zero)],
        contacts: [network.id: [articulador]])

    /// A weekly summary as the bot sends it: Spanish with accents (transliterated to GSM-7), two segments.
    static let summaryText =
        "Resumen semana 47 de Lácteos Huambocancha: asistencia 82% (↑5), aportes S/ 540.00 de 27 socios, "
        + "índice de confianza 68 (amarillo). Próxima reunión sábado 28/11. ¡Gracias por participar! "
        + "Responda OPINAR para calificar la última reunión."

    /// A text that GSM-7 cannot carry.
    static let ucs2Text = "Reunión del sábado 🌽🐄: traer cuaderno de actas y aportes. 谢谢. "
        + "Favor confirmar asistencia respondiendo ASISTI. Gracias a todos los socios de la red."

    /// One network-year: 30 members (board, 26 socios, an articulador), 52 weekly meetings with a list,
    /// weekly contributions, monthly ratings and events, two projects. Deterministic.
    static let networkYear: NetworkRecords = {
        var random = SplitMix(seed: 2026)
        var records = NetworkRecords(network: network)
        let roles: [Role] = [.presidente, .secretario, .tesorero]
        for id in 1...30 {
            let role: Role = id <= 3 ? roles[id - 1] : (id == 30 ? .articulador : .socio)
            records.members.append(
                Member(
                    id: RowID(id), networkID: 1, phone: "+519870000\(10 + id)", name: "Socio \(id)",
                    gender: id.isMultiple(of: 2) ? .female : .male, roster: id, role: role,
                    joinedOn: LocalDate(year: 2025, month: 6, day: 1)!))
        }
        let members = records.members.filter { $0.role != .articulador }
        let firstSaturday = LocalDate(year: 2026, month: 1, day: 3)!
        var contributionID: RowID = 1
        for week in 0..<52 {
            let day = firstSaturday.adding(days: 7 * week)
            let meeting = Meeting(id: RowID(week + 1), networkID: 1, kind: .ordinary, date: day, hasList: true)
            records.meetings.append(meeting)
            for member in members {
                records.attendance.append(
                    Attendance(meetingID: meeting.id, memberID: member.id, present: random.next(100) < 80, source: .list))
                if random.next(100) < 55 {
                    let status: ContributionStatus = random.next(10) == 0 ? .pending : .confirmed
                    records.contributions.append(
                        Contribution(
                            id: contributionID, networkID: 1, memberID: member.id,
                            amount: Money(cents: Int64(1000 + 500 * random.next(5))), reportedOn: day, status: status,
                            decidedOn: status == .pending ? nil : day.adding(days: 2)))
                    contributionID += 1
                }
            }
            if week.isMultiple(of: 4) {
                for member in members {
                    for indicator in RatedIndicator.allCases where random.next(3) > 0 {
                        records.ratings.append(
                            Rating(
                                networkID: 1, memberID: member.id, indicator: indicator, score: 1 + random.next(5),
                                ratedOn: day, meetingID: meeting.id))
                    }
                }
                let number = week / 4 + 1
                records.events.append(
                    SocialEvent(
                        id: RowID(number), networkID: 1, number: number, title: "Faena \(number)",
                        plannedOn: day.adding(days: 10), heldOn: day.adding(days: 10),
                        attendees: members.filter { _ in random.next(100) < 70 }.map(\.id)))
            }
        }
        records.projects = [
            JointProject(
                id: 1, networkID: 1, number: 1, title: "Tanque de frio", totalCost: Money(soles: 5000),
                ownShare: Money(soles: 1500), startedOn: LocalDate(year: 2026, month: 3, day: 1)!,
                closedOn: LocalDate(year: 2026, month: 9, day: 30)!),
            JointProject(
                id: 2, networkID: 1, number: 2, title: "Semillas", totalCost: Money(soles: 1200),
                ownShare: Money(soles: 600), startedOn: LocalDate(year: 2026, month: 10, day: 1)!),
        ]
        return records
    }()
}

/// A small deterministic generator (SplitMix64), so every run measures the same records.
struct SplitMix {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    /// A number in `0..<bound`.
    mutating func next(_ bound: Int) -> Int {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        z ^= z >> 31
        return Int(z % UInt64(bound))
    }
}
