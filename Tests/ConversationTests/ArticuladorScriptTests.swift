import Foundation
import SMSText
import Testing
import TrustCore

@testable import Conversation

@Suite("Articulador: REDES, ESTADO, ALERTAS, SOCIO, CALIFICAR, ETAPA, RESUMEN")
struct ArticuladorScriptTests {
    static let today = Fixture.day(24, 11)
    static let statuses: [RowID: NetworkStatus] = [
        1: Fixture.status(Fixture.huambo, score: 0.74, previous: 0.71),
        2: Fixture.status(Fixture.flores, score: 0.38, previous: 0.44, alerts: [.indexDrop(points: 6), .lowAttendance(value: 0.45, floor: 0.6)]),
    ]
    static let floresDetail =
        "status.detail code=FLORES coverage=4 delta=-6 e1=-5% index=38 light=light.red q1=2.5/5 s1=2/4 s2=38% stage=stage.generacion weeks=44-47"

    static func articulador(statuses: [RowID: NetworkStatus] = statuses) -> Script {
        Script(Fixture.context(
            [Fixture.paredes, Fixture.paredesFlores], rosters: [1: Fixture.huamboRoster, 2: [Fixture.rosaFlores, Fixture.paredesFlores]],
            records: [1: Fixture.records()], statuses: statuses))
    }

