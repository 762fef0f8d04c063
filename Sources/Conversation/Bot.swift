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
        step(state: state, text: ParsedText(text), context: context, now: now)
    }

    /// `step` on a text already split into words (the pipeline parses each text once, for `needs` and `step`).
    public func step(state: ConversationState, text: ParsedText, context: ConversationContext, now: Date) -> StepResult {
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

/// A message text with its normalised words, split once.
public struct ParsedText: Sendable {
    /// The text as received.
    public let text: String
    /// Its words, as the state machine reads them.
    let words: [String]

    /// - Parameter text: the message text.
    public init(_ text: String) {
        self.text = text
        words = Turn.words(of: text)
    }
}

/// One step in progress: the state being changed and the effects collected so far.
struct Turn {
    let bot: Bot
    var state: ConversationState
    let context: ConversationContext
    let now: Date
    /// The text being handled; replaced by the stored text when a network choice resumes a command.
    var text: String
    var words: [String]
    var effects: [Effect] = []
    /// The roster row a menu or a network choice already picked for the command being started.
    var chosenMemberID: RowID?

    init(bot: Bot, state: ConversationState, context: ConversationContext, now: Date, text: ParsedText) {
        self.bot = bot
        self.state = state
        self.context = context
        self.now = now
        self.text = text.text
        self.words = text.words
    }

    static func words(of text: String) -> [String] {
        text.trimmingCharacters(in: .whitespacesAndNewlines) == "?" ? ["?"] : Keyword.words(text)
    }

    var language: String { context.language }
    var settings: BotSettings { bot.settings }

    /// The words after the command word.
    var arguments: [String] { Array(words.dropFirst()) }

    mutating func reply(_ key: String, _ values: [String: String] = [:]) {
        effects.append(.reply(render(key, values)))
    }

    func render(_ key: String, _ values: [String: String] = [:], language: String? = nil) -> String {
        bot.book.render(key, language: language ?? self.language, values)
    }

    /// Writes a record that CORREGIR can undo.
    mutating func record(_ change: RecordChange, remember: Bool = true) {
        effects.append(.record(change, remember: remember))
    }

    /// Writes a record that CORREGIR cannot undo; CORREGIR then no longer reaches an older record either.
    mutating func recordFinal(_ change: RecordChange) {
        state.lastRecord = nil
        effects.append(.record(change, remember: false))
    }

    mutating func ask(_ question: Pending, lifetime: TimeInterval? = nil) {
        state.ask(question, now: now, lifetime: lifetime ?? settings.flowLifetime)
    }

    /// Today in the network's time zone.
    func today(in network: Network) -> LocalDate { LocalDate(now, in: network.zone) }

    mutating func run() {
        let command = Command(word: words.first ?? "")
        if command == .optOut || command == .optIn {
            return optOut(command == .optOut)
        }
        if command == .correct {
            return correct()
        }
        if let pending = state.livePending(at: now) {
            if answer(pending) { return }
            if command == nil { return reask(pending) }
        } else if command == nil, answerPrompt() {
            return
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
        case .attended: withRow(command, .member) { $0.askAttendance($1) }
        case .contribution: contributionCommand()
        case .mine: withRow(command, .member) { $0.mine($1) }
        case .summary: summaryCommand()
        case .pulse: withRow(command, .member) { $0.startPulse($1) }
        case .language: changeLanguage()
        case .more: nextPage()
        case .meeting: withRow(command, .leader) { $0.meetingCommand($1) }
        case .event: withRow(command, .leader) { $0.eventCommand($1) }
        case .project: withRow(command, .leader) { $0.projectCommand($1) }
        case .plan: withRow(command, .leader) { $0.planCommand($1) }
        case .pendingList: withRow(command, .treasurer) { $0.pendingList($1) }
        case .confirm: withRow(command, .treasurer) { $0.decide($1, status: .confirmed) }
        case .reject: withRow(command, .treasurer) { $0.decide($1, status: .rejected) }
        case .networks: networksCommand()
        case .status: withNetwork(command, .viewer, extra: { _ in false }) { $0.statusCommand($1) }
        case .alerts: alertsCommand()
        case .addMember: withNetwork(command, .articulador, extra: { _ in false }) { $0.addMemberCommand($1) }
        case .rate: withNetwork(command, .articulador, extra: { _ in false }) { $0.rateCommand($1) }
        case .stage: withNetwork(command, .articulador, extra: { Turn.stageWord($0) != nil }) { $0.stageCommand($1) }
        case .optOut, .optIn, .correct: break
        }
    }

    /// Answers the open question with this text; false when the text is not an answer to it.
    mutating func answer(_ pending: Pending) -> Bool {
        switch pending {
        case .menu(_, let memberID, let kind): return menuChoice(memberID: memberID, kind: kind ?? .socio)
        case .chooseNetwork(let name, let memberIDs, let stored): return networkChoice(command: name, memberIDs: memberIDs, text: stored)
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
        case .meeting(let draft): return meetingAnswer(draft)
        case .eventDate(let networkID, let memberID, let title): return eventDateAnswer(networkID: networkID, memberID: memberID, title: title)
        case .expertRating(let networkID, let memberID, let index, let scores):
            return expertRatingAnswer(networkID: networkID, memberID: memberID, index: index, scores: scores)
        }
    }

    /// Repeats what the open question expects, keeping it open.
    mutating func reask(_ pending: Pending) {
        switch pending {
        case .menu: reply("answer_menu")
        case .chooseNetwork: reply("answer_number")
        case .confirmContribution, .attendance: reply("answer_yes_no")
        case .contributionAmount: reply("contribution.bad_amount")
        case .rateMeeting, .pulse, .expertRating: reply("answer_rating")
        case .meeting(let draft): reaskMeeting(draft)
        case .eventDate: reply("event.bad_date")
        }
    }
}
