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
    /// Per network id: every roster row, for networks where the sender leads or articulates (`ContextNeeds.roster`).
    public var rosters: [RowID: [Member]]
    /// Per network id: all records, for networks where the sender leads or articulates (`ContextNeeds.records`).
    public var records: [RowID: NetworkRecords]
    /// Per network id: the indicators of the last complete weeks (`ContextNeeds.indicators`).
    public var statuses: [RowID: NetworkStatus]
    /// Per network id: meetings of the last `ContextNeeds.meetingsWindowDays` days, for networks the sender leads
    /// (`ContextNeeds.meetings`), so that a meeting is not registered twice.
    public var meetings: [RowID: [Meeting]] = [:]

    /// - Parameters:
    ///   - phone: sender.
    ///   - memberships: sender's rows.
    ///   - openMeetings: unanswered meeting per member id.
    ///   - months: month totals per member id.
    ///   - contacts: articuladores per network id.
    ///   - rosters: roster rows per network id.
    ///   - records: all records per network id.
    ///   - statuses: indicator status per network id.
    public init(
        phone: String, memberships: [Membership], openMeetings: [RowID: Meeting] = [:], months: [RowID: MemberMonth] = [:],
        contacts: [RowID: [Member]] = [:], rosters: [RowID: [Member]] = [:], records: [RowID: NetworkRecords] = [:],
        statuses: [RowID: NetworkStatus] = [:]
    ) {
        self.phone = phone
        self.memberships = memberships
        self.openMeetings = openMeetings
        self.months = months
        self.contacts = contacts
        self.rosters = rosters
        self.records = records
        self.statuses = statuses
    }

    /// The sender's language: the first roster row's, else the default.
    public var language: String { memberships.first?.member.language ?? "es" }

    /// The membership with this member id.
    public func membership(memberID: RowID) -> Membership? {
        memberships.first { $0.member.id == memberID }
    }

    /// The sender's rows in which they are a member (not articulador).
    public var memberRows: [Membership] { memberships.filter { $0.member.role.isMember && $0.member.active } }

    /// The active members of a network (articuladores excluded), by roster number.
    public func activeMembers(of networkID: RowID) -> [Member] {
        (rosters[networkID] ?? records[networkID]?.members ?? [])
            .filter { $0.role.isMember && $0.active }
            .sorted { $0.roster < $1.roster }
    }
}

/// A network's indicators over the last complete weeks, with the weeks before and the alerts they raise.
public struct NetworkStatus: Sendable, Equatable {
    /// The last `summaryWeeks` complete weeks.
    public var current: IndicatorReport
    /// The same number of weeks before.
    public var previous: IndicatorReport
    /// Alerts raised by `current` against `previous`.
    public var alerts: [Alert]
    /// Contributions confirmed in the current period (reported in it).
    public var fund: Money

    /// - Parameters:
    ///   - current: the current period's report.
    ///   - previous: the previous period's report.
    ///   - alerts: alerts raised.
    ///   - fund: confirmed contributions of the current period.
    public init(current: IndicatorReport, previous: IndicatorReport, alerts: [Alert], fund: Money) {
        self.current = current
        self.previous = previous
        self.alerts = alerts
        self.fund = fund
    }

    /// The index change against the previous period, as shown (nil when either has no index).
    public var trend: Trend { Trend(current: current, previous: previous) }
}
