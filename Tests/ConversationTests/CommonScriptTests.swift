import Foundation
import Testing
import TrustCore

@testable import Conversation

@Suite("Opt-out, correction, several networks, help")
struct CommonScriptTests {
    @Test func optOutWinsOverAPendingQuestion() {
        var script = Script()
        _ = script.send("aporte 20")
        #expect(script.send("BAJA") == [.record(.setOptOut(phone: "+51987000004", optedOut: true), remember: false), .reply("optout.done")])
        #expect(script.state.pending == nil)
        #expect(script.send("stop") == [.record(.setOptOut(phone: "+51987000004", optedOut: true), remember: false), .reply("optout.done")])
        #expect(script.send("Alta") == [.record(.setOptOut(phone: "+51987000004", optedOut: false), remember: false), .reply("optin.done")])
    }

    @Test func correctUndoesTheLastRecordOnce() {
        var script = Script(Fixture.context(openMeetings: [14: Fixture.meeting]))
        _ = script.send("asisti")
        _ = script.send("no")
        #expect(script.send("corregir") == [.record(.undo(.attendance(meetingID: 10, memberID: 14)), remember: false), .reply("correct.done")])
        #expect(script.send("corregir") == [.reply("correct.nothing")])
    }

    @Test func correctAfterTheWindowDoesNothing() {
        var script = Script(Fixture.context(openMeetings: [14: Fixture.meeting]))
        _ = script.send("asisti")
        _ = script.send("no")
        #expect(script.send("CORREGIR", after: 31 * 60) == [.reply("correct.nothing")])
    }

    @Test func severalNetworksAskWhichOneUnlessNamed() {
        var script = Script(Fixture.context([Fixture.rosa, Fixture.rosaFlores]))
        #expect(script.send("aporte 20") == [.reply("choose_network 1 HUAMBO, 2 FLORES")])
        #expect(script.send("2") == [.reply("contribution.ask_amount")])
        var named = Script(Fixture.context([Fixture.rosa, Fixture.rosaFlores]))
        #expect(named.send("aporte flores 20") == [.reply("contribution.confirm S/ 20.00 Flores de Cusco")])
    }

    @Test func helpWithAQuestionGoesToTheArticulador() {
        var script = Script(Fixture.context(contacts: [1: [Fixture.paredes]]))
        #expect(script.send("AYUDA cuando es la feria") == [
            .send(to: "+51987000090", text: "help.forward Rosa Quispe HUAMBO cuando es la feria", networkID: 1),
            .reply("help.forwarded"),
        ])
        #expect(script.send("?") == [.reply("help")])
    }

    @Test func anArticuladorIsNotAMemberForSocioCommands() {
        var script = Script(Fixture.context([Fixture.paredes]))
        #expect(script.send("aporte 20") == [.reply("not_a_member")])
        #expect(script.send("hola") == [.reply("menu.articulador Ing. Lacteos Huambocancha")])
    }
}