    @Test func redesListsWorstFirstAndRemembersTheOrder() {
        var script = Self.articulador()
        let pages = script.replies("redes") + script.replies("mas")
        #expect(pages == [
            "networks.header count=4 networks.item code=FLORES delta=-6 index=38 light=light.red position=1 more.marker",
            "networks.header count=4 networks.item code=HUAMBO delta=+3 index=74 light=light.green position=2 networks.footer code=FLORES",
        ])
        #expect(script.state.listing == ["FLORES", "HUAMBO"])
        #expect(script.send("estado 1") == [.reply(Self.floresDetail)])
        #expect(script.send("ESTADO 2").first?.isReply(prefix: "status.detail code=HUAMBO") == true)
        #expect(script.send("estado 1", after: 31 * 60) == [.reply("status.bad_number")])
    }

    @Test func estadoByCodeAndRefusalForOtherNetworks() {
        var script = Self.articulador()
        #expect(script.send("Estado flores") == [.reply(Self.floresDetail)])
        #expect(script.send("status flores") == [.reply(Self.floresDetail)])
        #expect(script.send("estado cuyes") == [.reply("role.not_assigned code=CUYES codes=HUAMBO, FLORES")])
        #expect(script.send("estado 3") == [.reply("status.bad_number")])
        #expect(script.send("estado") == [.reply("choose_network list=1 HUAMBO, 2 FLORES")])
        #expect(script.send("2") == [.reply(Self.floresDetail)])
    }

    @Test func lowCoverageSaysWhichDataIsMissing() {
        var script = Self.articulador(statuses: [1: Fixture.status(Fixture.huambo, score: nil)])
        let reply = script.replies("estado huambo")
        #expect(reply == [
            "status.low_coverage coverage=0 minimum=4 missing=source.events, source.meetings, source.opinions, source.expert +2 network=Lacteos Huambocancha weeks=44-47",
        ])
        #expect(reply.allSatisfy { SMSComposer.fits($0, segments: 1) })
    }

    @Test func alertasListsEachAlert() {
        var script = Self.articulador()
        #expect(script.send("alertas") == [
            .reply("alerts.header count=2 alert.index_drop code=FLORES points=6; alert.low_attendance code=FLORES floor=60% value=45% alerts.footer code=FLORES"),
        ])
        var calm = Self.articulador(statuses: [1: Self.statuses[1]!])
        #expect(calm.send("ALERTS") == [.reply("alerts.none count=2")])
    }

    @Test func socioAddsAMemberWithTheNextRosterNumber() {
        var script = Self.articulador()
        #expect(script.send("SOCIO HUAMBO 987 654 321 María López") == [
            .addMember(networkID: 1, phone: "+51987654321", name: "María López", roster: 7, joinedOn: Self.today),
            .send(to: "+51987654321", text: "member.welcome network=Lacteos Huambocancha roster=7", networkID: 1),
            .reply("member.added code=HUAMBO name=María López roster=7"),
        ])
        #expect(script.send("socio huambo 987000004 Rosa") == [.reply("member.exists code=HUAMBO name=Rosa Quispe roster=4")])
        #expect(script.send("socio huambo Maria") == [.reply("member.usage code=HUAMBO")])
        #expect(script.send("socio 987654321 Maria") == [.reply("choose_network list=1 HUAMBO, 2 FLORES")])
        #expect(script.send("2").last == .reply("member.added code=FLORES name=Maria roster=3"))
        var socio = Script()
        #expect(socio.send("SOCIO HUAMBO 987654321 Maria") == [.reply("role.articulador_only")])
    }

    @Test func calificarAsksFourRatingsOrTakesThemAtOnce() {
        var script = Self.articulador()
        func rating(_ indicator: RatedIndicator, _ score: Int, network: RowID = 1, member: RowID = 90) -> Effect {
            .record(.rate(Rating(networkID: network, memberID: member, indicator: indicator, score: score, ratedOn: Self.today)), remember: false)
        }
        #expect(script.send("calificar huambo") == [.reply("rate.q2 code=HUAMBO")])
        #expect(script.send("4") == [rating(.q2, 4), .reply("rate.q5 code=HUAMBO")])
        #expect(script.send("siete") == [.reply("answer_rating")])
        #expect(script.send("3") == [rating(.q5, 3), .reply("rate.e3 code=HUAMBO")])
        #expect(script.send("bueno") == [rating(.e3, 4), .reply("rate.e4 code=HUAMBO")])
        #expect(script.send("2") == [rating(.e4, 2), .reply("rate.done code=HUAMBO e3=4 e4=2 q2=4 q5=3")])
        #expect(script.send("RATE FLORES 4 3 3 2") == [
            rating(.q2, 4, network: 2, member: 91), rating(.q5, 3, network: 2, member: 91), rating(.e3, 3, network: 2, member: 91),
            rating(.e4, 2, network: 2, member: 91), .reply("rate.done code=FLORES e3=3 e4=2 q2=4 q5=3"),
        ])
        #expect(script.send("calificar flores 4 3") == [.reply("rate.usage code=FLORES")])
    }

    @Test func etapaSetsOrClearsTheStage() {
        var script = Self.articulador()
        #expect(script.send("etapa huambo fortalecimiento") == [
            .record(.setStage(networkID: 1, stage: .fortalecimiento), remember: false),
            .reply("stage.set code=HUAMBO stage=stage.fortalecimiento"),
        ])
        #expect(script.send("ETAPA HUAMBO AUTO") == [
            .record(.setStage(networkID: 1, stage: nil), remember: false), .reply("stage.auto code=HUAMBO stage=stage.generacion"),
        ])
        #expect(script.send("etapa huambo") == [.reply("stage.usage code=HUAMBO stage=stage.generacion")])
    }

    @Test func resumenIsTheDigestForSeveralNetworksAndTheSummaryForALeader() {
        var script = Self.articulador()
        #expect(script.replies("resumen").first?.hasPrefix("networks.header") == true)
        var leader = Script(Fixture.context([Fixture.julio], statuses: [1: Self.statuses[1]!]))
        #expect(leader.send("resumen") == [
            .reply("network.summary attendance=7/10 delta=+3 e1=+10% fund=S/ 0 index=74 light=light.green network=Lacteos Huambocancha q1=4.0/5 s1=3/4 weeks=44-47"),
        ])
        #expect(leader.send("estado").first?.isReply(prefix: "status.detail code=HUAMBO") == true)
        #expect(leader.send("redes") == [.reply("role.articulador_only")])
        var socio = Script()
        #expect(socio.send("resumen").first?.isReply(prefix: "mine ") == true)
        #expect(socio.send("estado huambo") == [.reply("role.articulador_only")])
    }

    @Test func theArticuladorMenuReachesTheirCommands() {
        var script = Self.articulador()
        #expect(script.send("hola") == [.reply("menu.articulador name=Ing. Paredes")])
        #expect(script.send("2").first?.isReply(prefix: "alerts.header") == true)
        _ = script.send("menu")
        #expect(script.send("4") == [.reply("choose_network list=1 HUAMBO, 2 FLORES")])
        #expect(script.send("1") == [.reply("rate.q2 code=HUAMBO")])
    }
}
