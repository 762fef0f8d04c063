import Engine
import Foundation
import Testing
import TrustCore

/// Every `RecordChange`, its `undo`, and what `records(networkID:since:)` returns.
enum RecordCases {
    static let all = [contributions, meetings, ratings, events, projects, networkSettings, phoneSettings, recordsSince, scopedReads]

    static func apply(_ store: any Store, _ change: RecordChange) async throws -> RecordRef? {
        try await store.transaction { tx async throws in try await tx.apply(change) }
    }

    static func records(_ store: any Store, _ networkID: RowID, since: LocalDate? = nil) async throws -> NetworkRecords {
        try await store.read { tx async throws in try await tx.records(networkID: networkID, since: since) }
    }

    static func totals(_ store: any Store, _ network: Network, _ memberID: RowID, since: LocalDate) async throws -> ContributionTotals {
        try await store.read { tx async throws in try await tx.contributionTotals(of: network, memberID: memberID, since: since) }
    }

    static let contributions = StoreCase("records: contributions reported, decided and undone") { store in
        let s = try await Fixture.seedNetwork(store)
        let day = try Fixture.day(2025, 11, 24)
        let pendingRef = try await apply(store, .reportContribution(
            networkID: s.network.id, memberID: s.ana.id, amount: Money(cents: 2050), on: day, status: .pending))
        let confirmedRef = try await apply(store, .reportContribution(
            networkID: s.network.id, memberID: s.leader.id, amount: Money(cents: 1), on: day, status: .confirmed))
        guard case .contribution(let pendingID) = pendingRef, case .contribution(let confirmedID) = confirmedRef else {
            Issue.record("reportContribution returned \(String(describing: pendingRef)), \(String(describing: confirmedRef))")
            return
        }
        var got = try await records(store, s.network.id).contributions
        #expect(got == [
            Contribution(id: pendingID, networkID: s.network.id, memberID: s.ana.id, amount: Money(cents: 2050), reportedOn: day),
            Contribution(
                id: confirmedID, networkID: s.network.id, memberID: s.leader.id, amount: Money(cents: 1), reportedOn: day,
                status: .confirmed, decidedOn: day),
        ])
        #expect(try await apply(store, .decideContribution(id: pendingID, status: .rejected, on: day.adding(days: 2))) == nil)
        got = try await records(store, s.network.id).contributions
        #expect(got.first?.status == .rejected)
        #expect(got.first?.decidedOn == day.adding(days: 2))
        #expect(try await totals(store, s.network, s.ana.id, since: day) == ContributionTotals(), "a rejected contribution counts in neither")
        #expect(try await totals(store, s.network, s.leader.id, since: day) == ContributionTotals(confirmed: Money(cents: 1)))
        #expect(try await totals(store, s.network, s.leader.id, since: day.adding(days: 1)) == ContributionTotals(), "reported before the first day")

        await #expect(throws: (any Error).self, "deciding a contribution that does not exist") {
            _ = try await apply(store, .decideContribution(id: confirmedID + 1000, status: .confirmed, on: day))
        }
        #expect(try await apply(store, .undo(.contribution(pendingID))) == nil)
        #expect(try await records(store, s.network.id).contributions.map(\.id) == [confirmedID])
    }

    static let meetings = StoreCase("records: meetings with and without a list, attendance marks, undo") { store in
        let s = try await Fixture.seedNetwork(store)
        let day = try Fixture.day(2025, 11, 22)
        let listed = try await apply(store, .registerMeeting(
            networkID: s.network.id, kind: .ordinary, date: day, registeredBy: s.leader.id, present: [s.leader.id, s.luz.id]))
        let open = try await apply(store, .registerMeeting(
            networkID: s.network.id, kind: .extraordinary, date: day.adding(days: 3), registeredBy: nil, present: nil))
        guard case .meeting(let listedID) = listed, case .meeting(let openID) = open else {
            Issue.record("registerMeeting returned \(String(describing: listed)), \(String(describing: open))")
            return
        }
        var got = try await records(store, s.network.id)
        #expect(got.meetings == [
            Meeting(id: listedID, networkID: s.network.id, kind: .ordinary, date: day, hasList: true, registeredBy: s.leader.id),
            Meeting(id: openID, networkID: s.network.id, kind: .extraordinary, date: day.adding(days: 3), hasList: false),
        ])
        // The list marks every active member (not the articulador, not the inactive one).
        let expectedList = [s.leader.id, s.ana.id, s.luz.id].sorted().map { id in
            Attendance(meetingID: listedID, memberID: id, present: id != s.ana.id, source: .list)
        }
        #expect(got.attendance == expectedList)

        let mark = try await apply(store, .markAttendance(meetingID: openID, memberID: s.ana.id, present: true, source: .member))
        #expect(mark == .attendance(meetingID: openID, memberID: s.ana.id))
        _ = try await apply(store, .markAttendance(meetingID: listedID, memberID: s.ana.id, present: true, source: .member))
        got = try await records(store, s.network.id)
        #expect(got.attendance.contains(Attendance(meetingID: listedID, memberID: s.ana.id, present: true, source: .member)))
        #expect(got.attendance.contains(Attendance(meetingID: openID, memberID: s.ana.id, present: true, source: .member)))
        #expect(got.attendance.count == 4)

        #expect(try await apply(store, .undo(.attendance(meetingID: openID, memberID: s.ana.id))) == nil)
        got = try await records(store, s.network.id)
        #expect(got.attendance.filter { $0.meetingID == openID }.isEmpty)

        _ = try await apply(store, .undo(.meeting(listedID)))
        got = try await records(store, s.network.id)
        #expect(got.meetings.map(\.id) == [openID])
        #expect(got.attendance.isEmpty)
    }

    static let ratings = StoreCase("records: ratings stored with their meeting and undone by ref") { store in
        let s = try await Fixture.seedNetwork(store)
        let day = try Fixture.day(2025, 11, 23)
        let meeting = try await apply(store, .registerMeeting(
            networkID: s.network.id, kind: .ordinary, date: day, registeredBy: nil, present: nil))
        guard case .meeting(let meetingID) = meeting else { Issue.record("no meeting ref"); return }
        let q1 = Rating(networkID: s.network.id, memberID: s.ana.id, indicator: .q1, score: 4, ratedOn: day, meetingID: meetingID)
        let expert = Rating(networkID: s.network.id, memberID: s.articulador.id, indicator: .q2, score: 1, ratedOn: day.adding(days: 1))
        let first = try await apply(store, .rate(q1))
        let second = try await apply(store, .rate(expert))
        guard case .rating(let firstID) = first, case .rating = second else { Issue.record("no rating refs"); return }
        #expect(try await records(store, s.network.id).ratings == [q1, expert])
        _ = try await apply(store, .undo(.rating(firstID)))
        #expect(try await records(store, s.network.id).ratings == [expert])
    }

    static let events = StoreCase("records: events numbered per network, closed, reopened and deleted by undo") { store in
        let s = try await Fixture.seedNetwork(store)
        let other = try await store.transaction { tx async throws in try await tx.insertNetwork(Fixture.newNetwork("OTRA")) }
        let planned = try Fixture.day(2025, 12, 6)
        let firstRef = try await apply(store, .planEvent(networkID: s.network.id, title: "Faena comunal", plannedOn: planned))
        let secondRef = try await apply(store, .planEvent(networkID: s.network.id, title: "Feria", plannedOn: planned.adding(days: 7)))
        let otherRef = try await apply(store, .planEvent(networkID: other.id, title: "Feria", plannedOn: planned))
        guard case .event(let firstID) = firstRef, case .event(let secondID) = secondRef, case .event(let otherID) = otherRef else {
            Issue.record("planEvent returned no event refs")
            return
        }
        var got = try await records(store, s.network.id).events
        #expect(got == [
            SocialEvent(id: firstID, networkID: s.network.id, number: 1, title: "Faena comunal", plannedOn: planned),
            SocialEvent(id: secondID, networkID: s.network.id, number: 2, title: "Feria", plannedOn: planned.adding(days: 7)),
        ])
        #expect(try await records(store, other.id).events.map(\.number) == [1])
        #expect(try await records(store, other.id).events.map(\.id) == [otherID])

        let held = planned.adding(days: 1)
        let closed = try await apply(store, .closeEvent(networkID: s.network.id, number: 1, heldOn: held, attendees: [s.ana.id, s.luz.id]))
        #expect(closed == .event(firstID))
        _ = try await apply(store, .closeEvent(networkID: s.network.id, number: 2, heldOn: held, attendees: nil))
        got = try await records(store, s.network.id).events
        #expect(got.map(\.heldOn) == [held, held])
        #expect(got.map(\.attendees) == [[s.ana.id, s.luz.id], nil])

        await #expect(throws: (any Error).self, "closing an event that does not exist") {
            _ = try await apply(store, .closeEvent(networkID: s.network.id, number: 9, heldOn: held, attendees: nil))
        }
        // Undo of a held event reopens it; undo of a planned one deletes it.
        _ = try await apply(store, .undo(.event(firstID)))
        got = try await records(store, s.network.id).events
        #expect(got.first == SocialEvent(id: firstID, networkID: s.network.id, number: 1, title: "Faena comunal", plannedOn: planned))
        _ = try await apply(store, .undo(.event(firstID)))
        #expect(try await records(store, s.network.id).events.map(\.id) == [secondID])
    }

    static let projects = StoreCase("records: joint projects numbered, closed and undone") { store in
        let s = try await Fixture.seedNetwork(store)
        let start = try Fixture.day(2025, 1, 15)
        let firstRef = try await apply(store, .startProject(
            networkID: s.network.id, title: "Centro de acopio", totalCost: Money(cents: 1_250_000), ownShare: Money(cents: 250_000),
            startedOn: start))
        let secondRef = try await apply(store, .startProject(
            networkID: s.network.id, title: "Vivero", totalCost: Money(cents: 90_000), ownShare: Money(cents: 90_000), startedOn: start))
        guard case .project(let firstID) = firstRef, case .project(let secondID) = secondRef else { Issue.record("no project refs"); return }
        #expect(try await apply(store, .closeProject(networkID: s.network.id, number: 2, closedOn: start.adding(days: 40))) == nil)
        await #expect(throws: (any Error).self, "closing a project that does not exist") {
            _ = try await apply(store, .closeProject(networkID: s.network.id, number: 3, closedOn: start))
        }
        #expect(try await records(store, s.network.id).projects == [
            JointProject(
                id: firstID, networkID: s.network.id, number: 1, title: "Centro de acopio", totalCost: Money(cents: 1_250_000),
                ownShare: Money(cents: 250_000), startedOn: start),
            JointProject(
                id: secondID, networkID: s.network.id, number: 2, title: "Vivero", totalCost: Money(cents: 90_000),
                ownShare: Money(cents: 90_000), startedOn: start, closedOn: start.adding(days: 40)),
        ])
        _ = try await apply(store, .undo(.project(firstID)))
        #expect(try await records(store, s.network.id).projects.map(\.id) == [secondID])
    }

    static let networkSettings = StoreCase("records: improvement plan and stage override, set and undone") { store in
        let s = try await Fixture.seedNetwork(store)
        let day = try Fixture.day(2026, 1, 5)
        #expect(try await apply(store, .startPlan(networkID: s.network.id, on: day)) == .plan(networkID: s.network.id))
        #expect(try await apply(store, .setStage(networkID: s.network.id, stage: .consolidacion)) == nil)
        var network = try await records(store, s.network.id).network
        #expect(network.planStartedOn == day)
        #expect(network.stageOverride == .consolidacion)
        _ = try await apply(store, .undo(.plan(networkID: s.network.id)))
        _ = try await apply(store, .setStage(networkID: s.network.id, stage: nil))
        network = try await records(store, s.network.id).network
        #expect(network.planStartedOn == nil)
        #expect(network.stageOverride == nil)
        #expect(network.code == "HUAMBO")
    }

    static let phoneSettings = StoreCase("records: opt-out and language apply to every row of a phone") { store in
        let s = try await Fixture.seedNetwork(store)
        let other = try await store.transaction { tx async throws in
            let network = try await tx.insertNetwork(Fixture.newNetwork("OTRA"))
            return try await tx.insertMember(Fixture.newMember(network.id, s.ana.phone ?? ""))
        }
        #expect(try await apply(store, .setOptOut(phone: s.ana.phone ?? "", optedOut: true)) == nil)
        #expect(try await apply(store, .setLanguage(phone: s.ana.phone ?? "", language: "qu")) == nil)
        try await store.read { tx async throws in
            let rows = try await tx.members(phone: s.ana.phone ?? "")
            #expect(rows.map(\.id) == [s.ana.id, other.id])
            #expect(rows.allSatisfy { $0.optedOut && $0.language == "qu" })
            let luz = try await tx.member(id: s.luz.id)
            #expect(luz?.optedOut == false && luz?.language == "es")
        }
        _ = try await apply(store, .setOptOut(phone: s.ana.phone ?? "", optedOut: false))
        #expect(try await store.read { tx async throws in try await tx.members(phone: s.ana.phone ?? "") }.allSatisfy { !$0.optedOut })
    }

    static let recordsSince = StoreCase("records: `since` filters dated records, keeps roster and projects, other networks apart") { store in
        let s = try await Fixture.seedNetwork(store)
        let other = try await Fixture.seedNetwork(store, code: "OTRA")
        let early = try Fixture.day(1969, 12, 31)
        let cut = try Fixture.day(2000, 1, 1)
        let late = try Fixture.day(2024, 2, 29)
        for (network, members) in [(s.network.id, s), (other.network.id, other)] {
            for date in [early, cut, late] {
                _ = try await apply(store, .registerMeeting(
                    networkID: network, kind: .ordinary, date: date, registeredBy: nil, present: [members.ana.id]))
                _ = try await apply(store, .planEvent(networkID: network, title: "Evento \(date.iso)", plannedOn: date))
                _ = try await apply(store, .reportContribution(
                    networkID: network, memberID: members.ana.id, amount: Money(cents: 100), on: date, status: .pending))
                _ = try await apply(store, .rate(Rating(
                    networkID: network, memberID: members.luz.id, indicator: .q4, score: 3, ratedOn: date)))
            }
            _ = try await apply(store, .startProject(
                networkID: network, title: "Antiguo", totalCost: Money(cents: 10), ownShare: Money(cents: 5), startedOn: early))
        }
        let all = try await records(store, s.network.id)
        #expect(all.network == s.network)
        #expect(all.members == [s.leader, s.ana, s.luz, s.articulador, s.inactive])
        #expect(all.meetings.map(\.date) == [early, cut, late])
        #expect(all.events.map(\.plannedOn) == [early, cut, late])
        #expect(all.contributions.map(\.reportedOn) == [early, cut, late])
        #expect(all.ratings.map(\.ratedOn) == [early, cut, late])
        #expect(all.attendance.count == 9)
        #expect(all.projects.count == 1)
        #expect(all.meetings.allSatisfy { $0.networkID == s.network.id })
        #expect(all.attendance.allSatisfy { mark in all.meetings.contains { $0.id == mark.meetingID } })

        let recent = try await records(store, s.network.id, since: cut)
        #expect(recent.members == all.members)
        #expect(recent.meetings.map(\.date) == [cut, late])
        #expect(recent.attendance == all.attendance.filter { mark in recent.meetings.contains { $0.id == mark.meetingID } })
        #expect(recent.attendance.count == 6)
        #expect(recent.events.map(\.plannedOn) == [cut, late])
        #expect(recent.contributions.map(\.reportedOn) == [cut, late])
        #expect(recent.ratings.map(\.ratedOn) == [cut, late])
        #expect(recent.projects == all.projects)

        let none = try await records(store, s.network.id, since: late.adding(days: 1))
        #expect(none.meetings.isEmpty && none.attendance.isEmpty && none.events.isEmpty)
        #expect(none.contributions.isEmpty && none.ratings.isEmpty)
        #expect(none.members.count == 5)

        await #expect(throws: (any Error).self, "records of a network that does not exist") {
            _ = try await records(store, max(s.network.id, other.network.id) + 1000)
        }
    }

    static let scopedReads = StoreCase("records: scoped reads (a member's month, a board's lists) equal narrowing the full read") { store in
        let s = try await Fixture.seedNetwork(store)
        let other = try await Fixture.seedNetwork(store, code: "OTRA")
        let old = try Fixture.day(2025, 9, 15)
        let monthStart = try Fixture.day(2025, 11, 1)
        let today = try Fixture.day(2025, 11, 24)
        for (network, members) in [(s.network.id, s), (other.network.id, other)] {
            for date in [old, monthStart, today] {
                let meeting = try await apply(store, .registerMeeting(
                    networkID: network, kind: .ordinary, date: date, registeredBy: nil, present: [members.ana.id]))
                if case .meeting(let id) = meeting {
                    _ = try await apply(store, .markAttendance(meetingID: id, memberID: members.luz.id, present: false, source: .member))
                }
                _ = try await apply(store, .planEvent(networkID: network, title: "Evento \(date.iso)", plannedOn: date))
                for (member, status) in [(members.ana, ContributionStatus.pending), (members.ana, .confirmed), (members.luz, .pending)] {
                    _ = try await apply(store, .reportContribution(
                        networkID: network, memberID: member.id, amount: Money(cents: 100), on: date, status: status))
                }
                _ = try await apply(store, .rate(Rating(networkID: network, memberID: members.ana.id, indicator: .q4, score: 4, ratedOn: date)))
            }
        }
        let full = try await records(store, s.network.id)
        let scopes: [RecordScope] = [
            .member(s.ana.id, since: monthStart), .member(s.luz.id, since: today), .member(s.leader.id, since: old),
            .board(contributionsSince: monthStart), .everything(since: monthStart), .everything(since: nil),
            RecordScope(since: monthStart, memberID: s.ana.id, kinds: [.ratings, .projects]),
            RecordScope(since: today, kinds: [.attendance]),
        ]
        for scope in scopes {
            let read = try await store.read { tx async throws in try await tx.records(of: s.network, scope: scope) }
            #expect(read == scope.narrow(full), "scope \(scope)")
        }

        let ana = try await store.read { tx async throws in try await tx.records(of: s.network, scope: .member(s.ana.id, since: monthStart)) }
        #expect(ana.members.map(\.id) == [s.ana.id, s.articulador.id], "the member and the network's articulador")
        #expect(ana.meetings.map(\.date) == [monthStart, today], "every meeting of the network from the first day")
        #expect(ana.attendance.count == 2 && ana.attendance.allSatisfy { $0.memberID == s.ana.id })
        #expect(ana.events.isEmpty && ana.contributions.isEmpty && ana.ratings.isEmpty && ana.projects.isEmpty, "kinds not asked for are not read")
        // A member's contributions are summed apart: this month 2 days × (100 pending + 100 confirmed) of Ana's.
        #expect(try await totals(store, s.network, s.ana.id, since: monthStart) == ContributionTotals(confirmed: Money(cents: 200), pending: Money(cents: 200)))
        #expect(try await totals(store, s.network, s.ana.id, since: old) == ContributionTotals(confirmed: Money(cents: 300), pending: Money(cents: 300)))
        #expect(try await totals(store, s.network, s.luz.id, since: today) == ContributionTotals(pending: Money(cents: 100)))
        #expect(try await totals(store, s.network, s.leader.id, since: old) == ContributionTotals())

        let board = try await store.read { tx async throws in try await tx.records(of: s.network, scope: .board(contributionsSince: monthStart)) }
        #expect(board.members.count == 5, "the whole roster")
        #expect(board.events.count == 3, "every event, old ones included")
        #expect(board.meetings.isEmpty && board.attendance.isEmpty && board.ratings.isEmpty)
        // This month: 2 days × 3 contributions; September: only the two pending ones.
        #expect(board.contributions.count == 8)
        #expect(board.contributions.filter { $0.reportedOn < monthStart }.allSatisfy { $0.status == .pending })
        #expect(board.contributions.allSatisfy { $0.networkID == s.network.id })
    }
}
