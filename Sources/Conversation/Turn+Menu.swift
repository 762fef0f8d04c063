import Foundation
import SMSText
import TrustCore

/// The numbered menus, one per role; a number picks the command at that position.
public enum MenuKind: String, Codable, Sendable, CaseIterable {
    case socio, leader, treasurer, articulador

    /// The menu of a role.
    init(role: Role) {
        switch role {
        case .socio: self = .socio
        case .presidente, .secretario: self = .leader
        case .tesorero: self = .treasurer
        case .articulador: self = .articulador
        }
    }

    /// Message key of the menu text.
    var key: String { "menu.\(rawValue)" }

    /// Help line of the role (`AYUDA`).
    var helpKey: String { self == .socio ? "help" : "help.\(rawValue)" }

    /// What each number starts; the texts in `config/messages` list them in this order.
    var items: [Int: Command] {
        switch self {
        case .socio: [1: .attended, 2: .contribution, 3: .pulse, 4: .mine, 0: .help]
        case .leader: [1: .meeting, 2: .attended, 3: .contribution, 4: .pulse, 5: .mine, 6: .summary, 0: .help]
        case .treasurer: [1: .pendingList, 2: .meeting, 3: .attended, 4: .contribution, 5: .mine, 6: .summary, 0: .help]
        case .articulador: [1: .networks, 2: .alerts, 3: .status, 4: .rate, 0: .help]
        }
    }
}

extension Turn {
    /// The row whose role decides the menu and help: a board row first, then a socio row, then an articulador row.
    var mainRow: Membership? {
        let active = context.memberships.filter(\.member.active)
        return active.first { $0.member.role.isLeader } ?? active.first { $0.member.role.isMember } ?? active.first
    }

    /// `HOLA`/`MENU`: the numbered menu of the sender's role.
    mutating func showMenu() {
        guard let row = mainRow else { return reply("not_a_member") }
        let kind = MenuKind(role: row.member.role)
        // Producers are greeted by first name; an articulador often signs with a title (`Ing. Paredes`).
        let name = kind == .articulador ? row.member.name : row.member.firstName
        reply(kind.key, ["name": Truncation.name(name), "network": Truncation.network(row.network.name)])
        ask(.menu(networkID: row.network.id, memberID: row.member.id, kind: kind))
    }

    /// A number typed after the menu starts that item's command for the menu's network.
    mutating func menuChoice(memberID: RowID, kind: MenuKind) -> Bool {
        guard words.count == 1, let choice = Int(words[0]), let command = kind.items[choice] else { return false }
        state.clearPending()
        // The articulador's items cover all their networks; the others act on the menu's network.
        if kind != .articulador { chosenMemberID = memberID }
        start(command)
        return true
    }

    /// `AYUDA`/`?`: the role's help line; a member's question after the word goes to the network's articulador.
    mutating func help() {
        let kind = mainRow.map { MenuKind(role: $0.member.role) } ?? .socio
        let original = text.trimmingCharacters(in: .whitespacesAndNewlines)
        let question = original.split(separator: " ", maxSplits: 1).dropFirst().first.map(String.init)
        guard let question, let row = context.memberRows.first else { return reply(kind.helpKey) }
        let reachable = (context.contacts[row.network.id] ?? []).compactMap(\.phone)
        for phone in reachable {
            let values = ["name": Truncation.name(row.member.name), "network": row.network.code, "question": question]
            effects.append(.send(to: phone, text: fitted("help.forward", values, shrinking: "question"), networkID: row.network.id))
        }
        reply(reachable.isEmpty ? kind.helpKey : "help.forwarded")
    }

    /// `BAJA`/`ALTA`: opt out of or back into automatic messages; records stay.
    mutating func optOut(_ out: Bool) {
        state.clearPending()
        record(.setOptOut(phone: context.phone, optedOut: out), remember: false)
        reply(out ? "optout.done" : "optin.done")
    }

    /// `MIO`: the member's own month.
    mutating func mine(_ row: Membership) {
        let month = context.months[row.member.id] ?? MemberMonth(attended: 0, meetings: 0, confirmed: .zero, pending: .zero)
        let today = today(in: row.network)
        reply("mine", [
            "name": Truncation.name(row.member.firstName),
            "month": render("month.\(today.month)"),
            "attended": "\(month.attended)",
            "meetings": "\(month.meetings)",
            "total": month.total.formatted,
            "pending": month.pending.formatted,
        ])
    }

    /// `IDIOMA EN`: the language of every row of this phone; the confirmation comes in the new language.
    mutating func changeLanguage() {
        let languages = bot.book.languages
        guard let word = arguments.first, let code = Turn.languageCode(word), languages.contains(code) else {
            return reply("language.usage", ["codes": languages.map { $0.uppercased() }.joined(separator: ", ")])
        }
        state.clearPending()
        record(.setLanguage(phone: context.phone, language: code), remember: false)
        effects.append(.reply(render("language.done", language: code)))
    }

    /// A language code from what people write: `EN`, `INGLES`, `ENGLISH`, `ES`, `CASTELLANO`, `QU`, `QUECHUA`.
    static func languageCode(_ word: String) -> String? {
        let names: [String: String] = [
            "ESPANOL": "es", "CASTELLANO": "es", "SPANISH": "es", "INGLES": "en", "ENGLISH": "en",
            "QUECHUA": "qu", "RUNASIMI": "qu",
        ]
        if let code = names[word] { return code }
        return word.count == 2 && word.allSatisfy(\.isLetter) ? word.lowercased() : nil
    }
}
