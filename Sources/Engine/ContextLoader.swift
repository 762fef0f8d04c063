import Conversation
import Foundation
import TrustCore

/// Loads what the conversation reads for one sender, inside the inbound transaction. A socio's message reads only
/// this month of their own networks; whole networks (roster, all records, indicators) are read only for the
/// networks the sender leads or articulates, and only when `ContextNeeds` asks for them.
struct ContextLoader {
    let tx: any StoreTransaction
    let now: Date
    let settings: IndicatorSettings

    /// Meetings older than this are no longer offered for confirmation.
    static let openMeetingDays = 30

    func load(phone: String, members: [Member], needs: ContextNeeds = []) async throws -> ConversationContext {
        var context = ConversationContext(phone: phone, memberships: [])
        for member in members {
            guard let network = try await tx.network(id: member.networkID) else { continue }
            context.memberships.append(Membership(member: member, network: network))
            let today = LocalDate(now, in: network.zone)
            let overseesNetwork = member.active && (member.role.isLeader || member.role == .articulador)
            let monthStart = LocalDate(year: today.year, month: today.month, day: 1) ?? today
            if overseesNetwork, needs.contains(.records) {
                // Board commands read events, projects, pending contributions and this month's fund, never the
                // network's whole history of meetings and marks.
                let records = try await tx.records(of: network, scope: .board(contributionsSince: monthStart))
                context.records[network.id] = records
                context.rosters[network.id] = records.members
            } else if overseesNetwork, needs.contains(.roster) {
                context.rosters[network.id] = try await tx.members(networkID: network.id)
            }
            if overseesNetwork, needs.contains(.meetings) {
                let since = today.adding(days: -ContextNeeds.meetingsWindowDays)
                context.meetings[network.id] = try await tx.records(of: network, scope: RecordScope(since: since, kinds: [.meetings])).meetings
            }
            if overseesNetwork, needs.contains(.indicators) {
                context.statuses[network.id] = try await status(of: network, today: today)
            }
            guard member.role.isMember else { continue }
            let since = min(monthStart, today.adding(days: -Self.openMeetingDays))
            let records = try await tx.records(of: network, scope: .member(member.id, since: since))
            let contributions = try await tx.contributionTotals(of: network, memberID: member.id, since: monthStart)
            context.openMeetings[member.id] = Self.openMeeting(for: member, in: records, today: today)
            context.months[member.id] = Self.month(for: member, in: records, contributions: contributions, from: monthStart, today: today)
            context.contacts[network.id] = records.members.filter { $0.role == .articulador && $0.active }
        }
        return context
    }

    /// The indicators of the last complete weeks against the weeks before (through `Reports`, the one code path the
    /// CLI, the dashboard and the weekly summary use), the alerts they raise today and the confirmed fund.
    func status(of network: Network, today: LocalDate) async throws -> NetworkStatus {
        let period = Reports.defaultPeriod(for: network, now: now, settings: settings)
        let (current, previous, _) = try await Reports.reportWithTrend(tx, networkID: network.id, period: period, settings: settings)
        let records = try await tx.records(networkID: network.id, since: period.previous.start.adding(days: -Reports.lookbackDays))
        let alerts = Alerts.evaluate(
            current: current, previous: previous, lastActivity: records.lastActivity(asOf: today), today: today, settings: settings)
        let fund = records.contributions.filter { $0.status == .confirmed && period.contains($0.reportedOn) }.map(\.amount).sum()
        return NetworkStatus(current: current, previous: previous, alerts: alerts, fund: fund)
    }

    /// The latest meeting registered without a list that the member has not answered.
    static func openMeeting(for member: Member, in records: NetworkRecords, today: LocalDate) -> Meeting? {
        let answered = Set(records.attendance.filter { $0.memberID == member.id }.map(\.meetingID))
        return records.meetings
            .filter { !$0.hasList && !answered.contains($0.id) && $0.date <= today && $0.date >= member.joinedOn }
            .filter { $0.date.days(until: today) <= openMeetingDays }
            .max { ($0.date, $0.id) < ($1.date, $1.id) }
    }

    /// The member's attendance in the current month, with their contributions of the month.
    static func month(
        for member: Member, in records: NetworkRecords, contributions: ContributionTotals, from monthStart: LocalDate, today: LocalDate
    ) -> MemberMonth {
        let meetings = records.meetings.filter { $0.date >= monthStart && $0.date <= today }
        let ids = Set(meetings.map(\.id))
        let attended = records.attendance.filter { $0.memberID == member.id && $0.present && ids.contains($0.meetingID) }.count
        return MemberMonth(attended: attended, meetings: meetings.count, confirmed: contributions.confirmed, pending: contributions.pending)
    }
}
