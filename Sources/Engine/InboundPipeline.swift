import Conversation
import Foundation
import Logging
import Metrics
import SMSText
import TrustCore

/// A reply ready for the wire: transliterated, with its encoding and segment count.
public struct ComposedReply: Sendable, Equatable {
    /// The text as it will be sent.
    public var text: String
    public var encoding: SMSEncoding
    public var segments: Int

    /// - Parameter text: the text to compose (transliterated to GSM-7 where possible).
    public init(composing text: String) {
        let composed = SMSComposer.compose(text)
        self.text = composed.text
        self.encoding = composed.encoding == .gsm7 ? .gsm7 : .ucs2
        self.segments = composed.segments
    }
}

/// What the pipeline did with one inbound message.
public struct InboundOutcome: Sendable, Equatable {
    /// Replies to the sender, in order (inline gateways put them in the HTTP answer).
    public var replies: [ComposedReply]
    /// True when this gateway message id was already processed: nothing was written.
    public var duplicate: Bool
    /// Outcome label (`ok`, `unknown_phone`, `bad_phone`, `flood`).
    public var outcome: String

    /// - Parameters:
    ///   - replies: replies to the sender.
    ///   - duplicate: a retry of a stored message.
    ///   - outcome: outcome label.
    public init(replies: [ComposedReply], duplicate: Bool, outcome: String) {
        self.replies = replies
        self.duplicate = duplicate
        self.outcome = outcome
    }
}

/// Settings of the inbound pipeline.
public struct PipelineSettings: Sendable {
    /// Country code for numbers without one (`+51`).
    public var defaultCountry: String
    /// Gateway that sends outbox messages (`console`, `twilio`, …).
    public var outboundGateway: String
    /// Messages one phone may send per minute before it is ignored (flood guard).
    public var floodLimitPerMinute: Int
    /// Most messages committed together in one transaction (group commit). 1 gives every message its own
    /// transaction, run concurrently with the others: for PostgreSQL, whose row locks keep one phone's
    /// messages apart and whose commits overlap, where a single writer would serialise every instance's fsyncs.
    public var maxBatch: Int
    /// Run each message's reads and conversation step beside the writer when the store can (`SpeculativeStore`),
    /// leaving the writer only the writes; a message whose reads changed meanwhile is processed again in the writer.
    public var speculate: Bool

    /// - Parameters:
    ///   - defaultCountry: country code.
    ///   - outboundGateway: outbox gateway.
    ///   - floodLimitPerMinute: per-phone limit.
    ///   - maxBatch: group-commit batch size.
    ///   - speculate: step beside the writer where the store allows it.
    public init(
        defaultCountry: String = "+51", outboundGateway: String = "console", floodLimitPerMinute: Int = 20, maxBatch: Int = 64,
        speculate: Bool = true
    ) {
        self.defaultCountry = defaultCountry
        self.outboundGateway = outboundGateway
        self.floodLimitPerMinute = floodLimitPerMinute
        self.maxBatch = maxBatch
        self.speculate = speculate
    }
}

/// Turns one inbound SMS into records and replies in ONE transaction: dedupe on (gateway, id),
/// load the conversation state and context, run the state machine, write records, state, replies
/// and outbox rows, commit. The caller acknowledges the gateway only after this returns.
/// Messages arriving together share a transaction (group commit), each in its own savepoint, in
/// arrival order, so one phone's messages are processed in the order they came.
///
/// On a `SpeculativeStore` (a SQLite file) the reads and the conversation step of each message run first on a
/// snapshot beside the writer, concurrently with other messages; the shared transaction then only checks that
/// nothing those reads depended on has changed (`StoreTransaction.unchanged`) and writes the step's effects. When
/// something did change, the message is read and stepped again inside the transaction, exactly as without
/// speculation. One phone's messages wait for each other (`KeyedLock`), so they still run in arrival order.
public struct InboundPipeline: Sendable {
    let store: any Store
    let bot: Bot
    let settings: PipelineSettings
    let floodGuard: FloodGuard
    let committer: GroupCommit<InboundOutcome>
    let logger: Logger
    private let speculative: (any SpeculativeStore)?
    private let phoneOrder = KeyedLock<String>()
    /// Decoded conversation states, reused while their stored bytes are unchanged.
    let states = StateCache()

    /// - Parameters:
    ///   - store: the database.
    ///   - bot: the conversation state machine.
    ///   - settings: pipeline settings.
    ///   - logger: where to log (phones masked).
    public init(store: any Store, bot: Bot, settings: PipelineSettings = PipelineSettings(), logger: Logger = Logger(label: "confianza.inbound")) {
        self.store = store
        self.bot = bot
        self.settings = settings
        self.floodGuard = FloodGuard(limitPerMinute: settings.floodLimitPerMinute)
        self.committer = GroupCommit(store: store, maxBatch: settings.maxBatch)
        self.logger = logger
        self.speculative = settings.speculate && settings.maxBatch > 1 ? store as? any SpeculativeStore : nil
    }

