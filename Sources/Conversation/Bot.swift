import Foundation
import SMSText
import TrustCore

/// The conversation state machine: one inbound text in, the new state and effects out. Pure: no
/// database, no clock, no network; the engine loads the context and performs the effects.
public struct Bot: Sendable {
    /// Message templates of every language.
    public var book: MessageBook
    /// Lifetimes.
    public var settings: BotSettings

    /// - Parameters:
    ///   - book: message catalogs.
    ///   - settings: lifetimes.
    public init(book: MessageBook, settings: BotSettings = BotSettings()) {
        self.book = book
        self.settings = settings
    }

    /// Handles one text from a registered phone.
    ///
    /// Precedence (product.md §4.1): opt-out words, then CORREGIR, then an answer to the open
    /// question, then any other keyword (which drops the open question), then the help line.
    /// - Parameters:
    ///   - state: the phone's stored state.
    ///   - text: the message text.
    ///   - context: the sender's roster rows and the data commands read.
    ///   - now: the current time.
    public func step(state: ConversationState, text: String, context: ConversationContext, now: Date) -> StepResult {
        var turn = Turn(bot: self, state: state, context: context, now: now, text: text)
        turn.run()
        return StepResult(state: turn.state, effects: turn.effects)
    }

    /// The reply for a phone that is in no roster.
    /// - Parameter language: language to answer in.
    public func unknownPhoneReply(language: String? = nil) -> String {
        book.render("unknown_phone", language: language ?? book.defaultLanguage)
    }
}

/// One step in progress: the state being changed and the effects collected so far.
struct Turn {
    let bot: Bot
    var state: ConversationState
    let context: ConversationContext
    let now: Date
    let text: String
    let words: [String]
    var effects: [Effect] = []

    init(bot: Bot, state: ConversationState, context: ConversationContext, now: Date, text: String) {
        self.bot = bot
        self.state = state
        self.context = context
        self.now = now
        self.text = text
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        self.words = trimmed == "?" ? ["?"] : Keyword.words(text)
    }

    var language: String { context.language }
    var settings: BotSettings { bot.settings }

    /// The words after the command word.
    var arguments: [String] { Array(words.dropFirst()) }

    mutating func reply(_ key: String, _ values: [String: String] = [:]) {
        effects.append(.reply(bot.book.render(key, language: language, values)))
    }

    mutating func record(_ change: RecordChange, remember: Bool = true) {
        effects.append(.record(change, remember: remember))
    }

    mutating func ask(_ question: Pending, lifetime: TimeInterval? = nil) {
        state.ask(question, now: now, lifetime: lifetime ?? settings.flowLifetime)
    }

    /// Today in the network's time zone.
    func today(in network: Network) -> LocalDate { LocalDate(now, in: network.zone) }

    mutating func run() {
        let first = words.first ?? ""
        let command = Command(word: first)
        if command == .optOut || command == .optIn {
            return optOut(command == .optOut)
        }
        if command == .correct {
            return correct()
        }
        if let pending = state.livePending(at: now) {
            if answer(pending) { return }
            if command == nil {
                return reask(pending)
            }
        } else if state.pendingExpired(at: now), command == nil, looksLikeAnswer {
            state.clearPending()
            return reply("expired")
        }
        state.clearPending()
        guard let command else { return reply("help_line") }
        start(command)
    }

    /// A bare number, yes/no or amount: what someone answering a question would send.
    var looksLikeAnswer: Bool {
        guard words.count <= 2, let first = words.first else { return false }
        return YesNo.parse(first) != nil || Int(first) != nil || AmountParser.parse(text) != nil
    }

    mutating func start(_ command: Command) {
        switch command {
        case .menu: showMenu()
        case .help: help()
        case .attended: withMemberRow(command) { $0.askAttendance($1) }
        case .contribution:
            withMemberRow(command) { turn, row in
                turn.contribution(row, argument: turn.arguments.filter { $0 != row.network.code }.joined(separator: " "))
            }
        case .mine: withMemberRow(command) { $0.mine($1) }
        case .pulse: withMemberRow(command) { $0.startPulse($1) }
        case .optOut, .optIn, .correct: break
        }
    }

    /// Runs `body` for the sender's member row; asks which network when there are several and the
    /// message does not name one.
    mutating func withMemberRow(_ command: Command, _ body: (inout Turn, Membership) -> Void) {
        let rows = context.memberRows
        if rows.count == 1 { return body(&self, rows[0]) }
        if rows.isEmpty { return reply("not_a_member") }
        if let named = rows.first(where: { words.contains($0.network.code) }) { return body(&self, named) }
        let list = rows.enumerated().map { "\($0.offset + 1) \($0.element.network.code)" }.joined(separator: ", ")
        ask(.chooseNetwork(command: command.rawValue, memberIDs: rows.map(\.member.id)))
        reply("choose_network", ["list": list])
    }

    /// Answers the open question with this text; false when the text is not an answer to it.
    mutating func answer(_ pending: Pending) -> Bool {
        switch pending {
        case .menu(_, let memberID): return menuChoice(memberID: memberID)
        case .chooseNetwork(let name, let memberIDs): return networkChoice(command: name, memberIDs: memberIDs)
        case .confirmContribution(let networkID, let memberID, let amount):
            return confirmContribution(networkID: networkID, memberID: memberID, amount: amount)
        case .contributionAmount(_, let memberID):
            guard AmountParser.parse(text) != nil, let row = context.membership(memberID: memberID) else { return false }
            contribution(row, argument: text)
            return true
        case .attendance(let meetingID, let networkID, let memberID):
            return attendanceAnswer(meetingID: meetingID, networkID: networkID, memberID: memberID)
        case .rateMeeting(let meetingID, let networkID, let memberID):
            return meetingRating(meetingID: meetingID, networkID: networkID, memberID: memberID)
        case .pulse(let networkID, let memberID, let index):
            return pulseAnswer(networkID: networkID, memberID: memberID, index: index)
        }
    }

    /// Repeats what the open question expects, keeping it open.
    mutating func reask(_ pending: Pending) {
        switch pending {
        case .menu: reply("answer_menu")
        case .chooseNetwork: reply("answer_number")
        case .confirmContribution, .attendance: reply("answer_yes_no")
        case .contributionAmount: reply("contribution.bad_amount")
        case .rateMeeting, .pulse: reply("answer_rating")
        }
    }

    mutating func networkChoice(command name: String, memberIDs: [RowID]) -> Bool {
        guard words.count == 1, let n = Int(words[0]), n >= 1, n <= memberIDs.count,
            let row = context.membership(memberID: memberIDs[n - 1]), let command = Command(rawValue: name)
        else { return false }
        state.clearPending()
        switch command {
        case .attended: askAttendance(row)
        case .contribution: contribution(row, argument: "")
        case .mine: mine(row)
        case .pulse: startPulse(row)
        default: showMenu()
        }
        return true
    }
}
