import Foundation
import TrustCore
import SMSText

extension Turn {
    /// `APORTE 20`: asks to confirm the amount; `APORTE` alone asks for it.
    mutating func contribution(_ row: Membership, argument: String) {
        let argument = argument.trimmingCharacters(in: .whitespaces)
        if argument.isEmpty {
            ask(.contributionAmount(networkID: row.network.id, memberID: row.member.id))
            return reply("contribution.ask_amount")
        }
        guard let cents = AmountParser.parse(argument) else { return reply("contribution.bad_amount") }
        let amount = Money(cents: cents)
        ask(.confirmContribution(networkID: row.network.id, memberID: row.member.id, amount: amount))
        reply("contribution.confirm", ["amount": amount.formatted, "network": Truncation.network(row.network.name)])
    }

    /// `1`/`si` records the contribution as pending for the tesorero; `2`/`no` drops it.
    mutating func confirmContribution(networkID: RowID, memberID: RowID, amount: Money) -> Bool {
        guard words.count <= 2, let first = words.first, let yes = YesNo.parse(first),
            let row = context.membership(memberID: memberID)
        else { return false }
        state.clearPending()
        guard yes else {
            reply("contribution.cancelled")
            return true
        }
        let today = today(in: row.network)
        record(.reportContribution(networkID: networkID, memberID: memberID, amount: amount, on: today, status: .pending))
        let month = context.months[memberID]?.total ?? .zero
        reply("contribution.recorded", [
            "amount": amount.formatted,
            "month": render("month.\(today.month)"),
            "total": (month + amount).formatted,
        ])
        return true
    }
}
