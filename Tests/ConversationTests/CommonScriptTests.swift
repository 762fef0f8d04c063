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
        #expect(script.send("aporte 20") == [.reply("choose_network list=1 HUAMBO, 2 FLORES")])
        // The amount given with the command is kept through the choice.
        #expect(script.send("2") == [.reply("contribution.confirm amount=S/ 20.00 network=Flores de Cusco")])
        #expect(script.send("aporte", after: 0).isEmpty == false)
        #expect(script.send("1") == [.reply("contribution.ask_amount")])
        var named = Script(Fixture.context([Fixture.rosa, Fixture.rosaFlores]))
        #expect(named.send("aporte flores 20") == [.reply("contribution.confirm amount=S/ 20.00 network=Flores de Cusco")])
    }

    @Test func helpWithAQuestionGoesToTheArticulador() {
        var script = Script(Fixture.context(contacts: [1: [Fixture.paredes]]))
        #expect(script.send("AYUDA cuando es la feria") == [
            .send(to: "+51987000090", text: "help.forward name=Rosa Quispe network=HUAMBO question=cuando es la feria", networkID: 1),
            .reply("help.forwarded"),
        ])
        #expect(script.send("?") == [.reply("help")])
    }

    @Test func anArticuladorIsNotAMemberForSocioCommands() {
        var script = Script(Fixture.context([Fixture.paredes]))
        #expect(script.send("aporte 20") == [.reply("not_a_member")])
        #expect(script.send("hola") == [.reply("menu.articulador name=Ing. Paredes")])
    }

    @Test func idiomaSwitchesTheLanguageAndAnswersInTheNewOne() {
        var script = Script()
        #expect(script.send("IDIOMA EN") == [.record(.setLanguage(phone: "+51987000004", language: "en"), remember: false), .reply("en:language.done")])
        #expect(script.send("language español") == [.record(.setLanguage(phone: "+51987000004", language: "es"), remember: false), .reply("language.done")])
        #expect(script.send("idioma aleman") == [.reply("language.usage codes=EN, ES")])
        #expect(script.send("idioma fr") == [.reply("language.usage codes=EN, ES")])
    }

    @Test func anEnglishSpeakerGetsEnglishTextsAndKeywords() {
        var script = Script(Fixture.context([Fixture.luis]))
        #expect(script.send("hello") == [.reply("en:menu.socio name=Luis network=Lacteos Huambocancha")])
        #expect(script.send("contribution 20") == [.reply("en:contribution.confirm amount=S/ 20.00 network=Lacteos Huambocancha")])
    }

    @Test func masWithNothingLeftSaysSo() {
        var script = Script()
        #expect(script.send("mas") == [.reply("more.none")])
    }

    @Test func theBoardGetsItsOwnMenuAndHelp() {
        var script = Script(Fixture.context([Fixture.julio], rosters: [1: Fixture.huamboRoster]))
        #expect(script.send("hola") == [.reply("menu.leader name=Julio network=Lacteos Huambocancha")])
        #expect(script.send("1") == [.reply("meeting.ask_kind")])
        _ = script.send("menu")
        #expect(script.send("5").first?.isReply(prefix: "mine ") == true)
        #expect(script.send("ayuda") == [.reply("help.leader")])
    }
}

