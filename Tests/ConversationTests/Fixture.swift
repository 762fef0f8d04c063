import Foundation
import SMSText
import TrustCore

@testable import Conversation

/// Two networks with a board, socios and an articulador, and a catalog whose templates echo their key and values
/// (`meeting.recorded date=24/11 kind=meeting.ordinary …`), built from the keys and placeholders of the real
/// `config/messages/es.yaml`: scripts assert exactly which message was chosen with which values, whatever the wording.
enum Fixture {
    static let lima = TimeZone(identifier: "America/Lima")!
    static let huambo = Network(id: 1, code: "HUAMBO", name: "Lacteos Huambocancha")
    static let flores = Network(id: 2, code: "FLORES", name: "Flores de Cusco")
    static let cuyes = Network(id: 3, code: "CUYES", name: "Cuyes Anta")

    static let julio = Member(id: 11, networkID: 1, phone: "+51987000001", name: "Julio Chavez", gender: .male, roster: 1, role: .presidente)
    static let ana = Member(id: 12, networkID: 1, phone: "+51987000002", name: "Ana Torres", gender: .female, roster: 2)
    static let carmen = Member(id: 13, networkID: 1, phone: "+51987000003", name: "Carmen Rojas", gender: .female, roster: 3, role: .tesorero)
    static let rosa = Member(id: 14, networkID: 1, phone: "+51987000004", name: "Rosa Quispe", gender: .female, roster: 4)
    static let luis = Member(id: 15, networkID: 1, phone: "+51987000005", name: "Luis Mamani", gender: .male, roster: 5, language: "en")
    static let eva = Member(id: 16, networkID: 1, phone: "+51987000006", name: "Eva Huaman", gender: .female, roster: 6, optedOut: true)
    static let rosaFlores = Member(id: 24, networkID: 2, phone: "+51987000004", name: "Rosa Quispe", gender: .female, roster: 2)
    static let julioFlores = Member(id: 21, networkID: 2, phone: "+51987000001", name: "Julio Chavez", roster: 1, role: .secretario)
    static let paredes = Member(id: 90, networkID: 1, phone: "+51987000090", name: "Ing. Paredes", roster: 90, role: .articulador)
    static let paredesFlores = Member(id: 91, networkID: 2, phone: "+51987000090", name: "Ing. Paredes", roster: 90, role: .articulador)
    static let meeting = Meeting(id: 10, networkID: 1, kind: .ordinary, date: LocalDate(year: 2026, month: 11, day: 21)!, hasList: false)

    /// Everyone in HUAMBO, articulador included.
    static let huamboRoster = [julio, ana, carmen, rosa, luis, eva, paredes]

    /// 2026-11-24 (a Tuesday) 10:00 in Lima.
    static let now = day(24, 11).start(in: lima).addingTimeInterval(10 * 3600)

    static func day(_ day: Int, _ month: Int, _ year: Int = 2026) -> LocalDate { LocalDate(year: year, month: month, day: day)! }

    /// The keys and placeholders of the real Spanish messages.
    static let templates: [String: String] = {
        let path = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("config/messages/es.yaml").path
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return [:] }
        var echoes: [String: String] = [:]
        for line in text.split(separator: "\n") where line.hasPrefix("  ") && !line.hasPrefix("  #") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let key = line[..<colon].trimmingCharacters(in: .whitespaces)
            let names = MessageCatalog.placeholders(in: String(line[colon...])).sorted()
            echoes[key] = ([key] + names.map { "\($0)={{\($0)}}" }).joined(separator: " ")
        }
        return echoes
    }()

    static let book: MessageBook = {
        // swift-format-ignore
        let spanish = try! MessageCatalog(language: "es", templates: templates)  // test fixture: fails loudly
        let english = try! MessageCatalog(language: "en", templates: templates.mapValues { "en:" + $0 })
        return MessageBook(catalogs: ["es": spanish, "en": english])
    }()

    static let bot = Bot(book: book)

    static func context(
        _ members: [Member] = [rosa], openMeetings: [RowID: Meeting] = [:], months: [RowID: MemberMonth] = [:],
        contacts: [RowID: [Member]] = [:], rosters: [RowID: [Member]] = [:], records: [RowID: NetworkRecords] = [:],
        statuses: [RowID: NetworkStatus] = [:]
    ) -> ConversationContext {
        let networks = [huambo.id: huambo, flores.id: flores, cuyes.id: cuyes]
        return ConversationContext(
            phone: members.first?.phone ?? "+51900000000",
            memberships: members.map { Membership(member: $0, network: networks[$0.networkID]!) },
            openMeetings: openMeetings, months: months, contacts: contacts, rosters: rosters, records: records, statuses: statuses)
    }

    /// HUAMBO's records with the whole roster and the given rows.
    static func records(
        _ network: Network = huambo, events: [SocialEvent] = [], contributions: [Contribution] = [], projects: [JointProject] = []
    ) -> NetworkRecords {
        NetworkRecords(
            network: network, members: network.id == huambo.id ? huamboRoster : [], events: events, contributions: contributions,
            projects: projects)
    }

    /// A status over weeks 44–47 whose four indicators with data all normalise to `score` (index = 100 × score);
    /// `previous` the same for the weeks before (nil: no index then).
    static func status(_ network: Network, score: Double?, previous: Double? = nil, alerts: [Alert.Kind] = [], fund: Money = .zero) -> NetworkStatus {
        let period = Period.lastCompleteWeeks(4, before: day(24, 11))
        func report(_ period: Period, _ score: Double?) -> IndicatorReport {
            var results: [IndicatorID: IndicatorResult] = [:]
            if let score {
                results[.s1] = IndicatorResult(id: .s1, value: score, numerator: score * 4, denominator: 4, dataPoints: 4)
                results[.s2] = IndicatorResult(id: .s2, value: score, numerator: score * 10, denominator: 10, dataPoints: 4)
                results[.q1] = IndicatorResult(id: .q1, value: 1 + 4 * score, dataPoints: 5)
                results[.e1] = IndicatorResult(id: .e1, value: (score - 0.5) * 0.4, dataPoints: 6)
            }
            let index = TrustIndex(results: results, settings: .defaults)
            return IndicatorReport(network: network, period: period, results: results, index: index, stage: .generacion)
        }
        return NetworkStatus(
            current: report(period, score), previous: report(period.previous, previous),
            alerts: alerts.map { Alert(network: network, kind: $0) }, fund: fund)
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

    /// The replies of one step, for scripts that only look at what the sender reads.
    mutating func replies(_ text: String, after seconds: TimeInterval = 60) -> [String] {
        send(text, after: seconds).compactMap { if case .reply(let text) = $0 { text } else { nil } }
    }

    static func ref(for change: RecordChange) -> RecordRef {
        switch change {
        case .markAttendance(let meeting, let member, _, _): .attendance(meetingID: meeting, memberID: member)
        case .registerMeeting: .meeting(500)
        case .planEvent, .closeEvent: .event(600)
        case .startProject: .project(700)
        case .startPlan(let networkID, _): .plan(networkID: networkID)
        default: .contribution(1)
        }
    }
}
