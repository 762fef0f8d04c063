import TrustCore

/// Which of a network's records a reader needs. The indicators read whole periods; an inbound message reads far
/// less: a socio's reply needs this month's meetings and that socio's own marks and contributions, a board command
/// its events, projects and open contributions. Reading only that keeps a webhook's cost independent of how much
/// history the network has piled up.
public struct RecordScope: Sendable, Hashable {
    /// Kinds of records to read.
    public struct Kinds: OptionSet, Sendable, Hashable {
        public let rawValue: Int
        public init(rawValue: Int) { self.rawValue = rawValue }

        public static let meetings = Kinds(rawValue: 1 << 0)
        public static let attendance = Kinds(rawValue: 1 << 1)
        public static let events = Kinds(rawValue: 1 << 2)
        public static let contributions = Kinds(rawValue: 1 << 3)
        public static let ratings = Kinds(rawValue: 1 << 4)
        public static let projects = Kinds(rawValue: 1 << 5)
        public static let all: Kinds = [.meetings, .attendance, .events, .contributions, .ratings, .projects]
    }

    /// First day of the dated records read (meetings and their attendance by meeting date, events by planned day,
    /// ratings by rating day); nil reads all history. Projects are always read whole.
    public var since: LocalDate?
    /// First day of contributions by reported day, when it differs from `since` (a board reads every event but
    /// only this month's contributions).
    public var contributionsSince: LocalDate?
    /// When set: only this member's attendance, contributions and ratings, and of the roster only this member
    /// and the network's active articuladores (a socio's contacts).
    public var memberID: RowID?
    /// Kinds read; the others come back empty.
    public var kinds: Kinds
    /// Also pending contributions reported before the first day (the tesorero's list of what awaits confirmation).
    public var pendingOfAnyDate: Bool

    /// - Parameters:
    ///   - since: first day read (nil: all).
    ///   - contributionsSince: first day of contributions (nil: `since`).
    ///   - memberID: narrow to one member.
    ///   - kinds: kinds read.
    ///   - pendingOfAnyDate: add older pending contributions.
    public init(
        since: LocalDate?, contributionsSince: LocalDate? = nil, memberID: RowID? = nil, kinds: Kinds = .all,
        pendingOfAnyDate: Bool = false
    ) {
        self.since = since
        self.contributionsSince = contributionsSince
        self.memberID = memberID
        self.kinds = kinds
        self.pendingOfAnyDate = pendingOfAnyDate
    }

    /// Everything from `since` on: what the indicators read.
    public static func everything(since: LocalDate?) -> RecordScope { RecordScope(since: since) }

    /// What one member's own reply needs: the network's meetings from `since`, and the member's attendance at them.
    /// The member's contributions are summed apart (`StoreTransaction.contributionTotals`): a busy member's month
    /// can hold many, and the reply only shows their totals.
    public static func member(_ memberID: RowID, since: LocalDate) -> RecordScope {
        RecordScope(since: since, memberID: memberID, kinds: [.meetings, .attendance])
    }

    /// What board commands need: every event and project, contributions from `contributionsSince` and every
    /// pending one, and the whole roster.
    public static func board(contributionsSince: LocalDate) -> RecordScope {
        RecordScope(since: nil, contributionsSince: contributionsSince, kinds: [.events, .projects, .contributions], pendingOfAnyDate: true)
    }

    /// The first day contributions are read from (nil: all).
    public var contributionsFrom: LocalDate? { contributionsSince ?? since }

    /// The first day a full read must start from to hold everything this scope reads (nil: all history).
    public var earliest: LocalDate? {
        guard let since, let from = contributionsFrom, !(pendingOfAnyDate && kinds.contains(.contributions)) else { return nil }
        return min(since, from)
    }

    /// Narrows full records to this scope: the reference semantics every store must match (the memory store uses
    /// it; the SQL stores express it as queries and the conformance suite compares them).
    /// - Parameter records: records read with `since: nil` (or at least from the earliest day this scope reads).
    public func narrow(_ records: NetworkRecords) -> NetworkRecords {
        let after: (LocalDate) -> Bool = { day in since.map { day >= $0 } ?? true }
        let mine: (RowID) -> Bool = { id in memberID.map { $0 == id } ?? true }
        let meetings = kinds.contains(.meetings) || kinds.contains(.attendance) ? records.meetings.filter { after($0.date) } : []
        let meetingIDs = Set(meetings.map(\.id))
        let contributionsFrom = contributionsFrom
        return NetworkRecords(
            network: records.network,
            members: records.members.filter { member in
                guard let memberID else { return true }
                return member.id == memberID || (member.role == .articulador && member.active)
            },
            meetings: kinds.contains(.meetings) ? meetings : [],
            attendance: kinds.contains(.attendance) ? records.attendance.filter { meetingIDs.contains($0.meetingID) && mine($0.memberID) } : [],
            events: kinds.contains(.events) ? records.events.filter { after($0.plannedOn) } : [],
            contributions: kinds.contains(.contributions)
                ? records.contributions.filter { contribution in
                    guard mine(contribution.memberID) else { return false }
                    if pendingOfAnyDate, contribution.status == .pending { return true }
                    return contributionsFrom.map { contribution.reportedOn >= $0 } ?? true
                } : [],
            ratings: kinds.contains(.ratings) ? records.ratings.filter { after($0.ratedOn) && mine($0.memberID) } : [],
            projects: kinds.contains(.projects) ? records.projects : [])
    }
}

extension StoreTransaction {
    /// Reference implementation: reads everything the scope could touch and narrows it. Stores whose full read is
    /// cheap (memory) keep it; SQL stores override it with queries.
    public func records(of network: Network, scope: RecordScope) async throws -> NetworkRecords {
        scope.narrow(try await records(networkID: network.id, since: scope.earliest))
    }

    /// Reference implementation: the member's contributions from `since` read as records and summed.
    public func contributionTotals(of network: Network, memberID: RowID, since: LocalDate) async throws -> ContributionTotals {
        ContributionTotals(try await records(of: network, scope: RecordScope(since: since, memberID: memberID, kinds: [.contributions])).contributions)
    }
}

/// A member's contributions summed by status (rejected ones count in neither).
public struct ContributionTotals: Sendable, Equatable {
    /// Confirmed by the tesorero.
    public var confirmed: Money
    /// Reported and not yet decided.
    public var pending: Money

    /// - Parameters:
    ///   - confirmed: confirmed amount.
    ///   - pending: pending amount.
    public init(confirmed: Money = .zero, pending: Money = .zero) {
        self.confirmed = confirmed
        self.pending = pending
    }

    /// Adds `amount` under `status`: a rejected contribution (or, from a store's `GROUP BY status`, a status it does
    /// not know) counts in neither.
    public mutating func add(_ amount: Money, status: ContributionStatus?) {
        switch status {
        case .confirmed: confirmed = confirmed + amount
        case .pending: pending = pending + amount
        case .rejected, nil: break
        }
    }

    /// The totals of `contributions`.
    public init(_ contributions: [Contribution]) {
        self.init()
        for contribution in contributions { add(contribution.amount, status: contribution.status) }
    }
}
