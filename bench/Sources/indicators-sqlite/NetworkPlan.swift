import TrustCore

/// One network's year, as plain rows, derived only from the network's number: the generator writes it
/// and the sanity check re-derives it, so both always agree without reading the database.
///
/// 30 members (presidente, secretario, tesorero, 27 socios) and an articulador; an ordinary meeting
/// every Saturday of 2026 (52), most with the leader's list (each member's presence drawn around 80%),
/// the rest with members' own confirmations; an extraordinary meeting in about half the quarters;
/// contributions at the meetings; Q1/Q2/Q4 ratings from members after the first meeting of each month
/// and Q2/Q5/E3/E4 from the articulador; a monthly social event, most held with a list; 0–3 projects.
struct NetworkPlan {
    struct Member {
        let id: Int64
        let roster: Int
        let role: Role
        let gender: Gender?
        let active: Bool
        let joinedOn: LocalDate
    }

    struct Meeting {
        let id: Int64
        let kind: MeetingKind
        let date: LocalDate
        let hasList: Bool
        /// Attendance rows: (member id, present); with a list every expected member has a row.
        var marks: [(member: Int64, present: Bool)]
    }

    struct Contribution {
        let member: Int64
        let cents: Int
        let reportedOn: LocalDate
        let status: ContributionStatus
        let decidedOn: LocalDate?
    }

    struct Rating {
        let member: Int64
        let indicator: RatedIndicator
        let score: Int
        let ratedOn: LocalDate
        let meeting: Int64?
    }

    struct Event {
        let number: Int
        let plannedOn: LocalDate
        let heldOn: LocalDate?
        let attendees: [Int64]?
    }

    struct Project {
        let number: Int
        let totalCents: Int
        let ownCents: Int
        let startedOn: LocalDate
        let closedOn: LocalDate?
    }

    static let membersPerNetwork = 30
    static let weeks = 52
    static let firstSaturday = LocalDate(year: 2026, month: 1, day: 3)!
    /// Row ids per network are fixed so that attendance and ratings can name members and meetings
    /// without reading ids back: members `(n-1)*31 + roster`, meetings `(n-1)*64 + k`.
    static let memberIDStride: Int64 = 31
    static let meetingIDStride: Int64 = 64

    let number: Int
    var members: [Member] = []
    var meetings: [Meeting] = []
    var contributions: [Contribution] = []
    var ratings: [Rating] = []
    var events: [Event] = []
    var projects: [Project] = []

    var code: String { NetworkPlan.code(number) }

    static func code(_ number: Int) -> String {
        "N" + String(repeating: "0", count: max(0, 5 - String(number).count)) + String(number)
    }

