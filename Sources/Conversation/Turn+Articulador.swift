import Foundation
import SMSText
import TrustCore

extension Turn {
    /// The expert ratings of `CALIFICAR`, in the order asked: compliance, formality, infrastructure, innovation.
    static let expertIndicators: [RatedIndicator] = [.q2, .q5, .e3, .e4]

    /// `SOCIO HUAMBO 987654321 Rosa Quispe`: adds a socio with the next roster number and welcomes them.
    mutating func addMemberCommand(_ row: Membership) {
        var tokens = typedArguments
        var phoneText = ""
        while let token = tokens.first, token.allSatisfy({ $0.isNumber || "+-().".contains($0) }) {
            phoneText += token
            tokens.removeFirst()
        }
        let name = Turn.title(tokens)
        guard let phone = PhoneNumber.normalize(phoneText, defaultCountry: settings.defaultCountry), phone.hasPrefix("+"),
            name.contains(where: \.isLetter)
        else { return reply("member.usage", ["code": row.network.code]) }
        let roster = context.rosters[row.network.id] ?? context.records[row.network.id]?.members ?? []
        if let existing = roster.first(where: { $0.phone == phone }) {
            return reply("member.exists", [
                "code": row.network.code, "roster": "\(existing.roster)", "name": Truncation.name(existing.name),
            ])
        }
        // Socios are numbered after the last socio; numbers the articulador's own rows hold are skipped.
        var number = (roster.filter(\.role.isMember).map(\.roster).max() ?? 0) + 1
        while roster.contains(where: { $0.roster == number }) { number += 1 }
        state.lastRecord = nil  // a roster row is not undone by CORREGIR
        effects.append(.addMember(networkID: row.network.id, phone: phone, name: name, roster: number, joinedOn: today(in: row.network)))
        let welcome = render("member.welcome", [
            "network": Truncation.network(row.network.name), "roster": "\(number)",
        ], language: bot.book.defaultLanguage)
        effects.append(.send(to: phone, text: welcome, networkID: row.network.id))
        let values = ["code": row.network.code, "roster": "\(number)", "name": name]
        effects.append(.reply(fitted("member.added", values, shrinking: "name")))
    }

    /// `CALIFICAR HUAMBO` asks the four expert ratings one by one; `CALIFICAR HUAMBO 4 3 3 2` gives them at once.
    mutating func rateCommand(_ row: Membership) {
        let given = arguments
        guard !given.isEmpty else {
            ask(.expertRating(networkID: row.network.id, memberID: row.member.id, index: 0, scores: []))
            return reply("rate.q2", ["code": row.network.code])
        }
        let scores = given.compactMap(RatingParser.parse)
        guard scores.count == Turn.expertIndicators.count, given.count == scores.count else {
            return reply("rate.usage", ["code": row.network.code])
        }
        for (indicator, score) in zip(Turn.expertIndicators, scores) {
            recordFinal(.rate(Rating(networkID: row.network.id, memberID: row.member.id, indicator: indicator, score: score,
                                     ratedOn: today(in: row.network))))
        }
        rated(row, scores)
    }

    /// One answer of the guided `CALIFICAR`: records it and asks the next.
    mutating func expertRatingAnswer(networkID: RowID, memberID: RowID, index: Int, scores: [Int]) -> Bool {
        guard let score = RatingParser.parse(text), let row = context.membership(memberID: memberID),
            index < Turn.expertIndicators.count
        else { return false }
        recordFinal(.rate(Rating(networkID: networkID, memberID: memberID, indicator: Turn.expertIndicators[index], score: score,
                                 ratedOn: today(in: row.network))))
        let next = index + 1
        guard next < Turn.expertIndicators.count else {
            state.clearPending()
            rated(row, scores + [score])
            return true
        }
        ask(.expertRating(networkID: networkID, memberID: memberID, index: next, scores: scores + [score]))
        reply("rate.\(Turn.expertIndicators[next].rawValue)", ["code": row.network.code])
        return true
    }

    /// The read-back of the four expert ratings.
    mutating func rated(_ row: Membership, _ scores: [Int]) {
        var values = ["code": row.network.code]
        for (indicator, score) in zip(Turn.expertIndicators, scores) { values[indicator.rawValue] = "\(score)" }
        reply("rate.done", values)
    }

    /// A stage as written: its name in Spanish or English, or 1–3; `AUTO` clears the articulador's choice.
    enum StageChoice: Equatable {
        case set(Stage)
        case automatic
    }

    static func stageWord(_ word: String) -> StageChoice? {
        switch word {
        case "GENERACION", "GENERATION", "1": .set(.generacion)
        case "FORTALECIMIENTO", "STRENGTHENING", "2": .set(.fortalecimiento)
        case "CONSOLIDACION", "CONSOLIDATION", "3": .set(.consolidacion)
        default: Modifier.automatic.contains(word) ? .automatic : nil
        }
    }

    /// `ETAPA HUAMBO FORTALECIMIENTO` sets the stage; `ETAPA HUAMBO AUTO` goes back to the milestones.
    mutating func stageCommand(_ row: Membership) {
        let projects = context.records[row.network.id]?.projects ?? []
        let today = today(in: row.network)
        guard arguments.count == 1, let choice = Turn.stageWord(arguments[0]) else {
            let current = StageRule.stage(for: row.network, projects: projects, asOf: today)
            return reply("stage.usage", ["code": row.network.code, "stage": render("stage.\(current.rawValue)")])
        }
        var network = row.network
        switch choice {
        case .set(let stage):
            recordFinal(.setStage(networkID: row.network.id, stage: stage))
            reply("stage.set", ["code": row.network.code, "stage": render("stage.\(stage.rawValue)")])
        case .automatic:
            recordFinal(.setStage(networkID: row.network.id, stage: nil))
            network.stageOverride = nil
            let derived = StageRule.stage(for: network, projects: projects, asOf: today)
            reply("stage.auto", ["code": row.network.code, "stage": render("stage.\(derived.rawValue)")])
        }
    }
}
