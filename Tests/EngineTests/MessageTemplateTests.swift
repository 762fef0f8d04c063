import Conversation
import Engine
import Foundation
import SMSText
import Testing
import TrustCore

/// The real `config/messages/*.yaml`: every key of every language renders with worst-case values to GSM-7 within
/// its budget (replies 1 SMS, weekly summary parts 2), and every language has the same keys and placeholders.
@Suite("Message templates")
struct MessageTemplateTests {
    static let directory: String = {
        // Tests/EngineTests/MessageTemplateTests.swift → the package root.
        let root = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return root.appendingPathComponent("config/messages").path
    }()

    static func book() throws -> MessageBook { try MessageLoader.load(directory: directory) }

    /// Keys of the weekly summary and the articulador digest (product.md §5: at most 2 SMS); everything else is 1.
    static func budget(_ key: String) -> Int {
        key.hasPrefix("summary.") || key.hasPrefix("digest.") ? 2 : 1
    }

    /// The longest of these texts (`month.1` … `month.12` → `septiembre`) in one language.
    static func longest(_ keys: [String], _ catalog: MessageCatalog) throws -> String {
        try keys.map { try catalog.render($0) }.max { $0.count < $1.count } ?? ""
    }

    /// Realistic worst cases (product.md §4.1: names cut to 15, networks to 20; amounts up to S/ 99999.99). Values the
    /// bot fits at run time (lists, titles, questions) get a typical long value here; `WorstCaseReplyTests` checks the
    /// fitting itself.
    static func worstValues(_ catalog: MessageCatalog) throws -> [String: String] {
        let money = "S/ 99999.99"
        return [
            "name": "Maximiliana Qui", "network": "Lacteos Huambocancha", "code": "HUAMBOCANC",
            "codes": "HUAMBOCANC, FLORESCUSC, +8", "date": "30/12", "weekday": try longest((1...7).map { "weekday.\($0)" }, catalog),
            "kind": try longest(MeetingKind.allCases.map { "meeting.\($0.rawValue)" }, catalog),
            "month": try longest((1...12).map { "month.\($0)" }, catalog),
            "stage": try longest(Stage.allCases.map { "stage.\($0.rawValue)" }, catalog),
            "light": try longest(TrafficLight.allCases.map { "light.\($0.rawValue)" }, catalog),
            "advice": try longest(IndicatorID.allCases.map { "advice.\($0.code.lowercased())" }, catalog), "amount": money, "fund": money, "cost": money, "share": money,
            "total": money, "pending": money, "number": "123", "count": "120", "roster": "123", "id": "123456",
            "ids": "123456 123457", "numbers": "101 102 103 104 105 106 107 108", "max": "120", "index": "100",
            "change": "+1000%", "delta": "-1000", "weeks": "52-03", "week": "53", "title": "Aniversario de la red",
            "missing": "reuniones (REUNION), opiniones (OPINAR), +4", "list": "12 Aniversario de la re 15/12 +3",
            "coverage": "12", "minimum": "12", "score": "4.2", "present": "120", "value": "100%", "floor": "100%",
            "regular": "120", "members": "120", "position": "12", "points": "100", "planned": "12", "held": "12",
            "percent": "100", "meetings": "12", "attended": "12", "attendance": "120/120", "s1": "10/12", "s2": "100%",
            "q1": "4.2/5", "e1": "+1000%", "q2": "5", "q5": "5", "e3": "5", "e4": "5", "names": "Maximiliana Qui, Maximiliana Qui +5",
            "question": "cuando es la feria de la leche en Cajamarca y quien va",
        ]
    }

    @Test("every language has exactly the keys and placeholders of Spanish")
    func sameKeysEverywhere() throws {
        let book = try Self.book()
        #expect(book.languages.contains("es") && book.languages.contains("en"))
        let spanish = try #require(book.catalogs["es"])
        for (language, catalog) in book.catalogs where language != "es" {
            #expect(catalog.mismatches(against: spanish) == [], "\(language)")
        }
    }