    init(number: Int) {
        self.number = number
        var random = SplitMix(seed: 0x5EED_0000 &+ UInt64(number) &* 7919)
        let memberBase = Int64(number - 1) * NetworkPlan.memberIDStride
        let meetingBase = Int64(number - 1) * NetworkPlan.meetingIDStride
        let longAgo = LocalDate(year: 2025, month: 6, day: 1)!

        // Members: a few join during the year, about one network in ten has one deactivated member.
        var propensity: [Int64: Int] = [:]
        let deactivated = random.next(10) == 0 ? 4 + random.next(NetworkPlan.membersPerNetwork - 3) : 0
        for roster in 1...NetworkPlan.membersPerNetwork {
            let role: Role = roster == 1 ? .presidente : roster == 2 ? .secretario : roster == 3 ? .tesorero : .socio
            let gender: Gender? = random.next(10) < 7 ? (random.next(2) == 0 ? .female : .male) : nil
            let joined = roster > 27 && random.next(3) == 0 ? NetworkPlan.firstSaturday.adding(days: 7 * (8 + random.next(30))) : longAgo
            let id = memberBase + Int64(roster)
            members.append(Member(id: id, roster: roster, role: role, gender: gender, active: roster != deactivated, joinedOn: joined))
            propensity[id] = 60 + random.next(36)  // 60–95%, about 78% on average
        }
        members.append(
            Member(
                id: memberBase + Int64(NetworkPlan.membersPerNetwork + 1), roster: 99, role: .articulador, gender: nil,
                active: true, joinedOn: longAgo))
        let people = members.filter { $0.role != .articulador }
        let articulador = members[members.count - 1].id

        // Meetings, attendance, contributions, member ratings.
        var meetingNumber: Int64 = 0
        for week in 0..<NetworkPlan.weeks {
            let day = NetworkPlan.firstSaturday.adding(days: 7 * week)
            // A deactivated member stopped coming after week 30 and is no longer on the list.
            let expected = people.filter { $0.joinedOn <= day && ($0.active || week < 30) }
            meetingNumber += 1
            var meeting = Meeting(id: meetingBase + meetingNumber, kind: .ordinary, date: day, hasList: random.next(100) < 85, marks: [])
            for member in expected {
                let present = random.next(100) < propensity[member.id]!
                if meeting.hasList {
                    meeting.marks.append((member.id, present))
                } else if present && random.next(100) < 85 {
                    meeting.marks.append((member.id, true))  // without a list, only those who confirm
                }
                if present && random.next(100) < 45 {
                    let roll = random.next(20)
                    let status: ContributionStatus = roll < 17 ? .confirmed : roll < 19 ? .pending : .rejected
                    contributions.append(
                        Contribution(
                            member: member.id, cents: 500 + 250 * random.next(11), reportedOn: day, status: status,
                            decidedOn: status == .pending ? nil : day.adding(days: random.next(6))))
                }
            }
            if week % 4 == 0 {
                for member in expected where meeting.marks.contains(where: { $0.member == member.id && $0.present }) {
                    for indicator in [RatedIndicator.q1, .q2, .q4] where random.next(2) == 0 {
                        ratings.append(
                            Rating(member: member.id, indicator: indicator, score: NetworkPlan.score(&random), ratedOn: day, meeting: meeting.id))
                    }
                }
                for indicator in [RatedIndicator.q2, .q5, .e3, .e4] {
                    ratings.append(
                        Rating(member: articulador, indicator: indicator, score: NetworkPlan.score(&random), ratedOn: day.adding(days: 2), meeting: nil))
                }
            }
            meetings.append(meeting)
            if week % 13 == 6 && random.next(2) == 0 {
                let wednesday = day.adding(days: 4)
                meetingNumber += 1
                var extra = Meeting(id: meetingBase + meetingNumber, kind: .extraordinary, date: wednesday, hasList: true, marks: [])
                for member in expected { extra.marks.append((member.id, random.next(100) < propensity[member.id]! - 10)) }
                meetings.append(extra)
            }
        }

        // Social events: one planned each month, most held, with the list of who came.
        for month in 0..<12 {
            let planned = NetworkPlan.firstSaturday.adding(days: 8 + 30 * month)
            let held = random.next(10) < 8
            let attendees = held ? people.filter { $0.joinedOn <= planned && $0.active && random.next(100) < 65 }.map(\.id) : nil
            events.append(Event(number: month + 1, plannedOn: planned, heldOn: held ? planned : nil, attendees: attendees))
        }

        // Joint projects.
        for number in 0..<random.next(4) {
            let total = 100_000 * (5 + random.next(60))
            let started = NetworkPlan.firstSaturday.adding(days: 20 + 90 * number + random.next(40))
            projects.append(
                Project(
                    number: number + 1, totalCents: total, ownCents: total * (10 + random.next(40)) / 100, startedOn: started,
                    closedOn: random.next(2) == 0 ? started.adding(days: 60 + random.next(120)) : nil))
        }
    }

    /// A 1–5 score leaning to 3–4, as real answers do.
    private static func score(_ random: inout SplitMix) -> Int {
        [1, 2, 2, 3, 3, 3, 4, 4, 4, 4, 5, 5][random.next(12)]
    }

    /// Rows this network adds to the database (members, meetings, attendance, contributions, ratings, events, projects).
    var rowCount: Int {
        members.count + meetings.count + meetings.reduce(0) { $0 + $1.marks.count } + contributions.count + ratings.count
            + events.count + projects.count
    }
}

/// A small deterministic generator (SplitMix64): the same network number gives the same year.
struct SplitMix {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    /// A number in `0..<bound`.
    mutating func next(_ bound: Int) -> Int {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        z ^= z >> 31
        return Int(z % UInt64(bound))
    }
}
