import Foundation
import SMSText
import TrustCore

extension Turn {
    /// `APORTE 20` reports the sender's own contribution; `APORTE 7 20` is the tesorero writing one for member 7.
    mutating func contributionCommand() {
        if Turn.rosterAndAmount(arguments.filter { !isNetworkCode($0) }) != nil {
            guard !rows(.treasurer).isEmpty else { return reply("contribution.own_only") }
            return withRow(.contribution, .treasurer) { $0.treasurerContribution($1) }
        }
        withRow(.contribution, .member) { turn, row in
            turn.contribution(row, argument: turn.arguments.joined(separator: " "))
        }
    }

    /// Whether a word is the code of one of the sender's networks.
    func isNetworkCode(_ word: String) -> Bool {
        context.memberships.contains { $0.network.code == word }
    }

    /// `7 20`, `7 S/ 20.50`: a roster number followed by an amount (and not itself one amount such as `1 500`).
    static func rosterAndAmount(_ words: [String]) -> (roster: Int, amount: Money)? {
        guard words.count >= 2, words[0].allSatisfy(\.isNumber), let roster = Int(words[0]), roster >= 1, roster <= 99_999,
            let cents = AmountParser.parse(words.dropFirst().joined(separator: " "))
        else { return nil }
        return (roster, Money(cents: cents))
    }

    /// The tesorero records a member's contribution as confirmed and reads back the month's fund.
    mutating func treasurerContribution(_ row: Membership) {
        guard let (roster, amount) = Turn.rosterAndAmount(arguments) else { return reply("contribution.treasurer_usage") }
        guard let member = context.activeMembers(of: row.network.id).first(where: { $0.roster == roster }) else {
            return reply("contribution.unknown_roster", ["roster": "\(roster)"])
        }
        let today = today(in: row.network)
        record(.reportContribution(networkID: row.network.id, memberID: member.id, amount: amount, on: today, status: .confirmed))
        reply("contribution.treasurer_recorded", [
            "amount": amount.formatted, "roster": "\(roster)", "name": Truncation.name(member.name),
            "month": render("month.\(today.month)"), "fund": (monthFund(row.network, today: today) + amount).formatted,
        ])
    }

    /// Confirmed contributions reported this month in the network (the common fund of the month).
    func monthFund(_ network: Network, today: LocalDate) -> Money {
        (context.records[network.id]?.contributions ?? [])
            .filter { $0.status == .confirmed && $0.reportedOn.year == today.year && $0.reportedOn.month == today.month }
            .map(\.amount).sum()
    }

    /// Pending contributions of the network, oldest first (ids are stable: `CONFIRMAR 37`).
    func pendingContributions(_ network: Network) -> [Contribution] {
        (context.records[network.id]?.contributions ?? []).filter { $0.status == .pending }.sorted { $0.id < $1.id }
    }

    /// The member a contribution belongs to, for read-backs.
    func contributor(_ contribution: Contribution) -> Member? {
        context.records[contribution.networkID]?.members.first { $0.id == contribution.memberID }
    }

    /// `PENDIENTES`: pending contributions with their ids, paged with `MAS`.
    mutating func pendingList(_ row: Membership) {
        let pending = pendingContributions(row.network)
        guard let first = pending.first else { return reply("pending.none") }
        let items = pending.map { c in
            "\(c.id)) \(Truncation.name(contributor(c)?.name ?? "?")) \(c.amount.formatted) (\(c.reportedOn.dayMonth))"
        }
        replyPages(Turn.pages(
            header: render("pending.header", ["count": "\(pending.count)"]), items: items,
            footer: render("pending.footer", ["id": "\(first.id)"]), more: render("more.marker"), separator: " "))
    }

    /// `CONFIRMAR 37`, `CONFIRMAR 37 38`, `CONFIRMAR TODOS`, `RECHAZAR 37`: decides pending contributions and
    /// reads back the month's fund.
    mutating func decide(_ row: Membership, status: ContributionStatus) {
        let confirming = status == .confirmed
        let usage = confirming ? "confirm.usage" : "reject.usage"
        let pending = pendingContributions(row.network)
        let chosen: [Contribution]
        if arguments.count == 1, Modifier.all.contains(arguments[0]), confirming {
            guard !pending.isEmpty else { return reply("pending.none") }
            chosen = pending
        } else {
            guard let ids = Turn.ids(arguments) else { return reply(usage) }
            let unknown = ids.filter { id in !pending.contains { $0.id == id } }
            guard unknown.isEmpty else {
                return reply("confirm.unknown", ["ids": unknown.prefix(8).map(String.init).joined(separator: " ")])
            }
            chosen = pending.filter { ids.contains($0.id) }
        }
        let today = today(in: row.network)
        for contribution in chosen {
            recordFinal(.decideContribution(id: contribution.id, status: status, on: today))
        }
        let thisMonth = chosen.filter { $0.reportedOn.year == today.year && $0.reportedOn.month == today.month }
        let fund = monthFund(row.network, today: today) + (confirming ? thisMonth.map(\.amount).sum() : .zero)
        var values = [
            "amount": chosen.map(\.amount).sum().formatted, "count": "\(chosen.count)",
            "month": render("month.\(today.month)"), "fund": fund.formatted,
        ]
        if !confirming { notifyRejected(chosen) }
        guard chosen.count == 1, let only = chosen.first else {
            return reply(confirming ? "confirm.done_many" : "reject.done_many", values)
        }
        values["id"] = "\(only.id)"
        values["name"] = Truncation.name(contributor(only)?.name ?? "?")
        reply(confirming ? "confirm.done_one" : "reject.done_one", values)
    }

    /// Contribution ids as written: `37`, `37 38`, `37,38`; nil when anything else is there.
    static func ids(_ words: [String]) -> [Int64]? {
        let pieces = words.flatMap { $0.split(whereSeparator: { $0 == "," || $0 == "." || $0 == ";" }) }
        let ids = pieces.compactMap { Int64($0) }.filter { $0 > 0 }
        return !ids.isEmpty && ids.count == pieces.count ? ids : nil
    }

    /// Tells each member whose contribution was rejected, so that nothing changes behind their back.
    mutating func notifyRejected(_ contributions: [Contribution]) {
        for contribution in contributions {
            guard let member = contributor(contribution), !member.optedOut, let phone = member.phone, phone != context.phone else {
                continue
            }
            let text = render("reject.notice", [
                "amount": contribution.amount.formatted, "date": contribution.reportedOn.dayMonth,
            ], language: member.language)
            effects.append(.send(to: phone, text: text, networkID: contribution.networkID))
        }
    }
}
