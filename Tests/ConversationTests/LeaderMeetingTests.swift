import Foundation
import Testing
import TrustCore

@testable import Conversation

@Suite("Líder: REUNION and the attendance prompts")
struct LeaderMeetingTests {
    static let today = Fixture.day(24, 11)
    static func leader(_ members: [Member] = [Fixture.julio]) -> Script {
        Script(Fixture.context(members, rosters: [1: Fixture.huamboRoster, 2: [Fixture.julioFlores, Fixture.rosaFlores]]))
    }

    @Test func oneLineWithAListSaysWhoWasMissing() {
        var script = Self.leader()
        #expect(script.send("REUNION ORD HOY 1 2 4") == [
            .record(.registerMeeting(networkID: 1, kind: .ordinary, date: Self.today, registeredBy: 11, present: [11, 12, 14]), remember: true),
            .reply("meeting.recorded date=24/11 kind=meeting.ordinary members=6 missing=3 Carmen, 5 Luis, 6 Eva present=3"),
        ])
        #expect(script.state.pending == nil)
    }

    @Test func aMeetingOfTheSameKindAndDayIsNotRegisteredTwice() {
        var script = Self.leader()
        // The secretario already registered today's ordinary meeting; an extraordinary one the same day is another.
        script.context.meetings[1] = [Meeting(id: 40, networkID: 1, kind: .ordinary, date: Self.today, hasList: true, registeredBy: 12)]
        #expect(script.send("REUNION ORD HOY 1 2 4") == [.reply("meeting.already date=24/11 kind=meeting.ordinary")])
        #expect(script.state.pending == nil)
        // Guided: refused as soon as kind and day are known, before the list is asked.
        #expect(script.send("REUNION ORD") == [.reply("meeting.ask_date")])
        #expect(script.send("hoy") == [.reply("meeting.already date=24/11 kind=meeting.ordinary")])
        #expect(script.state.pending == nil)
        #expect(script.send("REUNION EXT HOY TODOS").first == .record(
            .registerMeeting(networkID: 1, kind: .extraordinary, date: Self.today, registeredBy: 11, present: [11, 12, 13, 14, 15, 16]),
            remember: true))
    }

    @Test func listsAcceptCommasRangesAndEveryone() {
        var script = Self.leader()
        #expect(script.send("reunión ext ayer 1,2-4").first == .record(
            .registerMeeting(networkID: 1, kind: .extraordinary, date: Fixture.day(23, 11), registeredBy: 11, present: [11, 12, 13, 14]),
            remember: true))
        #expect(script.send("REUNION ORD 21/11 TODOS") == [
            .record(.registerMeeting(networkID: 1, kind: .ordinary, date: Fixture.day(21, 11), registeredBy: 11, present: [11, 12, 13, 14, 15, 16]),
                    remember: true),
            .reply("meeting.recorded_all date=21/11 kind=meeting.ordinary members=6 present=6"),
        ])
    }

    @Test func guidedAsksOneQuestionAtATimeThenPromptsEachReachableMember() {
        var script = Self.leader()
        #expect(script.send("reunion") == [.reply("meeting.ask_kind")])
        #expect(script.send("2") == [.reply("meeting.ask_date")])
        #expect(script.send("ayer") == [.reply("meeting.ask_attendees")])
        let prompt = "attendance.prompt date=23/11 kind=meeting.extraordinary network=Lacteos Huambocancha weekday=weekday.1"
        #expect(script.send("0") == [
            .record(.registerMeeting(networkID: 1, kind: .extraordinary, date: Fixture.day(23, 11), registeredBy: 11, present: nil), remember: true),
            .prompt(to: "+51987000002", text: prompt, networkID: 1),
            .prompt(to: "+51987000003", text: prompt, networkID: 1),
            .prompt(to: "+51987000004", text: prompt, networkID: 1),
            // Luis reads English; Eva opted out and Julio registered it, so neither is asked.
            .prompt(to: "+51987000005", text: "en:attendance.prompt date=23/11 kind=en:meeting.extraordinary network=Lacteos Huambocancha weekday=en:weekday.1", networkID: 1),
            .reply("meeting.recorded_ask count=4 date=23/11 kind=meeting.extraordinary"),
        ])
        #expect(script.state.pending == nil)
    }

    @Test func partialOneLineFormsAskOnlyWhatIsMissing() {
        var script = Self.leader()
        #expect(script.send("REUNION EXT") == [.reply("meeting.ask_date")])
        #expect(script.send("21/11") == [.reply("meeting.ask_attendees")])
        #expect(script.send("TODOS").count == 2)
        #expect(script.send("reunion hoy ord") == [.reply("meeting.ask_attendees")])
    }

    @Test func wrongAnswersSayHowToWriteItAndKeepTheQuestion() {
        var script = Self.leader()
        _ = script.send("reunion")
        #expect(script.send("quizas") == [.reply("meeting.ask_kind")])
        _ = script.send("ord")
        #expect(script.send("el lunes") == [.reply("meeting.bad_date")])
        #expect(script.send("mañana") == [.reply("meeting.future_date date=25/11")])
        _ = script.send("hoy")
        #expect(script.send("1 2 9 12") == [.reply("meeting.bad_roster max=6 numbers=9 12")])
        #expect(script.send("todos y nadie") == [.reply("meeting.bad_attendees")])
        #expect(script.send("1 2").count == 2)
    }

    @Test func badOneLineFormsShowTheExample() {
        var script = Self.leader()
        #expect(script.send("REUNION ORD 1 2 5") == [.reply("meeting.usage")])
        #expect(script.send("REUNION ORD 25/12/2026 1 2") == [.reply("meeting.future_date date=25/12")])
        #expect(script.send("REUNION ORD HOY 1 x") == [.reply("meeting.usage")])
    }

    @Test func onlyTheBoardRegistersMeetings() {
        var socio = Script()
        #expect(socio.send("REUNION ORD HOY 1 2") == [.reply("role.leaders_only")])
        var articulador = Script(Fixture.context([Fixture.paredes]))
        #expect(articulador.send("reunion") == [.reply("role.leaders_only")])
        var tesorera = Self.leader([Fixture.carmen])
        #expect(tesorera.send("reunion") == [.reply("meeting.ask_kind")])
    }

    @Test func theGuidedFlowExpiresAndANewKeywordWins() {
        var script = Self.leader()
        _ = script.send("reunion")
        #expect(script.send("1", after: 31 * 60) == [.reply("expired")])
        _ = script.send("reunion")
        #expect(script.send("menu") == [.reply("menu.leader name=Julio network=Lacteos Huambocancha")])
    }

    @Test func correctUndoesTheMeeting() {
        var script = Self.leader()
        _ = script.send("REUNION ORD HOY TODOS")
        #expect(script.send("corregir") == [.record(.undo(.meeting(500)), remember: false), .reply("correct.done")])
    }

    @Test func aLeaderOfTwoNetworksChoosesOrNamesOne() {
        var script = Self.leader([Fixture.julio, Fixture.julioFlores])
        #expect(script.send("REUNION ORD HOY TODOS") == [.reply("choose_network list=1 HUAMBO, 2 FLORES")])
        #expect(script.send("flores") == [
            .record(.registerMeeting(networkID: 2, kind: .ordinary, date: Self.today, registeredBy: 21, present: [21, 24]), remember: true),
            .reply("meeting.recorded_all date=24/11 kind=meeting.ordinary members=2 present=2"),
        ])
        var named = Self.leader([Fixture.julio, Fixture.julioFlores])
        #expect(named.send("REUNION HUAMBO ORD HOY 1").first == .record(
            .registerMeeting(networkID: 1, kind: .ordinary, date: Self.today, registeredBy: 11, present: [11]), remember: true))
    }

    @Test func aBareYesAnswersThePromptWhileItIsOpen() {
        var script = Script(Fixture.context(openMeetings: [14: Fixture.meeting]))
        #expect(script.send("si") == [
            .record(.markAttendance(meetingID: 10, memberID: 14, present: true, source: .member), remember: true),
            .reply("attendance.present_rate date=21/11"),
        ])
        #expect(script.send("5").count == 2)
        // The prompt of a meeting on 21/11 is answerable until 72 h after that day ends (25/11 00:00 in Lima).
        var late = Script(Fixture.context(openMeetings: [14: Fixture.meeting]))
        #expect(late.send("2", after: 15 * 3600) == [.reply("help_line")])
    }

    @Test func aPendingQuestionWinsOverThePrompt() {
        var script = Script(Fixture.context(openMeetings: [14: Fixture.meeting]))
        _ = script.send("aporte 20")
        #expect(script.send("si").first == .record(
            .reportContribution(networkID: 1, memberID: 14, amount: Money(soles: 20), on: Self.today, status: .pending), remember: true))
    }
}
