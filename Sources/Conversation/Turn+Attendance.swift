import Foundation
import TrustCore
import SMSText

extension Turn {
    /// `ASISTI`: asks about the latest meeting the member has not answered.
    mutating func askAttendance(_ row: Membership) {
        guard let meeting = context.openMeetings[row.member.id] else { return reply("attendance.none") }
        ask(.attendance(meetingID: meeting.id, networkID: row.network.id, memberID: row.member.id), lifetime: settings.promptLifetime)
        reply("attendance.ask", [
            "kind": render("meeting.\(meeting.kind.rawValue)"),
            "weekday": render("weekday.\(meeting.date.isoWeekday)"),
            "date": meeting.date.dayMonth,
        ])
    }

    /// A bare yes/no with no question open answers the attendance prompt the member was sent: the latest meeting
    /// registered without a list that they have not answered, while its prompt is answerable (72 h after its day).
    mutating func answerPrompt() -> Bool {
        guard YesNo.parse(text) != nil else { return false }
        var latest: (row: Membership, meeting: Meeting)?
        for row in context.memberRows {
            guard let meeting = context.openMeetings[row.member.id] else { continue }
            let dayEnd = meeting.date.adding(days: 1).start(in: row.network.zone)
            guard now < dayEnd.addingTimeInterval(settings.promptLifetime) else { continue }
            if latest.map({ meeting.date > $0.meeting.date }) ?? true { latest = (row, meeting) }
        }
        guard let latest else { return false }
        return attendanceAnswer(meetingID: latest.meeting.id, networkID: latest.row.network.id, memberID: latest.row.member.id)
    }

    /// `1`/`si` marks the member present and asks for a rating; `2`/`no` marks them absent.
    mutating func attendanceAnswer(meetingID: RowID, networkID: RowID, memberID: RowID) -> Bool {
        guard words.count <= 2, let first = words.first, let yes = YesNo.parse(first) else { return false }
        state.clearPending()
        let date = context.openMeetings[memberID]?.date.dayMonth ?? ""
        record(.markAttendance(meetingID: meetingID, memberID: memberID, present: yes, source: .member))
        guard yes else {
            reply("attendance.absent", ["date": date])
            return true
        }
        ask(.rateMeeting(meetingID: meetingID, networkID: networkID, memberID: memberID), lifetime: settings.promptLifetime)
        reply("attendance.present_rate", ["date": date])
        return true
    }

    /// A 1–5 rating of the meeting just confirmed (Q1, satisfaction with joint activities).
    mutating func meetingRating(meetingID: RowID, networkID: RowID, memberID: RowID) -> Bool {
        guard let score = RatingParser.parse(text), let row = context.membership(memberID: memberID) else { return false }
        state.clearPending()
        record(.rate(Rating(networkID: networkID, memberID: memberID, indicator: .q1, score: score,
                            ratedOn: today(in: row.network), meetingID: meetingID)))
        reply("attendance.rated", ["name": Truncation.name(row.member.firstName), "score": "\(score)"])
        return true
    }
}
