import Foundation
import SMSText

/// What the engine must load beyond the sender's own rows, open meetings and month, so that a socio's message
/// costs a few small queries and only leader and articulador commands read whole networks.
public struct ContextNeeds: OptionSet, Sendable, Hashable {
    public let rawValue: Int

    /// - Parameter rawValue: the bits.
    public init(rawValue: Int) { self.rawValue = rawValue }

    /// Every roster row of the networks the sender leads or articulates (`ConversationContext.rosters`).
    public static let roster = ContextNeeds(rawValue: 1 << 0)
    /// All records of those networks: events, projects, contributions (`ConversationContext.records`).
    public static let records = ContextNeeds(rawValue: 1 << 1)
    /// Their indicators over the last complete weeks and the weeks before (`ConversationContext.statuses`).
    public static let indicators = ContextNeeds(rawValue: 1 << 2)
    /// Their meetings of the last `meetingsWindowDays` days (`ConversationContext.meetings`).
    public static let meetings = ContextNeeds(rawValue: 1 << 3)

    /// How far back `meetings` reaches: a meeting registered for an older day is not checked for a twin.
    public static let meetingsWindowDays = 120
}

extension Bot {
    /// What a step on `text` may read, decided from the text and the open question alone (before any loading).
    /// Errs on the side of loading: the open question's needs count even when the text will not answer it.
    /// - Parameters:
    ///   - text: the incoming text.
    ///   - state: the phone's stored state.
    public func needs(text: String, state: ConversationState) -> ContextNeeds {
        needs(text: ParsedText(text), state: state)
    }

    /// `needs` of a text already split into words.
    public func needs(text: ParsedText, state: ConversationState) -> ContextNeeds {
        let words = text.words
        var needs = Bot.needs(words: words)
        switch state.pending {
        case .meeting?: needs.formUnion([.roster, .meetings])
        case .eventDate?: needs.insert(.records)
        case .menu(_, _, let kind)?:
            if words.count == 1, let choice = Int(words[0]), let command = (kind ?? .socio).items[choice] {
                needs.formUnion(Bot.needs(command: command, words: []))
            }
        case .chooseNetwork(let name, _, let stored)?:
            if let command = Command(rawValue: name) {
                needs.formUnion(Bot.needs(command: command, words: stored.map(Turn.words(of:)) ?? []))
            }
        default: break
        }
        return needs
    }

    static func needs(words: [String]) -> ContextNeeds {
        guard let first = words.first, let command = Command(word: first) else { return [] }
        return needs(command: command, words: words)
    }

    static func needs(command: Command, words: [String]) -> ContextNeeds {
        switch command {
        case .meeting: [.roster, .meetings]
        case .addMember: [.roster]
        case .event, .project, .plan, .pendingList, .confirm, .reject, .stage: [.records]
        // `APORTE 7 20` (the tesorero for a member) reads the roster and the month's fund; `APORTE 20` reads nothing.
        case .contribution:
            Turn.rosterAndAmount(Array(words.dropFirst().drop { !($0.first?.isNumber ?? false) })) == nil ? [] : [.records]
        case .networks, .status, .alerts, .summary: [.indicators]
        case .menu, .help, .optOut, .optIn, .correct, .language, .more, .attended, .mine, .pulse, .rate: []
        }
    }
}
