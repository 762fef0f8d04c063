import Foundation
import Testing
import TrustCore

@testable import Conversation

@Suite("Socio conversations")
struct SocioScriptTests {
    @Test func menuShowsTheRoleMenuWithNameAndNetwork() {
        var script = Script()
        #expect(script.send("hola") == [.reply("menu.socio name=Rosa network=Lacteos Huambocancha")])
        #expect(script.state.pending == .menu(networkID: 1, memberID: 14, kind: .socio))
    }

    @Test func keywordsIgnoreCaseAccentsAndPunctuation() {
        for text in ["HOLA", "Hola.", "¡hola!", "  menú ", "MENU"] {
            var script = Script()
            #expect(script.send(text) == [.reply("menu.socio name=Rosa network=Lacteos Huambocancha")], "\(text)")
        }
    }

    @Test func contributionIsConfirmedThenRecorded() {
        var script = Script(Fixture.context(months: [14: MemberMonth(attended: 1, meetings: 2, confirmed: Money(soles: 20), pending: .zero)]))
        #expect(script.send("aporte s/. 20") == [.reply("contribution.confirm amount=S/ 20.00 network=Lacteos Huambocancha")])
        #expect(script.send("1") == [
            .record(.reportContribution(networkID: 1, memberID: 14, amount: Money(soles: 20), on: LocalDate(year: 2026, month: 11, day: 24)!, status: .pending), remember: true),
            .reply("contribution.recorded amount=S/ 20.00 month=month.11 total=S/ 40.00"),
        ])
        #expect(script.state.pending == nil)
    }

    @Test func contributionNoDropsIt() {
        var script = Script()
        _ = script.send("APORTE 20,50")
        #expect(script.send("no") == [.reply("contribution.cancelled")])
        #expect(script.state.pending == nil)
    }

    @Test func badAmountSaysHowToWriteIt() {
        var script = Script()
        #expect(script.send("aporte veinte") == [.reply("contribution.bad_amount")])
        #expect(script.state.pending == nil)
    }

    @Test func contributionFromTheMenuAsksForTheAmount() {
        var script = Script()
        _ = script.send("menu")
        #expect(script.send("2") == [.reply("contribution.ask_amount")])
        #expect(script.send("15") == [.reply("contribution.confirm amount=S/ 15.00 network=Lacteos Huambocancha")])
        #expect(script.send("si").count == 2)
    }

    @Test func attendedConfirmsTheLatestMeetingThenRatesIt() {
        var script = Script(Fixture.context(openMeetings: [14: Fixture.meeting]))
        #expect(script.send("asistí") == [.reply("attendance.ask date=21/11 kind=meeting.ordinary weekday=weekday.6")])
        #expect(script.send("si") == [
            .record(.markAttendance(meetingID: 10, memberID: 14, present: true, source: .member), remember: true),
            .reply("attendance.present_rate date=21/11"),
        ])
        #expect(script.send("4") == [
            .record(.rate(Rating(networkID: 1, memberID: 14, indicator: .q1, score: 4, ratedOn: LocalDate(year: 2026, month: 11, day: 24)!, meetingID: 10)), remember: true),
            .reply("attendance.rated name=Rosa score=4"),
        ])
    }

    @Test func attendedNoMarksAbsent() {
        var script = Script(Fixture.context(openMeetings: [14: Fixture.meeting]))
        _ = script.send("ASISTI")
        #expect(script.send("no") == [
            .record(.markAttendance(meetingID: 10, memberID: 14, present: false, source: .member), remember: true),
            .reply("attendance.absent date=21/11"),
        ])
    }

    @Test func attendedWithNothingOpenSaysSo() {
        var script = Script()
        #expect(script.send("asisti") == [.reply("attendance.none")])
    }

    @Test func attendancePromptStaysAnswerableForThreeDays() {
        var script = Script(Fixture.context(openMeetings: [14: Fixture.meeting]))
        _ = script.send("asisti")
        #expect(script.send("si", after: 71 * 3600).count == 2)
    }

    @Test func anExpiredQuestionSaysSo() {
        var script = Script()
        _ = script.send("aporte 20")
        #expect(script.send("1", after: 31 * 60) == [.reply("expired")])
        #expect(script.state.pending == nil)
    }

    @Test func aNewKeywordDropsThePendingQuestion() {
        var script = Script()
        _ = script.send("aporte 20")
        #expect(script.send("hola") == [.reply("menu.socio name=Rosa network=Lacteos Huambocancha")])
        #expect(script.state.pending == .menu(networkID: 1, memberID: 14, kind: .socio))
    }

    @Test func noAnswersAYesNoQuestionEvenThoughItIsAWord() {
        var script = Script()
        _ = script.send("aporte 20")
        #expect(script.send("NO") == [.reply("contribution.cancelled")])
    }

    @Test func aWrongAnswerRepeatsWhatIsExpected() {
        var script = Script()
        _ = script.send("aporte 20")
        #expect(script.send("quizas") == [.reply("answer_yes_no")])
        #expect(script.state.pending != nil)
    }

    @Test func unknownTextGetsTheHelpLine() {
        var script = Script()
        #expect(script.send("que es esto") == [.reply("help_line")])
    }

    @Test func mineShowsTheMonth() {
        var script = Script(Fixture.context(months: [14: MemberMonth(attended: 3, meetings: 4, confirmed: Money(soles: 20), pending: Money(soles: 20))]))
        #expect(script.send("mio") == [.reply("mine attended=3 meetings=4 month=month.11 name=Rosa pending=S/ 20.00 total=S/ 40.00")])
    }

    @Test func pulseAsksThreeQuestionsAndRecordsEach() {
        var script = Script()
        #expect(script.send("opinar") == [.reply("pulse.q1")])
        let day = LocalDate(year: 2026, month: 11, day: 24)!
        #expect(script.send("4") == [.record(.rate(Rating(networkID: 1, memberID: 14, indicator: .q1, score: 4, ratedOn: day)), remember: false), .reply("pulse.q2")])
        #expect(script.send("bueno") == [.record(.rate(Rating(networkID: 1, memberID: 14, indicator: .q2, score: 4, ratedOn: day)), remember: false), .reply("pulse.q4")])
        #expect(script.send("5") == [.record(.rate(Rating(networkID: 1, memberID: 14, indicator: .q4, score: 5, ratedOn: day)), remember: false), .reply("pulse.done name=Rosa")])
    }
}
