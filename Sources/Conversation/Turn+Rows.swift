import Foundation
import SMSText
import TrustCore

/// Who may run a command; everyone else gets the refusal.
enum Audience {
    /// Members of the network (socios and the board).
    case member
    /// The board: presidente, secretario, tesorero.
    case leader
    /// The tesorero only.
    case treasurer
    /// The articulador of the network.
    case articulador
    /// Whoever may see a network's indicators: its articulador and its board.
    case viewer

    func admits(_ role: Role) -> Bool {
        switch self {
        case .member: role.isMember
        case .leader: role.isLeader
        case .treasurer: role == .tesorero
        case .articulador: role == .articulador
        case .viewer: role == .articulador || role.isLeader
        }
    }

    /// The message for someone without such a row.
    var refusal: String {
        switch self {
        case .member: "not_a_member"
        case .leader: "role.leaders_only"
        case .treasurer: "role.treasurer_only"
        case .articulador, .viewer: "role.articulador_only"
        }
    }
}

extension Turn {
    /// The sender's active rows that `audience` admits, in context order.
    func rows(_ audience: Audience) -> [Membership] {
        context.memberships.filter { $0.member.active && audience.admits($0.member.role) }
    }

    /// Runs `body` for the sender's row in the network the command is for: the one chosen already, the one named
    /// anywhere in the message (its code is then dropped from the words), the only one, or asks which.
    mutating func withRow(_ command: Command, _ audience: Audience, _ body: (inout Turn, Membership) -> Void) {
        let rows = rows(audience)
        if let id = chosenMemberID, let row = rows.first(where: { $0.member.id == id }) { return body(&self, row) }
        if rows.isEmpty { return reply(audience.refusal) }
        for index in words.indices.dropFirst() {
            if let row = rows.first(where: { $0.network.code == words[index] }) {
                words.remove(at: index)
                return body(&self, row)
            }
        }
        if rows.count == 1 { return body(&self, rows[0]) }
        askNetwork(command, rows: rows)
    }

    /// Like `withRow`, for commands whose first argument names the network (`ESTADO HUAMBO`, `SOCIO HUAMBO …`):
    /// a code that is not one of the sender's networks is refused, and `ESTADO 1` reads the last `REDES` list.
    /// - Parameter isArgument: true for first words that are the command's own argument, not a network code.
    mutating func withNetwork(
        _ command: Command, _ audience: Audience, extra isArgument: (String) -> Bool, _ body: (inout Turn, Membership) -> Void
    ) {
        let rows = rows(audience)
        if let id = chosenMemberID, let row = rows.first(where: { $0.member.id == id }) { return body(&self, row) }
        if rows.isEmpty { return reply(audience.refusal) }
        guard let first = arguments.first else {
            return rows.count == 1 ? body(&self, rows[0]) : askNetwork(command, rows: rows)
        }
        if let row = rows.first(where: { $0.network.code == first }) {
            words.remove(at: 1)
            return body(&self, row)
        }
        if command == .status, let position = Int(first) {
            guard let listing = state.liveListing(at: now), position >= 1, position <= listing.count else {
                return reply("status.bad_number")
            }
            guard let row = rows.first(where: { $0.network.code == listing[position - 1] }) else {
                return notAssigned(listing[position - 1], rows)
            }
            words.remove(at: 1)
            return body(&self, row)
        }
        if Network.isValidCode(first), first.allSatisfy(\.isLetter), !isArgument(first) {
            return notAssigned(first, rows)
        }
        if rows.count == 1 { return body(&self, rows[0]) }
        askNetwork(command, rows: rows)
    }

    /// `HUAMBO, FLORES`: the networks of some rows.
    func codes(_ rows: [Membership]) -> String {
        rows.map(\.network.code).joined(separator: ", ")
    }

    /// The refusal for a network that is not one of the sender's, naming theirs.
    mutating func notAssigned(_ code: String, _ rows: [Membership]) {
        let values = ["code": String(code.prefix(10))]
        effects.append(.reply(fittedList("role.not_assigned", values, list: "codes", items: rows.map(\.network.code))))
    }

    /// Asks which network; the message is run again once the answer names one.
    mutating func askNetwork(_ command: Command, rows: [Membership]) {
        let list = rows.enumerated().map { "\($0.offset + 1) \($0.element.network.code)" }.joined(separator: ", ")
        ask(.chooseNetwork(command: command.rawValue, memberIDs: rows.map(\.member.id), text: arguments.isEmpty ? nil : text))
        reply("choose_network", ["list": list])
    }

    /// The answer to "which network?": its number in the list or its code.
    mutating func networkChoice(command name: String, memberIDs: [RowID], text stored: String?) -> Bool {
        guard words.count == 1, let command = Command(rawValue: name) else { return false }
        let rows = memberIDs.compactMap { context.membership(memberID: $0) }
        let picked: Membership?
        if let n = Int(words[0]) {
            picked = n >= 1 && n <= memberIDs.count ? context.membership(memberID: memberIDs[n - 1]) : nil
        } else {
            picked = rows.first { $0.network.code == words[0] }
        }
        guard let row = picked else { return false }
        state.clearPending()
        chosenMemberID = row.member.id
        if let stored {
            text = stored
            words = Turn.words(of: stored)
        }
        start(command)
        return true
    }
}
