import Foundation
import SMSText
import TrustCore

@testable import Conversation

/// A small network and a catalog whose templates echo their key and values, so scripts can assert
/// exactly which message was chosen with which values, independent of wording.
enum Fixture {
    static let lima = TimeZone(identifier: "America/Lima")!
    static let huambo = Network(id: 1, code: "HUAMBO", name: "Lacteos Huambocancha")
    static let flores = Network(id: 2, code: "FLORES", name: "Flores de Cusco")
    static let rosa = Member(id: 14, networkID: 1, phone: "+51987000004", name: "Rosa Quispe", gender: .female, roster: 4)
    static let rosaFlores = Member(id: 24, networkID: 2, phone: "+51987000004", name: "Rosa Quispe", gender: .female, roster: 2)
    static let paredes = Member(id: 90, networkID: 1, phone: "+51987000090", name: "Ing. Paredes", roster: 90, role: .articulador)
    static let meeting = Meeting(id: 10, networkID: 1, kind: .ordinary, date: LocalDate(year: 2026, month: 11, day: 21)!, hasList: false)

    /// 2026-11-24 10:00 in Lima.
    static let now = LocalDate(year: 2026, month: 11, day: 24)!.start(in: lima).addingTimeInterval(10 * 3600)

    static let keys = [
        "unknown_phone", "not_a_member", "help_line", "help", "help.forwarded", "expired", "answer_menu",
        "answer_number", "answer_yes_no", "answer_rating", "optout.done", "optin.done", "contribution.ask_amount",
        "contribution.bad_amount", "contribution.cancelled", "attendance.none", "pulse.q1", "pulse.q2", "pulse.q4",
        "correct.nothing", "correct.done", "meeting.ordinary", "meeting.extraordinary",
    ]

    static let book: MessageBook = {
        var templates = Dictionary(uniqueKeysWithValues: keys.map { ($0, $0) })
        templates["choose_network"] = "choose_network {{list}}"
        templates["menu.socio"] = "menu.socio {{name}} {{network}}"
        templates["menu.articulador"] = "menu.articulador {{name}} {{network}}"
        templates["help.forward"] = "help.forward {{name}} {{network}} {{question}}"
        templates["mine"] = "mine {{name}} {{month}} {{attended}}/{{meetings}} {{total}} {{pending}}"
        templates["contribution.confirm"] = "contribution.confirm {{amount}} {{network}}"
        templates["contribution.recorded"] = "contribution.recorded {{amount}} {{month}} {{total}}"
        templates["attendance.ask"] = "attendance.ask {{kind}} {{weekday}} {{date}}"
        templates["attendance.absent"] = "attendance.absent {{date}}"
        templates["attendance.present_rate"] = "attendance.present_rate {{date}}"
        templates["attendance.rated"] = "attendance.rated {{name}} {{score}}"
        templates["pulse.done"] = "pulse.done {{name}}"
        for month in 1...12 { templates["month.\(month)"] = "m\(month)" }
        for day in 1...7 { templates["weekday.\(day)"] = "d\(day)" }
        // swift-format-ignore
        let catalog = try! MessageCatalog(language: "es", templates: templates)  // test fixture: fails loudly
        return MessageBook(catalogs: ["es": catalog])
    }()

    static let bot = Bot(book: book)

    static func context(
        _ members: [Member] = [rosa], openMeetings: [RowID: Meeting] = [:], months: [RowID: MemberMonth] = [:],
        contacts: [RowID: [Member]] = [:]
    ) -> ConversationContext {
        let networks = [huambo.id: huambo, flores.id: flores]
        return ConversationContext(
            phone: members.first?.phone ?? "+51900000000",
            memberships: members.map { Membership(member: $0, network: networks[$0.networkID]!) },
            openMeetings: openMeetings, months: months, contacts: contacts)
    }
}

/// Plays a conversation one text at a time, carrying the state, as the engine does.
struct Script {
    var state = ConversationState()
    var context: ConversationContext
    var now = Fixture.now
    var bot = Fixture.bot

    init(_ context: ConversationContext = Fixture.context()) {
        self.context = context
    }

    /// Sends `text` and returns the step's effects; remembered records become `lastRecord` as the
    /// engine would do after writing them.
    mutating func send(_ text: String, after seconds: TimeInterval = 60) -> [Effect] {
        now = now.addingTimeInterval(seconds)
        let result = bot.step(state: state, text: text, context: context, now: now)
        state = result.state
        for case .record(let change, true) in result.effects {
            state.lastRecord = LastRecord(ref: Script.ref(for: change), at: now)
        }
        return result.effects
    }

    static func ref(for change: RecordChange) -> RecordRef {
        switch change {
        case .markAttendance(let meeting, let member, _, _): .attendance(meetingID: meeting, memberID: member)
        default: .contribution(1)
        }
    }
}
