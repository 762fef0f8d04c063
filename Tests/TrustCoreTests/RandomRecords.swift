import PropertyBased
import Testing
import TrustCore

/// Random but well-formed networks for the property tests: every kind of record, some invalid scores, members
/// of every role, inactive members, and a few rows of another network.
enum RandomRecords {
    /// Days between 1 August 2026 and 31 December 2026, around the periods the tests look at.
    static let firstDay = day("2026-08-01").dayNumber
    static let lastDay = day("2026-12-31").dayNumber

    /// Periods the properties are checked over.
    static let periods = ["2026-W48", "2026-W45..2026-W48", "2026-11", "2026-Q4", "2026-W40..2026-W47"]

    /// A generator of random records (without shrinking: a failing case prints its seed).
    static let generator = Generator<NetworkRecords, Shrink.None<NetworkRecords>> { rng in make(using: &rng) }

    /// A generator of random records paired with the same records in another order.
    static let shuffledPair = Generator<(NetworkRecords, NetworkRecords), Shrink.None<(NetworkRecords, NetworkRecords)>> {
        rng in
        let records = make(using: &rng)
        return (records, shuffled(records, using: &rng))
    }

    /// A generator of one of `periods`.
    static let period = Generator<Period, Shrink.None<Period>> { rng in
        Period.parse(periods.randomElement(using: &rng) ?? "2026-W48") ?? .year(2026)
    }

    static func randomDay(using rng: inout some RandomNumberGenerator) -> LocalDate {
        LocalDate(dayNumber: Int.random(in: firstDay...lastDay, using: &rng))
    }

    static func make(using rng: inout some RandomNumberGenerator) -> NetworkRecords {
        var network = Network(id: 1, code: "RANDOM", name: "Red aleatoria")
        if Bool.random(using: &rng) { network.planStartedOn = randomDay(using: &rng) }
        if Int.random(in: 0..<5, using: &rng) == 0 { network.stageOverride = Stage.allCases.randomElement(using: &rng) }
        var records = NetworkRecords(network: network)

        for id in stride(from: 1, through: Int.random(in: 0...12, using: &rng), by: 1) {
            let role: Role = Int.random(in: 0..<6, using: &rng) == 0 ? .articulador : (Role.allCases.randomElement(using: &rng) ?? .socio)
            records.members.append(
                Member(
                    id: RowID(id), networkID: 1, phone: nil, name: "M\(id)",
                    gender: [nil, Gender.female, Gender.male].randomElement(using: &rng) ?? nil, roster: id, role: role,
                    active: Int.random(in: 0..<5, using: &rng) > 0,
                    joinedOn: LocalDate(dayNumber: Int.random(in: (firstDay - 60)...lastDay, using: &rng))))
        }
        let memberIDs = records.members.map(\.id) + [999]

        for id in stride(from: 1, through: Int.random(in: 0...9, using: &rng), by: 1) {
            let meeting = Meeting(
                id: RowID(id), networkID: 1, kind: Bool.random(using: &rng) ? .ordinary : .extraordinary,
                date: randomDay(using: &rng), hasList: Bool.random(using: &rng))
            records.meetings.append(meeting)
            for member in memberIDs where Bool.random(using: &rng) {
                records.attendance.append(
                    Attendance(
                        meetingID: meeting.id, memberID: member, present: Int.random(in: 0..<4, using: &rng) > 0,
                        source: Bool.random(using: &rng) ? .list : .member))
            }
        }
        for id in stride(from: 1, through: Int.random(in: 0...5, using: &rng), by: 1) {
            let held = Bool.random(using: &rng) ? randomDay(using: &rng) : nil
            let attendees = Bool.random(using: &rng) ? memberIDs.filter { _ in Bool.random(using: &rng) } : nil
            records.events.append(
                SocialEvent(
                    id: RowID(id), networkID: 1, number: id, title: "E\(id)", plannedOn: randomDay(using: &rng),
                    heldOn: held, attendees: attendees))
        }
        for id in stride(from: 1, through: Int.random(in: 0...12, using: &rng), by: 1) {
            let reported = randomDay(using: &rng)
            let status = [ContributionStatus.pending, .confirmed, .confirmed, .rejected].randomElement(using: &rng) ?? .pending
            let decided = status == .pending ? nil : reported.adding(days: Int.random(in: 0...30, using: &rng))
            records.contributions.append(
                Contribution(
                    id: RowID(id), networkID: 1, memberID: memberIDs.randomElement(using: &rng) ?? 1,
                    amount: Money(cents: Int64.random(in: 100...20_000, using: &rng)), reportedOn: reported, status: status,
                    decidedOn: decided))
        }
        for _ in 0..<Int.random(in: 0...25, using: &rng) {
            records.ratings.append(
                Rating(
                    networkID: 1, memberID: memberIDs.randomElement(using: &rng) ?? 1,
                    indicator: RatedIndicator.allCases.randomElement(using: &rng) ?? .q1,
                    score: Int.random(in: 0...6, using: &rng), ratedOn: randomDay(using: &rng)))
        }
        for id in stride(from: 1, through: Int.random(in: 0...3, using: &rng), by: 1) {
            let total = Int64.random(in: 0...5000, using: &rng)
            let started = randomDay(using: &rng)
            records.projects.append(
                JointProject(
                    id: RowID(id), networkID: 1, number: id, title: "P\(id)", totalCost: Money(soles: total),
                    ownShare: Money(soles: Int64.random(in: 0...max(0, total), using: &rng)), startedOn: started,
                    closedOn: Bool.random(using: &rng) ? started.adding(days: Int.random(in: 0...120, using: &rng)) : nil))
        }
        // Another network's rows, which must never count.
        records.meetings.append(Meeting(id: 50, networkID: 2, kind: .extraordinary, date: randomDay(using: &rng), hasList: true))
        records.attendance.append(Attendance(meetingID: 50, memberID: 1, present: true, source: .list))
        records.ratings.append(Rating(networkID: 2, memberID: 1, indicator: .q1, score: 1, ratedOn: randomDay(using: &rng)))
        return records
    }

    /// The same records with every list in a random order.
    static func shuffled(_ records: NetworkRecords, using rng: inout some RandomNumberGenerator) -> NetworkRecords {
        var copy = records
        copy.members.shuffle(using: &rng)
        copy.meetings.shuffle(using: &rng)
        copy.attendance.shuffle(using: &rng)
        copy.events.shuffle(using: &rng)
        copy.contributions.shuffle(using: &rng)
        copy.ratings.shuffle(using: &rng)
        copy.projects.shuffle(using: &rng)
        for index in copy.events.indices { copy.events[index].attendees?.shuffle(using: &rng) }
        return copy
    }
}