    /// Processes one inbound message.
    /// - Parameters:
    ///   - message: the decoded message.
    ///   - inlineReply: true when the gateway takes the reply in its HTTP answer; otherwise the
    ///     replies also go to the outbox.
    ///   - now: processing time (injected for tests).
    public func handle(_ message: InboundMessage, inlineReply: Bool, now: Date = Date()) async throws -> InboundOutcome {
        let phone = PhoneNumber.normalize(message.from, defaultCountry: settings.defaultCountry)
        var isFlooding = false
        if let phone { isFlooding = await floodGuard.isFlooding(phone, now: now) }
        let flooded = isFlooding
        // Built only when a line is logged (swift-log takes metadata as an autoclosure): masking costs per webhook.
        let about: @Sendable () -> Logger.Metadata = {
            [LogKey.gateway: "\(message.gateway)", LogKey.contact: "\(PhoneNumber.masked(phone ?? message.from))"]
        }
        let unit = InboundUnit(pipeline: self, message: message, now: now)
        let outcome: InboundOutcome
        if let speculative, let phone, !flooded {
            outcome = try await phoneOrder.withLock(phone) {
                let speculation = await speculate(unit, phone: phone, on: speculative, about: about)
                return try await committer.run(work(unit, phone: phone, flooded: flooded, inlineReply: inlineReply, speculation: speculation))
            }
        } else {
            let work = work(unit, phone: phone, flooded: flooded, inlineReply: inlineReply, speculation: nil)
            outcome = settings.maxBatch > 1 ? try await committer.run(work) : try await store.transaction(work)
        }
        Counter(label: "confianza_inbound_total", dimensions: [("gateway", message.gateway), ("outcome", outcome.duplicate ? "duplicate" : outcome.outcome)]).increment()
        logger.debug("inbound processed", metadata: about().merging([LogKey.outcome: "\(outcome.outcome)", LogKey.duplicate: "\(outcome.duplicate)"]) { $1 })
        return outcome
    }

    /// The message's unit of work inside the transaction: a retry gets the stored answer; a current speculation is
    /// written as it is; anything else is read and stepped here.
    private func work(
        _ unit: InboundUnit, phone: String?, flooded: Bool, inlineReply: Bool, speculation: Speculation<PreparedStep>?
    ) -> GroupCommit<InboundOutcome>.Work {
        { tx in
            if let stored = try await tx.inbound(gateway: unit.message.gateway, messageID: unit.message.gatewayMessageID) {
                return InboundOutcome(replies: stored.replies.map(ComposedReply.init(composing:)), duplicate: true, outcome: stored.outcome)
            }
            if let speculation, let phone {
                if tx.unchanged(since: speculation.reads) {
                    Self.speculationUsed.increment()
                    return try await unit.apply(tx, speculation.value, phone: phone, inlineReply: inlineReply)
                }
                Self.speculationStale.increment()
            }
            return try await unit.run(tx, phone: phone, flooded: flooded, inlineReply: inlineReply)
        }
    }

    /// Reads and steps on a snapshot; nil when that failed (the transaction then does it all).
    private func speculate(
        _ unit: InboundUnit, phone: String, on store: any SpeculativeStore, about: () -> Logger.Metadata
    ) async -> Speculation<PreparedStep>? {
        do {
            return try await store.speculate { tx in try await unit.prepare(tx, phone: phone) }
        } catch {
            Self.speculationFailed.increment()
            logger.debug(
                "speculative step failed; stepping in the transaction",
                metadata: about().merging([LogKey.error: "\(String(describing: type(of: error)))"]) { $1 })
            return nil
        }
    }

    private static let speculationUsed = Counter(label: "confianza_inbound_speculation_total", dimensions: [("result", "used")])
    private static let speculationStale = Counter(label: "confianza_inbound_speculation_total", dimensions: [("result", "stale")])
    private static let speculationFailed = Counter(label: "confianza_inbound_speculation_total", dimensions: [("result", "failed")])
}

/// Typed, prefixed log metadata keys (style.md rule 5).
public enum LogKey {
    /// The gateway name.
    public static let gateway = "confianza.gateway"
    /// A masked phone number.
    public static let contact = "confianza.contact"
    /// The gateway's message id.
    public static let messageID = "confianza.gateway.message_id"
    /// Pipeline outcome.
    public static let outcome = "confianza.outcome"
    /// Whether the message was a retry.
    public static let duplicate = "confianza.duplicate"
    /// Request id of one webhook.
    public static let requestID = "confianza.request.id"
    /// Outbox row id.
    public static let outboxID = "confianza.outbox.id"
    /// Error summary.
    public static let error = "confianza.error"
}
