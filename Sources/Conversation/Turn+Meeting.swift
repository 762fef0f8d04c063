import Foundation
import SMSText
import TrustCore

/// Who attended, as a leader writes it: roster numbers (`1 2 5`, `1,2,5`, `1-5`), `TODOS`, or `0` to ask each member.
enum AttendeeList: Equatable {
    case numbers([Int])
    case all
    case ask

    init?(_ words: [String]) {
        if words.count == 1, Modifier.all.contains(words[0]) {
            self = .all
            return
        }
        if words == ["0"] {
            self = .ask
            return
        }
        var numbers: [Int] = []
        for word in words {
            for piece in word.split(whereSeparator: { $0 == "," || $0 == "." || $0 == ";" }) {
                let bounds = piece.split(separator: "-", omittingEmptySubsequences: false).map { Int($0) }
                if bounds.count == 1, let n = bounds[0], n >= 1, n <= 99_999 {
                    numbers.append(n)
                } else if bounds.count == 2, let low = bounds[0], let high = bounds[1], low >= 1, low < high, high - low <= 500 {
                    numbers.append(contentsOf: low...high)
                } else {
                    return nil
                }
            }
        }
        guard !numbers.isEmpty else { return nil }
        var seen = Set<Int>()
        self = .numbers(numbers.filter { seen.insert($0).inserted })
    }
}

extension Turn {
    /// `REUNION [ORD|EXT] [HOY|AYER|dd/mm] [1 2 5 | TODOS | 0]`: whatever is missing is asked, one question at a time.
    mutating func meetingCommand(_ row: Membership) {
        var draft = MeetingDraft(networkID: row.network.id, memberID: row.member.id)
        var rest = arguments[...]
        while let first = rest.first {
            if draft.kind == nil, let kind = Modifier.meetingKind(first, numbers: false) {
                draft.kind = kind
            } else if draft.date == nil, let parsed = DateParser.parse(first) {
                guard let day = meetingDay(parsed, row) else { return }
                draft.date = day
            } else {
                break
            }
            rest = rest.dropFirst()
        }
        guard !rest.isEmpty else { return continueMeeting(draft) }
        guard draft.kind != nil, draft.date != nil, let list = AttendeeList(Array(rest)) else { return reply("meeting.usage") }
        finishMeeting(draft, list, row)
    }

    /// The day a meeting was held: today or before; replies the error and returns nil otherwise.
    mutating func meetingDay(_ parsed: ParsedDay, _ row: Membership) -> LocalDate? {
        let today = today(in: row.network)
        guard let day = parsed.resolve(today: today, direction: .past) else {
            reply("meeting.bad_date")
            return nil
        }
        guard day <= today else {
            reply("meeting.future_date", ["date": day.dayMonth])
            return nil
        }
        return day
    }

    /// Asks the first missing field of the draft.
    mutating func continueMeeting(_ draft: MeetingDraft) {
        if refusedTwin(draft) { return }
        ask(.meeting(draft))
        if draft.kind == nil { return reply("meeting.ask_kind") }
        if draft.date == nil { return reply("meeting.ask_date") }
        reply("meeting.ask_attendees")
    }

    mutating func reaskMeeting(_ draft: MeetingDraft) {
        if draft.kind == nil { return reply("meeting.ask_kind") }
        if draft.date == nil { return reply("meeting.bad_date") }
        reply("meeting.bad_attendees")
    }

    /// One answer of the guided `REUNION`.
    mutating func meetingAnswer(_ draft: MeetingDraft) -> Bool {
        guard let row = context.membership(memberID: draft.memberID) else { return false }
        var draft = draft
        if draft.kind == nil {
            guard words.count == 1, let kind = Modifier.meetingKind(words[0], numbers: true) else { return false }
            draft.kind = kind
            continueMeeting(draft)
            return true
        }
        if draft.date == nil {
            guard let parsed = DateParser.parse(text) else { return false }
            guard let day = meetingDay(parsed, row) else { return true }  // error sent; the question stays open
            draft.date = day
            continueMeeting(draft)
            return true
        }
        guard let list = AttendeeList(words) else { return false }
        finishMeeting(draft, list, row)
        return true
    }

    /// A meeting of the same kind and day is already registered in the network (the presidente and the secretario
    /// both registering one assembly would count it twice in S2): says so, drops the draft and returns true.
    mutating func refusedTwin(_ draft: MeetingDraft) -> Bool {
        guard let kind = draft.kind, let date = draft.date,
            context.meetings[draft.networkID]?.contains(where: { $0.kind == kind && $0.date == date }) == true
        else { return false }
        state.clearPending()
        reply("meeting.already", ["kind": render("meeting.\(kind.rawValue)"), "date": date.dayMonth])
        return true
    }

    /// Records the meeting and reads it back: who was missing, or how many members will be asked.
    mutating func finishMeeting(_ draft: MeetingDraft, _ list: AttendeeList, _ row: Membership) {
        guard let kind = draft.kind, let date = draft.date else { return continueMeeting(draft) }
        if refusedTwin(draft) { return }
        let expected = context.activeMembers(of: row.network.id).filter { $0.joinedOn <= date }
        var present: [Member]?
        switch list {
        case .all: present = expected
        case .ask: present = nil
        case .numbers(let numbers):
            let known = Set(expected.map(\.roster))
            let unknown = numbers.filter { !known.contains($0) }
            guard unknown.isEmpty else {
                ask(.meeting(draft))
                return reply("meeting.bad_roster", [
                    "numbers": unknown.prefix(8).map(String.init).joined(separator: " "),
                    "max": "\(expected.map(\.roster).max() ?? 0)",
                ])
            }
            present = expected.filter { numbers.contains($0.roster) }
        }
        state.clearPending()
        record(.registerMeeting(networkID: row.network.id, kind: kind, date: date, registeredBy: row.member.id, present: present?.map(\.id)))
        var values = ["kind": render("meeting.\(kind.rawValue)"), "date": date.dayMonth]
        guard let present else {
            let asked = sendAttendancePrompts(kind: kind, date: date, expected: expected, network: row.network)
            values["count"] = "\(asked)"
            return reply("meeting.recorded_ask", values)
        }
        let presentIDs = Set(present.map(\.id))
        let missing = expected.filter { !presentIDs.contains($0.id) }
        values["present"] = "\(present.count)"
        values["members"] = "\(expected.count)"
        guard !missing.isEmpty else { return reply("meeting.recorded_all", values) }
        let items = missing.map { "\($0.roster) \(Truncation.name($0.firstName))" }
        effects.append(.reply(fittedList("meeting.recorded", values, list: "missing", items: items)))
    }

    /// Sends the attendance question to every expected member who can be reached, in their language; returns how
    /// many were asked. The sender is not asked: they answer with ASISTI when they want.
    mutating func sendAttendancePrompts(kind: MeetingKind, date: LocalDate, expected: [Member], network: Network) -> Int {
        var asked = 0
        for member in expected where !member.optedOut && member.phone != nil && member.phone != context.phone {
            guard let phone = member.phone else { continue }
            let language = member.language
            let text = render("attendance.prompt", [
                "network": Truncation.network(network.name),
                "kind": render("meeting.\(kind.rawValue)", language: language),
                "weekday": render("weekday.\(date.isoWeekday)", language: language),
                "date": date.dayMonth,
            ], language: language)
            effects.append(.prompt(to: phone, text: text, networkID: network.id))
            asked += 1
        }
        return asked
    }
}