    @Test("every key of every language composes to GSM-7 within its segment budget")
    func everyKeyFitsItsBudget() throws {
        let book = try Self.book()
        for (language, catalog) in book.catalogs {
            let values = try Self.worstValues(catalog)
            for key in catalog.keys {
                let placeholders = try catalog.placeholders(for: key)
                let missing = placeholders.subtracting(values.keys)
                #expect(missing.isEmpty, "\(language) \(key): no worst case for \(missing.sorted())")
                let text: String
                do { text = try catalog.render(key, strings: values) } catch {
                    Issue.record("\(language) \(key): \(error)")
                    continue
                }
                let sms = SMSComposer.compose(text)
                #expect(sms.encoding == .gsm7, "\(language) \(key) is not GSM-7: \(text)")
                #expect(sms.segments <= Self.budget(key), "\(language) \(key): \(sms.units) units, \(sms.segments) SMS: \(sms.text)")
            }
        }
    }

    @Test("the bot uses no key that a language lacks")
    func everyKeyTheBotUsesExists() throws {
        let book = try Self.book()
        let spanish = try #require(book.catalogs["es"])
        let dynamic =
            MenuKind.allCases.map { "menu.\($0.rawValue)" } + ["help", "help.leader", "help.treasurer", "help.articulador"]
            + (1...12).map { "month.\($0)" } + (1...7).map { "weekday.\($0)" } + MeetingKind.allCases.map { "meeting.\($0.rawValue)" }
            + Stage.allCases.map { "stage.\($0.rawValue)" } + TrafficLight.allCases.map { "light.\($0.rawValue)" }
            + ["rate.q2", "rate.q5", "rate.e3", "rate.e4", "pulse.q1", "pulse.q2", "pulse.q4"]
            + ["source.events", "source.meetings", "source.opinions", "source.expert", "source.contributions", "source.projects"]
        for key in dynamic {
            #expect(spanish.contains(key), "missing \(key)")
        }
    }
}

/// The real messages through the real bot with the longest rosters, names, titles and lists: every reply and every
/// message sent to another phone is one GSM-7 SMS in every language (the bot shortens and pages what would not fit).
@Suite("Worst-case replies")
struct WorstCaseReplyTests {
    static let now = LocalDate(year: 2026, month: 11, day: 24)!.start(in: TimeZone(identifier: "America/Lima")!).addingTimeInterval(36_000)
    static let today = LocalDate(year: 2026, month: 11, day: 24)!
    static let long = "Construccion del centro de acopio y tanque de enfriamiento"

    static func network(_ n: Int) -> Network {
        Network(id: RowID(n), code: "RED" + String(repeating: "X", count: 5) + String(format: "%02d", n), name: "Lacteos Huambocancha")
    }

    static func members(_ network: Network, language: String) -> [Member] {
        (1...40).map { n in
            Member(id: network.id * 1000 + RowID(n), networkID: network.id, phone: "+519870\(String(format: "%05d", Int(network.id) * 100 + n))",
                   name: "Maximiliana Ñahui Quispe", roster: n, role: n == 1 ? .presidente : n == 2 ? .tesorero : .socio, language: language)
        }
    }

    static func status(_ network: Network, score: Double?) -> NetworkStatus {
        let period = Period.lastCompleteWeeks(4, before: today)
        var results: [IndicatorID: IndicatorResult] = [:]
        if let score {
            for id in IndicatorID.allCases {
                let value = id.scale == .rating ? 1 + 4 * score : id.scale == .growth ? 12.5 : score
                results[id] = IndicatorResult(id: id, value: value, numerator: value * 120, denominator: 120, dataPoints: 9)
            }
        }
        let report = IndicatorReport(network: network, period: period, results: results, index: TrustIndex(results: results, settings: .defaults), stage: .fortalecimiento)
        let kinds: [Alert.Kind] = [.indexDrop(points: 100), .lowAttendance(value: 0.05, floor: 0.6), .noReports(weeks: 52)]
        return NetworkStatus(current: report, previous: report, alerts: kinds.map { Alert(network: network, kind: $0) }, fund: Money(cents: 9_999_999))
    }

