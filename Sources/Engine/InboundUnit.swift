import Conversation
import Foundation
import TrustCore

/// The work for one inbound message inside its transaction.
struct InboundUnit {
    let pipeline: InboundPipeline
    let tx: any StoreTransaction
    let message: InboundMessage
    let now: Date

    func run(phone: String?, flooded: Bool, inlineReply: Bool) async throws -> InboundOutcome {
        guard let phone else { return try await finish(from: message.from, replies: [], outcome: "bad_phone", inlineReply: false) }
        if flooded { return try await finish(from: phone, replies: [], outcome: "flood", inlineReply: false) }
        let members = try await tx.members(phone: phone)
        if members.isEmpty {
            let day = LocalDate(now, in: TimeZone(identifier: "America/Lima")!)
            let first = try await tx.noteUnknownPhone(phone, day: day)
            let replies = first ? [pipeline.bot.unknownPhoneReply()] : []
            return try await finish(from: phone, replies: replies, outcome: "unknown_phone", inlineReply: inlineReply)
        }
        var state = try await loadState(phone: phone)
        // The bot says what beyond the sender's own rows this text may read (whole networks only for leader and
        // articulador commands), so the state is loaded first.
        let needs = pipeline.bot.needs(text: message.text, state: state)
        let context = try await ContextLoader(tx: tx, now: now, settings: pipeline.bot.settings.indicators)
            .load(phone: phone, members: members, needs: needs)
        let result = pipeline.bot.step(state: state, text: message.text, context: context, now: now)
        state = result.state
        var replies: [String] = []
        for effect in result.effects {
            switch effect {
            case .reply(let text):
                replies.append(text)
            case .send(let to, let text, let networkID):
                try await enqueue(to: to, text: text, kind: "forward", networkID: networkID)
            case .prompt(let to, let text, let networkID):
                try await enqueue(to: to, text: text, kind: OutboxKind.prompt, networkID: networkID)
            case .record(let change, let remember):
                let ref = try await tx.apply(change)
                if remember, let ref { state.lastRecord = LastRecord(ref: ref, at: now) }
            case .addMember(let networkID, let phone, let name, let roster, let joinedOn):
                // SOCIO by an articulador: roster rows are not RecordChanges, so the engine inserts the row itself.
                _ = try await tx.insertMember(NewMember(
                    networkID: networkID, phone: phone, name: name, roster: roster, role: .socio,
                    language: pipeline.bot.book.defaultLanguage, joinedOn: joinedOn))
            }
        }
        try await tx.saveConversationState(phone: phone, state: try JSONEncoder().encode(state), updatedAt: now)
        return try await finish(from: phone, replies: replies, outcome: "ok", inlineReply: inlineReply)
    }

    private func loadState(phone: String) async throws -> ConversationState {
        guard let data = try await tx.conversationState(phone: phone) else { return ConversationState() }
        // A state written by an older version that no longer decodes starts afresh rather than
        // blocking the phone.
        return (try? JSONDecoder().decode(ConversationState.self, from: data)) ?? ConversationState()
    }

    private func enqueue(to: String, text: String, kind: String, networkID: RowID?) async throws {
        let composed = ComposedReply(composing: text)
        _ = try await tx.enqueue(NewOutbound(
            to: to, text: composed.text, encoding: composed.encoding, segments: composed.segments,
            gateway: pipeline.settings.outboundGateway, notBefore: now, kind: kind, networkID: networkID, createdAt: now))
    }

    private func finish(from: String, replies: [String], outcome: String, inlineReply: Bool) async throws -> InboundOutcome {
        let composed = replies.map(ComposedReply.init(composing:))
        if !inlineReply {
            for reply in composed { try await enqueue(to: from, text: reply.text, kind: "reply", networkID: nil) }
        }
        try await tx.insertInbound(InboundRecord(
            gateway: message.gateway, messageID: message.gatewayMessageID, from: from, to: message.to, text: message.text,
            receivedAt: message.receivedAt, processedAt: now, replies: composed.map(\.text), outcome: outcome))
        return InboundOutcome(replies: composed, duplicate: false, outcome: outcome)
    }
}
