import Conversation
import Foundation
import TrustCore

/// Loads what the conversation reads for one sender, from the records of their networks.
struct ContextLoader {
    let tx: any StoreTransaction
    let now: Date

    /// Meetings older than this are no longer offered for confirmation.
    static let openMeetingDays = 30

    func load(phone: String, members: [Member]) async throws -> ConversationContext {
        var memberships: [Membership] = []
        var openMeetings: [RowID: Meeting] = [:]
        var months: [RowID: MemberMonth] = [:]
        var contacts: [RowID: [Member]] = [:]
        for member in members {
            guard let network = try await tx.network(id: member.networkID) else { continue }
            memberships.append(Membership(member: member, network: network))
            guard member.role.isMember else { continue }
            let today = LocalDate(now, in: network.zone)
            let monthStart = LocalDate(year: today.year, month: today.month, day: 1)!
            let since = min(monthStart, today.adding(days: -Self.openMeetingDays))
            let records = try await tx.records(networkID: network.id, since: since)
            openMeetings[member.id] = Self.openMeeting(for: member, in: records, today: today)
            months[member.id] = Self.month(for: member, in: records, from: monthStart, today: today)
            contacts[network.id] = records.members.filter { $0.role == .articulador && $0.active }
        }
        return ConversationContext(phone: phone, memberships: memberships, openMeetings: openMeetings, months: months, contacts: contacts)
    }

    /// The latest meeting registered without a list that the member has not answered.
    static func openMeeting(for member: Member, in records: NetworkRecords, today: LocalDate) -> Meeting? {
        let answered = Set(records.attendance.filter { $0.memberID == member.id }.map(\.meetingID))
        return records.meetings
            .filter { !$0.hasList && !answered.contains($0.id) && $0.date <= today && $0.date >= member.joinedOn }
            .filter { $0.date.days(until: today) <= openMeetingDays }
            .max { ($0.date, $0.id) < ($1.date, $1.id) }
    }

    /// The member's attendance and contributions in the current month.
    static func month(for member: Member, in records: NetworkRecords, from monthStart: LocalDate, today: LocalDate) -> MemberMonth {
        let meetings = records.meetings.filter { $0.date >= monthStart && $0.date <= today }
        let ids = Set(meetings.map(\.id))
        let attended = records.attendance.filter { $0.memberID == member.id && $0.present && ids.contains($0.meetingID) }.count
        let mine = records.contributions.filter { $0.memberID == member.id && $0.reportedOn >= monthStart }
        return MemberMonth(
            attended: attended, meetings: meetings.count,
            confirmed: mine.filter { $0.status == .confirmed }.map(\.amount).sum(),
            pending: mine.filter { $0.status == .pending }.map(\.amount).sum())
    }
}
