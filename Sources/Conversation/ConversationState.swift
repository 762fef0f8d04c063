import Foundation
import TrustCore

/// What the bot remembers about one phone between messages: at most one open question, the last
/// record (for CORREGIR), the chosen network and the last numbered list. Stored as JSON.
public struct ConversationState: Codable, Sendable, Equatable {
    /// The open question, if any.
    public var pending: Pending?
    /// When the open question stops being answerable.
    public var pendingExpiresAt: Date?
    /// The last record this phone wrote, for CORREGIR.
    public var lastRecord: LastRecord?
    /// Numbered list last shown (e.g. network codes after REDES), for `ESTADO 1`.
    public var listing: [String]?
    /// When `listing` stops being valid.
    public var listingExpiresAt: Date?

    /// An empty state.
    public init() {}

    /// The open question if it has not expired at `now`.
    public func livePending(at now: Date) -> Pending? {
        guard let pending, let expiry = pendingExpiresAt, now < expiry else { return nil }
        return pending
    }

    /// True when a question was open but expired before `now`.
    public func pendingExpired(at now: Date) -> Bool {
        guard pending != nil, let expiry = pendingExpiresAt else { return false }
        return now >= expiry
    }

    /// Opens a question that stays answerable for `lifetime` seconds.
    public mutating func ask(_ question: Pending, now: Date, lifetime: TimeInterval) {
        pending = question
        pendingExpiresAt = now.addingTimeInterval(lifetime)
    }

    /// Closes the open question.
    public mutating func clearPending() {
        pending = nil
        pendingExpiresAt = nil
    }
}

/// The record a phone wrote last, kept for correction within the conversation window.
public struct LastRecord: Codable, Sendable, Equatable {
    /// What to undo.
    public var ref: RecordRef
    /// When it was written; CORREGIR works within the flow lifetime.
    public var at: Date

    /// - Parameters:
    ///   - ref: the record.
    ///   - at: when it was written.
    public init(ref: RecordRef, at: Date) {
        self.ref = ref
        self.at = at
    }
}

/// The one open question a phone can answer.
public enum Pending: Codable, Sendable, Equatable {
    /// The role menu was shown: a number picks an item.
    case menu(networkID: RowID, memberID: RowID)
    /// The member has several networks and must choose one for `command`.
    case chooseNetwork(command: String, memberIDs: [RowID])
    /// `¿Confirma su aporte de S/ 20.00?` 1 yes / 2 no.
    case confirmContribution(networkID: RowID, memberID: RowID, amount: Money)
    /// `APORTE` without an amount: waiting for one.
    case contributionAmount(networkID: RowID, memberID: RowID)
    /// `¿Asistió a la reunión del 21/11?` 1 yes / 2 no.
    case attendance(meetingID: RowID, networkID: RowID, memberID: RowID)
    /// `¿Cómo la califica?` 1–5.
    case rateMeeting(meetingID: RowID, networkID: RowID, memberID: RowID)
    /// `OPINAR`: the `index`-th question of the short pulse (satisfaction, compliance, transparency).
    case pulse(networkID: RowID, memberID: RowID, index: Int)
}
