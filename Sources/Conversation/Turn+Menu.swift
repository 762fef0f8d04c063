import Foundation
import TrustCore

extension Turn {
    /// `HOLA`/`MENU`: the numbered menu of the sender's role.
    mutating func showMenu() {
        guard let row = context.memberRows.first ?? context.memberships.first else { return reply("not_a_member") }
        let values = ["name": row.member.firstName, "network": Truncation.network(row.network.name)]
        switch row.member.role {
        case .socio, .presidente, .secretario, .tesorero:
            reply("menu.socio", values)
            ask(.menu(networkID: row.network.id, memberID: row.member.id))
        case .articulador:
            reply("menu.articulador", values)
        }
    }

    /// A number typed after the menu.
    mutating func menuChoice(memberID: RowID) -> Bool {
        guard words.count == 1, let choice = Int(words[0]), let row = context.membership(memberID: memberID) else {
            return false
        }
        switch choice {
        case 1: state.clearPending(); askAttendance(row)
        case 2: state.clearPending(); contribution(row, argument: "")
        case 3: state.clearPending(); startPulse(row)
        case 4: state.clearPending(); mine(row)
        case 0: state.clearPending(); help()
        default: return false
        }
        return true
    }

    /// `AYUDA`/`?`: the help line; a question after the word goes to the network's articulador.
    mutating func help() {
        let question = text.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: " ", maxSplits: 1).dropFirst().first
        guard let question, let row = context.memberRows.first else { return reply("help") }
        let articuladores = context.contacts[row.network.id] ?? []
        let reachable = articuladores.compactMap(\.phone)
        for phone in reachable {
            let forwarded = bot.book.render(
                "help.forward", language: language,
                ["name": Truncation.name(row.member.name), "network": row.network.code, "question": String(question)])
            effects.append(.send(to: phone, text: forwarded, networkID: row.network.id))
        }
        reply(reachable.isEmpty ? "help" : "help.forwarded")
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
            "name": row.member.firstName,
            "month": bot.book.render("month.\(today.month)", language: language),
            "attended": "\(month.attended)",
            "meetings": "\(month.meetings)",
            "total": month.total.formatted,
            "pending": month.pending.formatted,
        ])
    }
}
