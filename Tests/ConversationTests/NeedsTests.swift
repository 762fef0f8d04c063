import Foundation
import Testing
import TrustCore

@testable import Conversation

@Suite("What a message needs loaded")
struct NeedsTests {
    let bot = Fixture.bot

    @Test func socioMessagesNeedNothingBeyondTheirOwnRows() {
        for text in ["hola", "aporte 20", "aporte s/. 20", "asisti", "si", "4", "mio", "opinar", "baja", "corregir", "que es esto"] {
            #expect(bot.needs(text: text, state: ConversationState()) == [], "\(text)")
        }
    }

    @Test func leaderAndArticuladorCommandsNameWhatTheyRead() {
        let cases: [(String, ContextNeeds)] = [
            ("REUNION ORD HOY 1 2", [.roster, .meetings]), ("socio HUAMBO 987654321 Rosa", [.roster]), ("evento hecho 2", [.records]),
            ("PROYECTO Tanque 5000 1500", [.records]), ("plan", [.records]), ("pendientes", [.records]),
            ("confirmar 37", [.records]), ("aporte 7 20", [.records]), ("APORTE HUAMBO 7 S/ 20", [.records]), ("etapa huambo auto", [.records]),
            ("redes", [.indicators]), ("ESTADO 1", [.indicators]), ("alertas", [.indicators]), ("resumen", [.indicators]),
        ]
        for (text, needs) in cases {
            #expect(bot.needs(text: text, state: ConversationState()) == needs, "\(text)")
        }
    }

    @Test func theOpenQuestionAddsWhatItsAnswerReads() {
        var state = ConversationState()
        state.ask(.meeting(MeetingDraft(networkID: 1, memberID: 11, kind: .ordinary, date: Fixture.day(24, 11))), now: Fixture.now, lifetime: 60)
        #expect(bot.needs(text: "1 2 5", state: state) == [.roster, .meetings])
        state.ask(.menu(networkID: 1, memberID: 11, kind: .leader), now: Fixture.now, lifetime: 60)
        #expect(bot.needs(text: "6", state: state) == [.indicators])
        #expect(bot.needs(text: "2", state: state) == [])
        state.ask(.menu(networkID: 1, memberID: 14), now: Fixture.now, lifetime: 60)
        #expect(bot.needs(text: "1", state: state) == [])
        state.ask(.chooseNetwork(command: "status", memberIDs: [90, 91]), now: Fixture.now, lifetime: 60)
        #expect(bot.needs(text: "2", state: state) == [.indicators])
        state.ask(.chooseNetwork(command: "contribution", memberIDs: [11, 21], text: "aporte 7 20"), now: Fixture.now, lifetime: 60)
        #expect(bot.needs(text: "1", state: state) == [.records])
    }

    @Test func anOldStoredStateStillDecodes() throws {
        // A state written before the menu kind and the stored command text existed.
        let old = #"{"pending":{"menu":{"networkID":1,"memberID":14}},"pendingExpiresAt":0}"#
        let state = try JSONDecoder().decode(ConversationState.self, from: Data(old.utf8))
        #expect(state.pending == .menu(networkID: 1, memberID: 14, kind: nil))
    }
}
