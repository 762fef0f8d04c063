import Engine
import Foundation
import TrustCore

/// The weeks of one demo network: meetings with and without lists, self-confirmed attendance, ratings after
/// meetings, monthly pulses, the articulador's expert ratings, events planned and held, contributions reported
/// and confirmed by the tesorero, the improvement plan and a joint project.
struct DemoHistory {
    let network: Network
    let members: [Member]
    let articulador: Member
    let health: DemoProgramme.Health
    let today: LocalDate

    struct Counts {
        var meetings = 0
        var events = 0
        var contributions = 0
        var ratings = 0
    }

    private var counts = Counts()
    private var eventNumber = 0

    init(network: Network, members: [Member], articulador: Member, health: DemoProgramme.Health, today: LocalDate) {
        self.network = network
        self.members = members
        self.articulador = articulador
        self.health = health
        self.today = today
    }

    mutating func write(
        tx: any StoreTransaction, firstWeek: ISOWeek, weeks: Int, events: [String], random: inout SplitMix64
    ) async throws -> Counts {
        if let planWeek = health.planWeek {
            _ = try await tx.apply(.startPlan(networkID: network.id, on: firstWeek.adding(weeks: planWeek).monday.adding(days: 1)))
        }
        for index in 0..<weeks {
            let week = firstWeek.adding(weeks: index)
            let progress = weeks > 1 ? Double(index) / Double(weeks - 1) : 1
            let attendance = health.attendance.first + (health.attendance.last - health.attendance.first) * progress
            if index % health.meetingEvery == 0 {
                try await meeting(tx, .ordinary, on: week.monday.adding(days: 2), attendance: attendance, random: &random)
            }
            if let every = health.extraordinaryEvery, index % every == every - 1 {
                try await meeting(tx, .extraordinary, on: week.monday.adding(days: 4), attendance: attendance - 0.1, random: &random)
            }
            if index % health.eventEvery == 1 {
                try await event(tx, title: events[(index / health.eventEvery) % events.count], on: week.monday.adding(days: 5),
                                attendance: attendance, random: &random)
            }
            if index % 2 == 0 {
                try await contributions(tx, week: index, on: week.monday.adding(days: 1), attendance: attendance, random: &random)
            }
            if index % 4 == 3 { try await pulse(tx, on: week.monday.adding(days: 3), random: &random) }
            if index % 6 == 1 { try await expertRatings(tx, on: week.monday.adding(days: 3), random: &random) }
            if health.project && index == 4 {
                _ = try await tx.apply(.startProject(
                    networkID: network.id, title: "Tanque de frio comunal", totalCost: Money(soles: 5000), ownShare: Money(soles: 1500),
                    startedOn: week.monday.adding(days: 2)))
            }
        }
        return counts
    }

    private var president: Member? { members.first { $0.role == .presidente } }

    private mutating func meeting(
        _ tx: any StoreTransaction, _ kind: MeetingKind, on day: LocalDate, attendance: Double, random: inout SplitMix64
    ) async throws {
        let present = members.filter { random.chance($0.role.isLeader ? attendance + 0.1 : attendance) }
        let withList = random.chance(health.listShare)
        guard case .meeting(let meetingID)? = try await tx.apply(.registerMeeting(
            networkID: network.id, kind: kind, date: day, registeredBy: president?.id, present: withList ? present.map(\.id) : nil))
        else { return }
        counts.meetings += 1
        for member in present {
            if !withList, random.chance(health.selfConfirmShare) {
                _ = try await tx.apply(.markAttendance(meetingID: meetingID, memberID: member.id, present: true, source: .member))
            }
            if random.chance(0.5) {
                try await rate(tx, .q1, by: member, score: random.int(health.satisfaction), on: day.adding(days: 1), meetingID: meetingID)
            }
        }
    }

    private mutating func event(
        _ tx: any StoreTransaction, title: String, on day: LocalDate, attendance: Double, random: inout SplitMix64
    ) async throws {
        _ = try await tx.apply(.planEvent(networkID: network.id, title: title, plannedOn: day))
        eventNumber += 1
        counts.events += 1
        guard random.chance(health.heldShare), day < today else { return }
        let attendees = random.chance(0.7) ? members.filter { _ in random.chance(attendance) }.map(\.id) : nil
        _ = try await tx.apply(.closeEvent(networkID: network.id, number: eventNumber, heldOn: day, attendees: attendees))
    }

    private mutating func contributions(
        _ tx: any StoreTransaction, week: Int, on day: LocalDate, attendance: Double, random: inout SplitMix64
    ) async throws {
        let soles = max(5, (health.contribution.soles * (1 + health.contribution.weeklyGrowth * Double(week))).rounded())
        for member in members where random.chance(attendance) {
            let amount = Money(soles: Int64(soles) + Int64(random.int(0...2)) * 5)
            guard case .contribution(let id)? = try await tx.apply(.reportContribution(
                networkID: network.id, memberID: member.id, amount: amount, on: day, status: .pending))
            else { continue }
            counts.contributions += 1
            let decided = day.adding(days: random.int(health.confirmDays))
            if random.chance(health.confirmShare), decided < today {
                _ = try await tx.apply(.decideContribution(id: id, status: .confirmed, on: decided))
            }
        }
    }

    private mutating func pulse(_ tx: any StoreTransaction, on day: LocalDate, random: inout SplitMix64) async throws {
        for member in members where random.chance(0.6) {
            try await rate(tx, .q2, by: member, score: random.int(health.pulse), on: day, meetingID: nil)
            try await rate(tx, .q4, by: member, score: random.int(health.pulse), on: day, meetingID: nil)
            try await rate(tx, .q1, by: member, score: random.int(health.satisfaction), on: day, meetingID: nil)
        }
    }

    private mutating func expertRatings(_ tx: any StoreTransaction, on day: LocalDate, random: inout SplitMix64) async throws {
        for indicator in [RatedIndicator.q2, .q5, .e3, .e4] {
            try await rate(tx, indicator, by: articulador, score: random.int(health.expert), on: day, meetingID: nil)
        }
    }

    private mutating func rate(
        _ tx: any StoreTransaction, _ indicator: RatedIndicator, by member: Member, score: Int, on day: LocalDate, meetingID: RowID?
    ) async throws {
        guard day < today else { return }
        _ = try await tx.apply(.rate(Rating(
            networkID: network.id, memberID: member.id, indicator: indicator, score: score, ratedOn: day, meetingID: meetingID)))
        counts.ratings += 1
    }
}
