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
    /// Pages of a long list still to send, for `MAS`.
    public var pages: [String]?
    /// When `pages` stop being valid.
    public var pagesExpireAt: Date?

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

    /// The `REDES` list if it is still valid at `now`.
    public func liveListing(at now: Date) -> [String]? {
        guard let listing, let expiry = listingExpiresAt, now < expiry else { return nil }
        return listing
    }

    /// The pages left for `MAS` if they are still valid at `now`.
    public func livePages(at now: Date) -> [String]? {
        guard let pages, !pages.isEmpty, let expiry = pagesExpireAt, now < expiry else { return nil }
        return pages
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
    /// The role menu was shown: a number picks an item of that menu (nil: the socio menu, as stored before roles).
    case menu(networkID: RowID, memberID: RowID, kind: MenuKind? = nil)
    /// The sender has several networks and must choose one for `command`; `text` is the message that started it,
    /// run again once the network is known (nil: start the command without arguments).
    case chooseNetwork(command: String, memberIDs: [RowID], text: String? = nil)
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
    /// `REUNION` in progress: the first missing field of the draft is being asked.
    case meeting(MeetingDraft)
    /// `EVENTO <titulo>` without a date: waiting for the day.
    case eventDate(networkID: RowID, memberID: RowID, title: String)
    /// `CALIFICAR`: the `index`-th expert rating (Q2, Q5, E3, E4); `scores` are the ones given so far.
    case expertRating(networkID: RowID, memberID: RowID, index: Int, scores: [Int])
}

/// A meeting being registered by a leader, field by field.
public struct MeetingDraft: Codable, Sendable, Equatable {
    public var networkID: RowID
    /// The leader's roster row.
    public var memberID: RowID
    public var kind: MeetingKind?
    public var date: LocalDate?

    /// - Parameters:
    ///   - networkID: the network.
    ///   - memberID: the leader registering it.
    ///   - kind: ordinary or extraordinary, once known.
    ///   - date: the day, once known.
    public init(networkID: RowID, memberID: RowID, kind: MeetingKind? = nil, date: LocalDate? = nil) {
        self.networkID = networkID
        self.memberID = memberID
        self.kind = kind
        self.date = date
    }
}
