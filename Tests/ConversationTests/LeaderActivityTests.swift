import Foundation
import Testing
import TrustCore

@testable import Conversation

@Suite("Líder: EVENTO, PROYECTO, PLAN")
struct LeaderActivityTests {
    static let today = Fixture.day(24, 11)
    static let events = [
        SocialEvent(id: 301, networkID: 1, number: 1, title: "Faena comunal", plannedOn: Fixture.day(2, 11), heldOn: Fixture.day(2, 11)),
        SocialEvent(id: 302, networkID: 1, number: 2, title: "Visita a Cajabamba", plannedOn: Fixture.day(20, 11)),
    ]
    static let tank = JointProject(
        id: 401, networkID: 1, number: 1, title: "Tanque de frio", totalCost: Money(soles: 5000), ownShare: Money(soles: 1500),
        startedOn: Fixture.day(1, 10))

    static func leader(_ network: Network = Fixture.huambo, projects: [JointProject] = []) -> Script {
        var context = Fixture.context([Fixture.julio], records: [1: Fixture.records(events: events, projects: projects)])
        context.memberships[0].network = network
        return Script(context)
    }

    @Test func eventPlansOnTheNearestFutureDayAndGivesItsNumber() {
        var script = Self.leader()
        #expect(script.send("EVENTO Aniversario de la red 15/12") == [
            .record(.planEvent(networkID: 1, title: "Aniversario de la red", plannedOn: Fixture.day(15, 12)), remember: true),
            .reply("event.planned date=15/12 number=3 title=Aniversario de la red"),
        ])
        // 10/01 is already past this year: the plan is for next January.
        #expect(script.send("evento Bajada de reyes 10/01").first == .record(
            .planEvent(networkID: 1, title: "Bajada de reyes", plannedOn: Fixture.day(10, 1, 2027)), remember: true))
    }

    @Test func eventWithoutADateAsksForIt() {
        var script = Self.leader()
        #expect(script.send("Evento Feria láctea") == [.reply("event.ask_date title=Feria láctea")])
        #expect(script.send("pronto") == [.reply("event.bad_date")])
        #expect(script.send("mañana") == [
            .record(.planEvent(networkID: 1, title: "Feria láctea", plannedOn: Fixture.day(25, 11)), remember: true),
            .reply("event.planned date=25/11 number=3 title=Feria láctea"),
        ])
    }

    @Test func eventErrorsSayHowToWriteIt() {
        var script = Self.leader()
        #expect(script.send("evento") == [.reply("event.usage")])
        #expect(script.send("EVENTO Feria 01/11/2026") == [.reply("event.past_date date=01/11")])
        #expect(script.send("EVENTO Feria 15/12", after: 0).count == 2)
        var socio = Script()
        #expect(socio.send("EVENTO Feria 15/12") == [.reply("role.leaders_only")])
    }

    @Test func eventDoneWithTheListOfWhoCame() {
        var script = Self.leader()
        #expect(script.send("EVENTO HECHO 2 1 4 5") == [
            .record(.closeEvent(networkID: 1, number: 2, heldOn: Self.today, attendees: [11, 14, 15]), remember: true),
            .reply("event.done count=3 date=24/11 number=2 title=Visita a Cajabamba"),
        ])
        #expect(script.send("corregir") == [.record(.undo(.event(600)), remember: false), .reply("correct.done")])
    }

    @Test func eventDoneWithoutAListCanGetItLater() {
        var script = Self.leader()
        #expect(script.send("EVENT DONE 2 ayer") == [
            .record(.closeEvent(networkID: 1, number: 2, heldOn: Fixture.day(23, 11), attendees: nil), remember: true),
            .reply("event.done_nolist date=23/11 number=2 title=Visita a Cajabamba"),
        ])
        #expect(script.send("evento hecho 1") == [.reply("event.already_done date=02/11 number=1")])
        #expect(script.send("evento hecho 9") == [.reply("event.unknown number=9")])
        #expect(script.send("evento hecho") == [.reply("event.which list=2 Visita a Cajabamba 20/11 number=2")])
        #expect(script.send("evento hecho 2 1 40") == [.reply("event.bad_roster numbers=40")])
        #expect(script.send("evento hecho 2 mañana") == [.reply("event.bad_held_date")])
    }

    @Test func projectShowsTheShareAndTheNewStage() {
        var script = Self.leader()
        #expect(script.send("PROYECTO Tanque de frío 5000 1500") == [
            .record(.startProject(networkID: 1, title: "Tanque de frío", totalCost: Money(soles: 5000), ownShare: Money(soles: 1500),
                                  startedOn: Self.today), remember: true),
            .reply("project.recorded cost=S/ 5000 number=1 percent=30 share=S/ 1500 stage=stage.consolidacion title=Tanque de frío"),
        ])
        #expect(script.send("proyecto Techo del acopio S/ 1.200 soles s/. 300,50").first == .record(
            .startProject(networkID: 1, title: "Techo del acopio", totalCost: Money(soles: 1200), ownShare: Money(cents: 30050),
                          startedOn: Self.today), remember: true))
    }

    @Test func projectErrorsSayHowToWriteIt() {
        var script = Self.leader()
        #expect(script.send("PROYECTO Tanque de frio 5000") == [.reply("project.usage")])
        #expect(script.send("PROYECTO 5000 1500") == [.reply("project.usage")])
        #expect(script.send("PROYECTO Tanque 1500 5000") == [.reply("project.share_too_big cost=S/ 1500 share=S/ 5000")])
    }

    @Test func projectClosedCannotBeUndoneByCorregir() {
        var script = Self.leader(projects: [Self.tank])
        _ = script.send("REUNION ORD HOY TODOS")
        #expect(script.send("PROYECTO CERRADO 1") == [
            .record(.closeProject(networkID: 1, number: 1, closedOn: Self.today), remember: false),
            .reply("project.closed date=24/11 number=1 title=Tanque de frio"),
        ])
        #expect(script.send("corregir") == [.reply("correct.nothing")])
        #expect(script.send("proyecto cerrado 2") == [.reply("project.unknown number=2")])
        #expect(script.send("proyecto cerrado") == [.reply("project.which list=1 Tanque de frio number=1")])
    }

    @Test func planStartsFortalecimientoOnce() {
        var script = Self.leader()
        #expect(script.send("PLAN") == [
            .record(.startPlan(networkID: 1, on: Self.today), remember: true),
            .reply("plan.recorded date=24/11 stage=stage.fortalecimiento"),
        ])
        #expect(script.send("plan 15/11").first == .record(.startPlan(networkID: 1, on: Fixture.day(15, 11)), remember: true))
        #expect(script.send("plan pronto") == [.reply("plan.usage")])
        var started = Fixture.huambo
        started.planStartedOn = Fixture.day(1, 9)
        var again = Self.leader(started)
        #expect(again.send("plan") == [.reply("plan.already date=01/09")])
        var consolidated = Self.leader(projects: [Self.tank])
        #expect(consolidated.send("plan").last == .reply("plan.recorded date=24/11 stage=stage.consolidacion"))
    }
}
