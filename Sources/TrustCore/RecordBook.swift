/// One network's records, filtered to that network, sorted and indexed once so that every indicator reads them the
/// same way and the input order never matters.
struct RecordBook: Sendable {
    let network: Network
    /// Every row of the network (articuladores and inactive members included), by id.
    let rows: [RowID: Member]
    /// Active members (articuladores are not members), by id: the only people S2 and Q3 expect.
    let counted: [Member]
    /// Meetings sorted by day, then id.
    let meetings: [Meeting]
    /// Members present at each meeting: the list when the leader sent one, otherwise the members' own confirmations.
    let presentAt: [RowID: Set<RowID>]
    let events: [SocialEvent]
    let contributions: [Contribution]
    /// Ratings with a valid 1–5 score.
    let ratings: [Rating]
    let projects: [JointProject]

    init(_ records: NetworkRecords) {
        let networkID = records.network.id
        network = records.network
        let members = records.members.filter { $0.networkID == networkID }
        // Row ids are unique in any store; a duplicate is ignored rather than trapping.
        rows = Dictionary(members.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        counted = rows.values.filter { $0.active && $0.role.isMember }.sorted { $0.id < $1.id }
        meetings = records.meetings.filter { $0.networkID == networkID }.sorted { ($0.date, $0.id) < ($1.date, $1.id) }
        var hasList: [RowID: Bool] = [:]
        for meeting in meetings { hasList[meeting.id] = meeting.hasList }
        var present: [RowID: Set<RowID>] = [:]
        for mark in records.attendance where mark.present {
            guard let listed = hasList[mark.meetingID] else { continue }
            // With a list, the list is the truth; without one, the members' own confirmations count.
            if listed && mark.source != .list { continue }
            present[mark.meetingID, default: []].insert(mark.memberID)
        }
        presentAt = present
        events = records.events.filter { $0.networkID == networkID }.sorted { $0.id < $1.id }
        contributions = records.contributions.filter { $0.networkID == networkID }.sorted { $0.id < $1.id }
        ratings = records.ratings.filter { $0.networkID == networkID && (1...5).contains($0.score) }
        projects = records.projects.filter { $0.networkID == networkID }.sorted { $0.id < $1.id }
    }

    /// Counted members who had joined by a day, optionally only of one gender.
    func expected(on day: LocalDate, gender: Gender? = nil) -> [Member] {
        counted.filter { $0.joinedOn <= day && (gender == nil || $0.gender == gender) }
    }

    /// The genders some counted member has, in a fixed order.
    var knownGenders: [Gender] {
        Gender.allCases.filter { gender in counted.contains { $0.gender == gender } }
    }

    /// Scores of ratings of one indicator given inside a period.
    func scores(_ indicator: RatedIndicator, in period: Period) -> [Int] {
        ratings.filter { $0.indicator == indicator && period.contains($0.ratedOn) }.map(\.score)
    }
}
