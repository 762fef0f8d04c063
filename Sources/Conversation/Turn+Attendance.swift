import Foundation
import TrustCore
import SMSText

extension Turn {
    /// `ASISTI`: asks about the latest meeting the member has not answered.
    mutating func askAttendance(_ row: Membership) {
        guard let meeting = context.openMeetings[row.member.id] else { return reply("attendance.none") }
        ask(.attendance(meetingID: meeting.id, networkID: row.network.id, memberID: row.member.id), lifetime: settings.promptLifetime)
        reply("attendance.ask", [
            "kind": bot.book.render("meeting.\(meeting.kind.rawValue)", language: language),
            "weekday": bot.book.render("weekday.\(meeting.date.isoWeekday)", language: language),
            "date": meeting.date.dayMonth,
        ])
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
        reply("attendance.rated", ["name": row.member.firstName, "score": "\(score)"])
        return true
    }
}
