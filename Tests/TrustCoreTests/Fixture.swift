import Testing
import TrustCore

/// A day from `YYYY-MM-DD`, recording an issue (instead of trapping) when the text is wrong.
func day(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) -> LocalDate {
    guard let date = LocalDate(iso: text) else {
        Issue.record("not a date: \(text)", sourceLocation: sourceLocation)
        return LocalDate(dayNumber: 0)
    }
    return date
}

/// A period from its label, failing the test when it does not parse.
func period(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> Period {
    try #require(Period.parse(text), sourceLocation: sourceLocation)
}

/// `a` and `b` are equal up to floating-point noise.
func close(_ a: Double?, _ b: Double, tolerance: Double = 1e-9) -> Bool {
    guard let a else { return false }
    return abs(a - b) <= tolerance
}

/// Builds one network's records line by line, the way a líder and the socios would report them.
struct Fixture {
    static let network = Network(id: 1, code: "HUAMBO", name: "Red Huambo")

    var records = NetworkRecords(network: Fixture.network)

    /// Adds a member row (socio by default, active, joined long ago).
    mutating func member(
        _ id: RowID, role: Role = .socio, gender: Gender? = nil, active: Bool = true, joined: String = "2025-01-01"
    ) {
        records.members.append(
            Member(
                id: id, networkID: 1, phone: "+5198700\(1000 + id)", name: "Socio \(id)", gender: gender,
                roster: Int(id), role: role, active: active, joinedOn: day(joined)))
    }

    /// Adds a meeting; `list` is who the líder listed as present, nil when registered without a list.
    mutating func meeting(_ id: RowID, _ date: String, _ kind: MeetingKind = .ordinary, list: [RowID]?) {
        records.meetings.append(Meeting(id: id, networkID: 1, kind: kind, date: day(date), hasList: list != nil))
        for member in list ?? [] {
            records.attendance.append(Attendance(meetingID: id, memberID: member, present: true, source: .list))
        }
    }

    /// A member's own answer to the attendance prompt.
    mutating func confirm(_ meetingID: RowID, _ memberIDs: [RowID], present: Bool = true) {
        for member in memberIDs {
            records.attendance.append(Attendance(meetingID: meetingID, memberID: member, present: present, source: .member))
        }
    }

    /// Adds a social event, held or only planned.
    mutating func event(_ id: RowID, planned: String, held: String? = nil, attendees: [RowID]? = nil) {
        records.events.append(
            SocialEvent(
                id: id, networkID: 1, number: Int(id), title: "Evento \(id)", plannedOn: day(planned),
                heldOn: held.map { day($0) }, attendees: attendees))
    }

    /// Adds a contribution in soles.
    mutating func contribution(
        _ id: RowID, member: RowID = 1, soles: Int64, reported: String, status: ContributionStatus = .confirmed,
        decided: String? = nil
    ) {
        records.contributions.append(
            Contribution(
                id: id, networkID: 1, memberID: member, amount: Money(soles: soles), reportedOn: day(reported),
                status: status, decidedOn: decided.map { day($0) }))
    }

    /// Adds a 1–5 rating.
    mutating func rate(_ member: RowID, _ indicator: RatedIndicator, _ score: Int, on date: String) {
        records.ratings.append(Rating(networkID: 1, memberID: member, indicator: indicator, score: score, ratedOn: day(date)))
    }

    /// Adds a joint project.
    mutating func project(_ id: RowID, total: Int64, own: Int64, started: String, closed: String? = nil) {
        records.projects.append(
            JointProject(
                id: id, networkID: 1, number: Int(id), title: "Proyecto \(id)", totalCost: Money(soles: total),
                ownShare: Money(soles: own), startedOn: day(started), closedOn: closed.map { day($0) }))
    }

    /// The report for a period with the given settings.
    func report(_ label: String, settings: IndicatorSettings = .defaults) throws -> IndicatorReport {
        IndicatorCalculator.compute(records: records, period: try period(label), settings: settings)
    }
}
