import TrustCore

/// What one step of the conversation decided. The engine performs these in the same transaction
/// as the inbound message, in order.
public enum Effect: Sendable, Equatable {
    /// Reply to the sender.
    case reply(String)
    /// Send a message to another phone (a forwarded question, a welcome, a notice).
    case send(to: String, text: String, networkID: RowID?)
    /// Ask a member whether they attended a meeting. Kept apart from `send` because the scheduler nudges members
    /// whose prompt went unanswered, and counts prompts toward the weekly cap of automatic messages.
    case prompt(to: String, text: String, networkID: RowID?)
    /// Write a record; when `remember` the reference is kept for CORREGIR.
    case record(RecordChange, remember: Bool)
    /// Add a socio to a network's roster (`SOCIO <red> <telefono> <nombre>`), with the roster number the reply
    /// announced. Not a `RecordChange` because TrustCore's record changes do not cover roster rows.
    case addMember(networkID: RowID, phone: String, name: String, roster: Int, joinedOn: LocalDate)
}

/// The result of one step: the new state and the effects to perform.
public struct StepResult: Sendable, Equatable {
    public var state: ConversationState
    public var effects: [Effect]

    /// - Parameters:
    ///   - state: the state to store.
    ///   - effects: what to do, in order.
    public init(state: ConversationState, effects: [Effect]) {
        self.state = state
        self.effects = effects
    }

    /// The reply texts, in order.
    public var replies: [String] {
        effects.compactMap { if case .reply(let text) = $0 { text } else { nil } }
    }

    /// The record changes, in order.
    public var records: [RecordChange] {
        effects.compactMap { if case .record(let change, _) = $0 { change } else { nil } }
    }
}
