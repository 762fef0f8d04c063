import Foundation
import SMSText
import Testing
import TrustCore

@testable import Conversation

@Suite("Tesorero: APORTE for a member, PENDIENTES, CONFIRMAR, RECHAZAR")
struct TreasurerScriptTests {
    static let today = Fixture.day(24, 11)
    static let contributions = [
        Contribution(id: 30, networkID: 1, memberID: 15, amount: Money(soles: 100), reportedOn: Fixture.day(5, 11), status: .confirmed, decidedOn: Fixture.day(6, 11)),
        Contribution(id: 37, networkID: 1, memberID: 14, amount: Money(soles: 20), reportedOn: Fixture.day(23, 11)),
        Contribution(id: 38, networkID: 1, memberID: 12, amount: Money(cents: 1550), reportedOn: Fixture.day(24, 11)),
    ]

    static func treasurer(_ member: Member = Fixture.carmen, contributions: [Contribution] = contributions) -> Script {
        Script(Fixture.context([member], records: [1: Fixture.records(contributions: contributions)]))
    }

    @Test func pendingListsStableIdsAndHowToConfirm() {
        var script = Self.treasurer()
        #expect(script.send("pendientes") == [
            .reply("pending.header count=2 37) Rosa Quispe S/ 20.00 (23/11) 38) Ana Torres S/ 15.50 (24/11) pending.footer id=37"),
        ])
        var empty = Self.treasurer(contributions: [])
        #expect(empty.send("PENDING") == [.reply("pending.none")])
    }

    @Test func longListsArePagedWithMas() {
        let many = (1...25).map { Contribution(id: Int64(100 + $0), networkID: 1, memberID: 14, amount: Money(soles: Int64($0)), reportedOn: Self.today) }
        var script = Self.treasurer(contributions: many)
        var pages = script.replies("pendientes")
        while let last = pages.last, last.hasSuffix("more.marker") { pages += script.replies("mas") }
        #expect(pages.count > 2)
        #expect(pages.allSatisfy { SMSComposer.fits($0, segments: 1) })
        #expect(pages.allSatisfy { $0.hasPrefix("pending.header count=25") })
        #expect(pages.last?.hasSuffix("pending.footer id=101") == true)
        let shown = pages.joined(separator: " ")
        #expect((101...125).allSatisfy { shown.contains("\($0))") })
        #expect(script.replies("mas") == ["more.none"])
    }

    @Test func confirmOneReadsBackTheMonthsFund() {
        var script = Self.treasurer()
        #expect(script.send("confirmar 37") == [
            .record(.decideContribution(id: 37, status: .confirmed, on: Self.today), remember: false),
            .reply("confirm.done_one amount=S/ 20.00 fund=S/ 120.00 id=37 month=month.11 name=Rosa Quispe"),
        ])
    }

    @Test func confirmAllAndSeveralIds() {
        var script = Self.treasurer()
        #expect(script.send("CONFIRMAR TODOS") == [
            .record(.decideContribution(id: 37, status: .confirmed, on: Self.today), remember: false),
            .record(.decideContribution(id: 38, status: .confirmed, on: Self.today), remember: false),
            .reply("confirm.done_many amount=S/ 35.50 count=2 fund=S/ 135.50 month=month.11"),
        ])
        #expect(script.send("confirm 37, 38").count == 3)
    }

    @Test func rejectTellsTheMember() {
        var script = Self.treasurer()
        #expect(script.send("rechazar 38") == [
            .record(.decideContribution(id: 38, status: .rejected, on: Self.today), remember: false),
            .send(to: "+51987000002", text: "reject.notice amount=S/ 15.50 date=24/11", networkID: 1),
            .reply("reject.done_one amount=S/ 15.50 fund=S/ 100.00 id=38 month=month.11 name=Ana Torres"),
        ])
    }

    @Test func wrongIdsAndFormsSayHowToWriteIt() {
        var script = Self.treasurer()
        #expect(script.send("confirmar 30 99") == [.reply("confirm.unknown ids=30 99")])
        #expect(script.send("confirmar") == [.reply("confirm.usage")])
        #expect(script.send("rechazar todos") == [.reply("reject.usage")])
        #expect(script.send("confirmar rosa") == [.reply("confirm.usage")])
    }

    @Test func aporteForAMemberIsRecordedAsConfirmed() {
        var script = Self.treasurer()
        #expect(script.send("APORTE 4 20") == [
            .record(.reportContribution(networkID: 1, memberID: 14, amount: Money(soles: 20), on: Self.today, status: .confirmed), remember: true),
            .reply("contribution.treasurer_recorded amount=S/ 20.00 fund=S/ 120.00 month=month.11 name=Rosa Quispe roster=4"),
        ])
        #expect(script.send("corregir") == [.record(.undo(.contribution(1)), remember: false), .reply("correct.done")])
        #expect(script.send("aporte 9 s/. 20") == [.reply("contribution.unknown_roster roster=9")])
        // The tesorero's own contribution goes the socio's way.
        #expect(script.send("aporte 20") == [.reply("contribution.confirm amount=S/ 20.00 network=Lacteos Huambocancha")])
    }

    @Test func onlyTheTesoreroDecidesAndWritesForOthers() {
        var socio = Script()
        #expect(socio.send("APORTE 7 20") == [.reply("contribution.own_only")])
        #expect(socio.send("confirmar 37") == [.reply("role.treasurer_only")])
        var presidente = Script(Fixture.context([Fixture.julio]))
        #expect(presidente.send("pendientes") == [.reply("role.treasurer_only")])
        #expect(presidente.send("rechazar 37") == [.reply("role.treasurer_only")])
    }

    @Test func theTesoreroMenuStartsWithPending() {
        var script = Self.treasurer()
        #expect(script.send("hola") == [.reply("menu.treasurer name=Carmen network=Lacteos Huambocancha")])
        #expect(script.send("1").first?.isReply(prefix: "pending.header count=2") == true)
        #expect(script.send("ayuda") == [.reply("help.treasurer")])
    }
}

extension Effect {
    /// True for a reply that starts with `prefix`.
    func isReply(prefix: String) -> Bool {
        if case .reply(let text) = self { return text.hasPrefix(prefix) }
        return false
    }
}
