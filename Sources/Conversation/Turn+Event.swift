import Foundation
import SMSText
import TrustCore

extension Turn {
    /// The words after the command word as typed (case and accents kept), without the codes of the sender's networks.
    var typedArguments: [String] {
        let tokens = text.split(whereSeparator: \.isWhitespace).map(String.init)
        guard let commandIndex = tokens.firstIndex(where: { !Keyword.words($0).isEmpty }) else { return [] }
        return tokens[(commandIndex + 1)...].filter { token in
            let normalized = Keyword.words(token)
            return !(normalized.count == 1 && isNetworkCode(normalized[0]))
        }
    }

    /// A title as typed: spaces collapsed, stray punctuation at the ends removed, at most 60 characters.
    static func title(_ tokens: [String]) -> String {
        let joined = tokens.joined(separator: " ").trimmingCharacters(in: .punctuationCharacters.union(.whitespaces))
        return String(joined.prefix(60)).trimmingCharacters(in: .whitespaces)
    }

    /// `EVENTO <titulo> <dd/mm>` plans an event; `EVENTO HECHO <n> [numeros]` closes one.
    mutating func eventCommand(_ row: Membership) {
        if let first = arguments.first, Modifier.done.contains(first) { return closeEvent(row) }
        var tokens = typedArguments
        let dateIndex = tokens.lastIndex { DateParser.parse($0) != nil }
        let parsed = dateIndex.flatMap { DateParser.parse(tokens[$0]) }
        if let dateIndex { tokens.remove(at: dateIndex) }
        let title = Turn.title(tokens)
        guard title.contains(where: \.isLetter) else { return reply("event.usage") }
        guard let parsed else {
            ask(.eventDate(networkID: row.network.id, memberID: row.member.id, title: title))
            return reply("event.ask_date", ["title": Truncate.name(title, max: 30)])
        }
        planEvent(row, title: title, parsed)
    }

    /// The day of a planned event, answered after `EVENTO <titulo>`.
    mutating func eventDateAnswer(networkID: RowID, memberID: RowID, title: String) -> Bool {
        guard let parsed = DateParser.parse(text), let row = context.membership(memberID: memberID) else { return false }
        planEvent(row, title: title, parsed)
        return true
    }

    /// Plans the event on the nearest future day and tells its number for `EVENTO HECHO`.
    mutating func planEvent(_ row: Membership, title: String, _ parsed: ParsedDay) {
        let today = today(in: row.network)
        guard let day = parsed.resolve(today: today, direction: .future) else { return reply("event.bad_date") }
        guard day >= today else { return reply("event.past_date", ["date": day.dayMonth]) }
        state.clearPending()
        let number = (context.records[row.network.id]?.events.map(\.number).max() ?? 0) + 1
        record(.planEvent(networkID: row.network.id, title: title, plannedOn: day))
        let values = ["number": "\(number)", "date": day.dayMonth, "title": title]
        effects.append(.reply(fitted("event.planned", values, shrinking: "title")))
    }

    /// Events planned and not yet held, as `2 Aniversario 15/12`.
    func openEvents(_ network: Network) -> [SocialEvent] {
        (context.records[network.id]?.events ?? []).filter { $0.heldOn == nil }.sorted { $0.number < $1.number }
    }

    /// `EVENTO HECHO 2 [1 4 5]`: the event was held today (or on the date given), with who attended when listed.
    mutating func closeEvent(_ row: Membership) {
        var rest = Array(arguments.dropFirst())
        let today = today(in: row.network)
        var heldOn = today
        // A held date is `HOY`, `AYER` or has a slash, so that a roster range such as `1-4` stays a list.
        let isDate = { (word: String) in DateParser.parse(word) != nil && (word.contains("/") || word.allSatisfy(\.isLetter)) }
        if let index = rest.firstIndex(where: isDate), let parsed = DateParser.parse(rest[index]) {
            guard let day = parsed.resolve(today: today, direction: .past), day <= today else { return reply("event.bad_held_date") }
            heldOn = day
            rest.remove(at: index)
        }
        let open = openEvents(row.network)
        guard let first = rest.first, let number = Int(first) else {
            guard !open.isEmpty else { return reply("event.none_planned") }
            let items = open.map { "\($0.number) \(Truncate.name($0.title, max: 20)) \($0.plannedOn.dayMonth)" }
            return effects.append(.reply(fittedList("event.which", ["number": "\(open[0].number)"], list: "list", items: items)))
        }
        let events = context.records[row.network.id]?.events ?? []
        guard let event = events.first(where: { $0.number == number }) else {
            return reply("event.unknown", ["number": "\(number)"])
        }
        // A held event may still get its attendance list once (`EVENTO HECHO 2 1 4 5` after `EVENTO HECHO 2`).
        if let held = event.heldOn {
            guard event.attendees == nil, rest.count > 1 else {
                return reply("event.already_done", ["number": "\(number)", "date": held.dayMonth])
            }
            heldOn = held
        }
        var attendees: [Member]?
        if rest.count > 1 {
            let expected = context.activeMembers(of: row.network.id)
            switch AttendeeList(Array(rest.dropFirst())) {
            case .all?: attendees = expected
            case .numbers(let numbers)?:
                let unknown = numbers.filter { n in !expected.contains { $0.roster == n } }
                guard unknown.isEmpty else {
                    return reply("event.bad_roster", ["numbers": unknown.prefix(8).map(String.init).joined(separator: " ")])
                }
                attendees = expected.filter { numbers.contains($0.roster) }
            case .ask?, nil: return reply("event.usage")
            }
        }
        record(.closeEvent(networkID: row.network.id, number: number, heldOn: heldOn, attendees: attendees?.map(\.id)))
        var values = ["number": "\(number)", "title": event.title, "date": heldOn.dayMonth]
        guard let attendees else { return effects.append(.reply(fitted("event.done_nolist", values, shrinking: "title"))) }
        values["count"] = "\(attendees.count)"
        effects.append(.reply(fitted("event.done", values, shrinking: "title")))
    }
}