    static func context(_ rows: [Member], language: String) -> ConversationContext {
        let networks = (1...12).map(network)
        let pending = (1...40).map { Contribution(id: 900_000 + Int64($0), networkID: 1, memberID: 1000 + RowID($0), amount: Money(cents: 9_999_999), reportedOn: today) }
        let events = (1...12).map { SocialEvent(id: 500 + Int64($0), networkID: 1, number: 100 + $0, title: long, plannedOn: today) }
        let projects = (1...12).map { JointProject(id: 700 + Int64($0), networkID: 1, number: 100 + $0, title: long, totalCost: Money(cents: 9_999_999), ownShare: Money(cents: 9_999_999), startedOn: today) }
        var records: [RowID: NetworkRecords] = [:]
        var rosters: [RowID: [Member]] = [:]
        var statuses: [RowID: NetworkStatus] = [:]
        for network in networks {
            let members = members(network, language: language)
            rosters[network.id] = members
            records[network.id] = NetworkRecords(network: network, members: members, events: events, contributions: pending, projects: projects)
            statuses[network.id] = status(network, score: network.id == 2 ? nil : 1.0 / Double(network.id))
        }
        let articulador = Member(id: 90_001, networkID: 1, phone: "+51987999999", name: "Ing. Paredes", roster: 99, role: .articulador)
        return ConversationContext(
            phone: rows[0].phone ?? "", memberships: rows.map { Membership(member: $0, network: networks[Int($0.networkID) - 1]) },
            contacts: [1: [articulador]], rosters: rosters, records: records, statuses: statuses)
    }

    static let scripts: [String: [String]] = [
        "leader": [
            "hola", "ayuda", "REUNION ORD HOY 1", "REUNION EXT HOY 0", "reunion", "2", "hoy", "1 2 101 102 103 104 105 106 107 108 109",
            "EVENTO \(long) 15/12", "EVENTO HECHO", "EVENTO HECHO 101 1 2 3", "EVENTO HECHO 102", "PROYECTO \(long) 99999.99 99999.99",
            "PROYECTO CERRADO", "PROYECTO CERRADO 101", "PLAN", "RESUMEN", "ESTADO", "AYUDA \(long) \(long)", "idioma xx",
        ],
        "treasurer": ["hola", "PENDIENTES", "MAS", "MAS", "MAS", "MAS", "MAS", "CONFIRMAR TODOS", "RECHAZAR 900001", "APORTE 40 99999.99"],
        "articulador": [
            "hola", "REDES", "MAS", "MAS", "MAS", "ESTADO 1", "ESTADO 2", "ESTADO 3", "ALERTAS", "MAS", "MAS", "MAS", "MAS", "ESTADO ZZZZZZZZZZ",
            "SOCIO \(network(1).code) 987654321 \(long)", "CALIFICAR \(network(1).code)", "5", "5", "5", "5", "ETAPA \(network(1).code) 2",
            "ETAPA \(network(1).code)", "RESUMEN",
        ],
    ]

    @Test("every reply and every message to another phone is one GSM-7 SMS", arguments: ["es", "en"])
    func oneSegment(language: String) throws {
        let bot = Bot(book: try MessageTemplateTests.book())
        let roster = Self.members(Self.network(1), language: language)
        let articuladores = (1...12).map {
            Member(id: 90_000 + RowID($0), networkID: RowID($0), phone: "+51987999999", name: "Ing. Paredes", roster: 99, role: .articulador, language: language)
        }
        let senders = ["leader": [roster[0]], "treasurer": [roster[1]], "articulador": articuladores]
        var checked = 0
        for (role, texts) in Self.scripts {
            let context = Self.context(try #require(senders[role]), language: language)
            var state = ConversationState()
            var now = Self.now
            for text in texts {
                now = now.addingTimeInterval(30)
                let result = bot.step(state: state, text: text, context: context, now: now)
                state = result.state
                #expect(!result.effects.isEmpty, "\(language) \(role) \(text): no answer")
                for effect in result.effects {
                    let message: String
                    switch effect {
                    case .reply(let text), .send(_, let text, _), .prompt(_, let text, _): message = text
                    case .record, .addMember: continue
                    }
                    let sms = SMSComposer.compose(message)
                    checked += 1
                    #expect(message.contains(" "), "\(language) \(role) \(text): unrendered key \(message)")
                    #expect(sms.encoding == .gsm7 && sms.segments == 1, "\(language) \(role) \(text): \(sms.units) units: \(sms.text)")
                }
            }
        }
        // 53 texts, plus the 38 attendance prompts of `REUNION EXT HOY 0` and the rejection notice.
        #expect(checked >= 53 + 38 + 1)
    }
}
