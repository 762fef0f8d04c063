import Foundation
import SMSText
import TrustCore

extension Turn {
    /// `PROYECTO <titulo> <costo> <aporte red>` registers a joint project; `PROYECTO CERRADO <n>` closes one.
    mutating func projectCommand(_ row: Membership) {
        if let first = arguments.first, Modifier.closed.contains(first) { return closeProject(row) }
        guard let (title, cost, share) = Turn.projectParts(typedArguments) else { return reply("project.usage") }
        guard share <= cost else {
            return reply("project.share_too_big", ["cost": cost.compact, "share": share.compact])
        }
        let today = today(in: row.network)
        let projects = context.records[row.network.id]?.projects ?? []
        let number = (projects.map(\.number).max() ?? 0) + 1
        record(.startProject(networkID: row.network.id, title: title, totalCost: cost, ownShare: share, startedOn: today))
        let started = JointProject(
            id: 0, networkID: row.network.id, number: number, title: title, totalCost: cost, ownShare: share, startedOn: today)
        let stage = StageRule.stage(for: row.network, projects: projects + [started], asOf: today)
        let percent = Int((Double(share.cents) * 100 / Double(cost.cents)).rounded())
        let values = [
            "number": "\(number)", "title": title, "cost": cost.compact, "share": share.compact, "percent": "\(percent)",
            "stage": render("stage.\(stage.rawValue)"),
        ]
        effects.append(.reply(fitted("project.recorded", values, shrinking: "title")))
    }

    /// Title, total cost and the network's share: the last two amounts of the message, the words before them the title.
    static func projectParts(_ tokens: [String]) -> (title: String, cost: Money, share: Money)? {
        var amounts: [Int64] = []
        var end = tokens.count
        let currency: Set<String> = ["S/", "SOLES", "SOL"]
        while end > 0, amounts.count < 2 {
            let words = Keyword.words(tokens[end - 1])
            let values = words.compactMap(AmountParser.parse)
            guard !words.isEmpty, words.allSatisfy({ currency.contains($0) || AmountParser.parse($0) != nil }),
                values.count + amounts.count <= 2
            else { break }
            amounts.insert(contentsOf: values, at: 0)
            end -= 1
        }
        // A currency sign standing before the cost belongs to the amounts, not to the title.
        while end > 0, Keyword.words(tokens[end - 1]).allSatisfy(currency.contains), !Keyword.words(tokens[end - 1]).isEmpty {
            end -= 1
        }
        let title = title(Array(tokens[..<end]))
        guard amounts.count == 2, title.contains(where: \.isLetter) else { return nil }
        return (title, Money(cents: amounts[0]), Money(cents: amounts[1]))
    }

    /// `PROYECTO CERRADO 2`: the joint project ended today; it no longer counts in co-financing (E2).
    mutating func closeProject(_ row: Membership) {
        let projects = (context.records[row.network.id]?.projects ?? []).sorted { $0.number < $1.number }
        guard let word = arguments.dropFirst().first, let number = Int(word) else {
            let open = projects.filter { $0.closedOn == nil }
            guard !open.isEmpty else { return reply("project.none_open") }
            let items = open.map { "\($0.number) \(Truncate.name($0.title, max: 20))" }
            return effects.append(.reply(fittedList("project.which", ["number": "\(open[0].number)"], list: "list", items: items)))
        }
        guard let project = projects.first(where: { $0.number == number }) else {
            return reply("project.unknown", ["number": "\(number)"])
        }
        if let closed = project.closedOn {
            return reply("project.already_closed", ["number": "\(number)", "date": closed.dayMonth])
        }
        let today = today(in: row.network)
        recordFinal(.closeProject(networkID: row.network.id, number: number, closedOn: today))
        let values = ["number": "\(number)", "title": project.title, "date": today.dayMonth]
        effects.append(.reply(fitted("project.closed", values, shrinking: "title")))
    }

    /// `PLAN [dd/mm]`: the improvement plan (Plan de Mejoras) started; the network moves to fortalecimiento.
    mutating func planCommand(_ row: Membership) {
        if let started = row.network.planStartedOn {
            return reply("plan.already", ["date": started.dayMonth])
        }
        let today = today(in: row.network)
        var day = today
        if let word = arguments.first {
            guard let parsed = DateParser.parse(word), let given = parsed.resolve(today: today, direction: .past), given <= today else {
                return reply("plan.usage")
            }
            day = given
        }
        record(.startPlan(networkID: row.network.id, on: day))
        var network = row.network
        network.planStartedOn = day
        let stage = StageRule.stage(for: network, projects: context.records[row.network.id]?.projects ?? [], asOf: today)
        reply("plan.recorded", ["date": day.dayMonth, "stage": render("stage.\(stage.rawValue)")])
    }
}
