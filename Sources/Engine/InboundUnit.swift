import Conversation
import Foundation
import TrustCore

/// What a message's reads decided, before anything is written.
enum PreparedStep: Sendable {
    /// The phone is in no roster.
    case unknownPhone
    /// The conversation step's new state and effects, with everything pure already done.
    case step(PreparedTurn)
}

/// A conversation step made ready for writing: texts composed for the wire, the state encoded when no record will
/// change it, so that the writer (one at a time) only writes.
struct PreparedTurn: Sendable {
    let result: StepResult
    /// Composed texts of the `.reply`, `.send` and `.prompt` effects, in effect order.
    let composed: [ComposedReply]
    /// The new state, encoded; nil when a record's reference is to be remembered in it first, or when it is unchanged.
    let encodedState: Data?
    /// True when the step left the state as it was read and remembers no record: nothing to write.
    let stateUnchanged: Bool

    /// - Parameters:
    ///   - result: the step.
    ///   - previous: the state the step started from as it is stored; nil when the stored one did not decode.
    init(_ result: StepResult, from previous: ConversationState?) throws {
        self.result = result
        composed = result.effects.compactMap { effect in
            switch effect {
            case .reply(let text), .send(_, let text, _), .prompt(_, let text, _): ComposedReply(composing: text)
            case .record, .addMember: nil
            }
        }
        let remembers = result.effects.contains { if case .record(_, true) = $0 { true } else { false } }
        stateUnchanged = !remembers && result.state == previous
        encodedState = remembers || stateUnchanged ? nil : try JSONEncoder().encode(result.state)
    }
}

/// The work for one inbound message. `prepare` only reads (it may run on a snapshot beside the writer); `apply`
/// writes what it decided inside the message's transaction; `run` does both inside the transaction.
struct InboundUnit {
    let pipeline: InboundPipeline
    let message: InboundMessage
    let now: Date

    func run(_ tx: any StoreTransaction, phone: String?, flooded: Bool, inlineReply: Bool) async throws -> InboundOutcome {
        guard let phone else { return try await finish(tx, from: message.from, replies: [], outcome: "bad_phone", inlineReply: false) }
        if flooded { return try await finish(tx, from: phone, replies: [], outcome: "flood", inlineReply: false) }
        return try await apply(tx, try await prepare(tx, phone: phone), phone: phone, inlineReply: inlineReply)
    }

    /// The sender's rows, state and context, and the conversation step over them. Reads only.
    func prepare(_ tx: any StoreTransaction, phone: String) async throws -> PreparedStep {
        let members = try await tx.members(phone: phone)
        if members.isEmpty { return .unknownPhone }
        let stored = try await storedState(tx, phone: phone)
        let state = stored ?? ConversationState()
        // The bot says what beyond the sender's own rows this text may read (whole networks only for leader and
        // articulador commands), so the state is loaded first.
        let text = ParsedText(message.text)
        let needs = pipeline.bot.needs(text: text, state: state)
        let context = try await ContextLoader(tx: tx, now: now, settings: pipeline.bot.settings.indicators)
            .load(phone: phone, members: members, needs: needs)
        return .step(try PreparedTurn(pipeline.bot.step(state: state, text: text, context: context, now: now), from: stored))
    }

    /// Writes what `prepared` decided: records, messages to others, the new state, the inbound row and replies.
    func apply(_ tx: any StoreTransaction, _ prepared: PreparedStep, phone: String, inlineReply: Bool) async throws -> InboundOutcome {
        guard case .step(let turn) = prepared else {
            let day = LocalDate(now, in: TimeZone(identifier: "America/Lima")!)
            let first = try await tx.noteUnknownPhone(phone, day: day)
            let replies = first ? [ComposedReply(composing: pipeline.bot.unknownPhoneReply())] : []
            return try await finish(tx, from: phone, replies: replies, outcome: "unknown_phone", inlineReply: inlineReply)
        }
        var state = turn.result.state
        var remembered = false
        var replies: [ComposedReply] = []
        var texts = turn.composed.makeIterator()
        for effect in turn.result.effects {
            switch effect {
            case .reply:
                if let text = texts.next() { replies.append(text) }
            case .send(let to, _, let networkID):
                if let text = texts.next() { try await enqueue(tx, to: to, composed: text, kind: "forward", networkID: networkID) }
            case .prompt(let to, _, let networkID):
                if let text = texts.next() { try await enqueue(tx, to: to, composed: text, kind: OutboxKind.prompt, networkID: networkID) }
            case .record(let change, let remember):
                let ref = try await tx.apply(change)
                if remember, let ref {
                    state.lastRecord = LastRecord(ref: ref, at: now)
                    remembered = true
                }
            case .addMember(let networkID, let phone, let name, let roster, let joinedOn):
                // SOCIO by an articulador: roster rows are not RecordChanges, so the engine inserts the row itself.
                _ = try await tx.insertMember(NewMember(
                    networkID: networkID, phone: phone, name: name, roster: roster, role: .socio,
                    language: pipeline.bot.book.defaultLanguage, joinedOn: joinedOn))
            }
        }
        // A state the step left as it was is not written again (its row, or its absence, already holds it).
        if !turn.stateUnchanged {
            let encoded: Data
            if !remembered, let ready = turn.encodedState { encoded = ready } else { encoded = try JSONEncoder().encode(state) }
            try await tx.saveConversationState(phone: phone, state: encoded, updatedAt: now)
            pipeline.states.remember(phone: phone, data: encoded, state: state)
        }
        return try await finish(tx, from: phone, replies: replies, outcome: "ok", inlineReply: inlineReply)
    }

    /// The phone's state as it is stored (an empty one when it has none); nil when the stored bytes do not decode:
    /// a state written by an older version that no longer decodes starts afresh rather than blocking the phone, and
    /// is written again after the step.
    private func storedState(_ tx: any StoreTransaction, phone: String) async throws -> ConversationState? {
        guard let data = try await tx.conversationState(phone: phone) else { return ConversationState() }
        if let known = pipeline.states.state(phone: phone, data: data) { return known }
        guard let state = try? JSONDecoder().decode(ConversationState.self, from: data) else { return nil }
        pipeline.states.remember(phone: phone, data: data, state: state)
        return state
    }

    private func enqueue(_ tx: any StoreTransaction, to: String, composed: ComposedReply, kind: String, networkID: RowID?) async throws {
        _ = try await tx.enqueue(NewOutbound(
            to: to, text: composed.text, encoding: composed.encoding, segments: composed.segments,
            gateway: pipeline.settings.outboundGateway, notBefore: now, kind: kind, networkID: networkID, createdAt: now))
    }

    private func finish(
        _ tx: any StoreTransaction, from: String, replies: [ComposedReply], outcome: String, inlineReply: Bool
    ) async throws -> InboundOutcome {
        if !inlineReply {
            for reply in replies { try await enqueue(tx, to: from, composed: reply, kind: "reply", networkID: nil) }
        }
        try await tx.insertInbound(InboundRecord(
            gateway: message.gateway, messageID: message.gatewayMessageID, from: from, to: message.to, text: message.text,
            receivedAt: message.receivedAt, processedAt: now, replies: replies.map(\.text), outcome: outcome))
        return InboundOutcome(replies: replies, duplicate: false, outcome: outcome)
    }
}
