import Foundation
import TrustCore

/// One roster row of the sender with its network.
public struct Membership: Sendable, Equatable {
    public var member: Member
    public var network: Network

    /// - Parameters:
    ///   - member: the roster row.
    ///   - network: its network.
    public init(member: Member, network: Network) {
        self.member = member
        self.network = network
    }
}

/// A member's own month, for `MIO` and the contribution read-back.
public struct MemberMonth: Sendable, Equatable {
    /// Meetings of the month the member attended.
    public var attended: Int
    /// Meetings of the month.
    public var meetings: Int
    /// Contributions confirmed by the tesorero this month.
    public var confirmed: Money
    /// Contributions reported and not yet confirmed this month.
    public var pending: Money

    /// - Parameters:
    ///   - attended: meetings attended.
    ///   - meetings: meetings held.
    ///   - confirmed: confirmed amount.
    ///   - pending: pending amount.
    public init(attended: Int, meetings: Int, confirmed: Money, pending: Money) {
        self.attended = attended
        self.meetings = meetings
        self.confirmed = confirmed
        self.pending = pending
    }

    /// Confirmed plus pending.
    public var total: Money { confirmed + pending }
}

/// Everything a step may read, loaded by the engine inside the same transaction. Values only.
public struct ConversationContext: Sendable {
    /// The sender, E.164.
    public var phone: String
    /// The sender's roster rows with their networks (empty for unknown phones).
    public var memberships: [Membership]
    /// Per member id: the latest meeting that member has not answered yet (registered without a list).
    public var openMeetings: [RowID: Meeting]
    /// Per member id: that member's current month.
    public var months: [RowID: MemberMonth]
    /// Per network id: its articuladores (AYUDA forwards questions to them).
    public var contacts: [RowID: [Member]]

    /// - Parameters:
    ///   - phone: sender.
    ///   - memberships: sender's rows.
    ///   - openMeetings: unanswered meeting per member id.
    ///   - months: month totals per member id.
    ///   - contacts: articuladores per network id.
    public init(
        phone: String, memberships: [Membership], openMeetings: [RowID: Meeting] = [:], months: [RowID: MemberMonth] = [:],
        contacts: [RowID: [Member]] = [:]
    ) {
        self.phone = phone
        self.memberships = memberships
        self.openMeetings = openMeetings
        self.months = months
        self.contacts = contacts
    }

    /// The sender's language: the first roster row's, else the default.
    public var language: String { memberships.first?.member.language ?? "es" }

    /// The membership with this member id.
    public func membership(memberID: RowID) -> Membership? {
        memberships.first { $0.member.id == memberID }
    }

    /// The sender's rows in which they are a member (not articulador).
    public var memberRows: [Membership] { memberships.filter { $0.member.role.isMember && $0.member.active } }
}
