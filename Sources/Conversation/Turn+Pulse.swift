import Foundation
import TrustCore
import SMSText

extension Turn {
    /// The pulse questions in order: satisfaction (Q1), compliance (Q2), transparency (Q4).
    static let pulseIndicators: [RatedIndicator] = [.q1, .q2, .q4]

    /// `OPINAR`: starts the three-question pulse.
    mutating func startPulse(_ row: Membership) {
        ask(.pulse(networkID: row.network.id, memberID: row.member.id, index: 0))
        reply("pulse.q1")
    }

    /// One 1–5 answer of the pulse; records it and asks the next question.
    mutating func pulseAnswer(networkID: RowID, memberID: RowID, index: Int) -> Bool {
        guard let score = RatingParser.parse(text), let row = context.membership(memberID: memberID),
            index < Turn.pulseIndicators.count
        else { return false }
        let indicator = Turn.pulseIndicators[index]
        record(.rate(Rating(networkID: networkID, memberID: memberID, indicator: indicator, score: score,
                            ratedOn: today(in: row.network))), remember: false)
        let next = index + 1
        if next < Turn.pulseIndicators.count {
            ask(.pulse(networkID: networkID, memberID: memberID, index: next))
            reply("pulse.\(Turn.pulseIndicators[next].rawValue)")
        } else {
            state.clearPending()
            reply("pulse.done", ["name": Truncation.name(row.member.firstName)])
        }
        return true
    }
}
