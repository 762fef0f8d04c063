import Conversation
import Foundation
import Logging
import SMSText
import TrustCore

/// What one reminders round did.
public struct ReminderRunResult: Sendable, Equatable {
    /// Members sent their one nudge.
    public var nudged: Int
    /// Leaders told who is still missing.
    public var notices: Int
    /// Nudges or notices held back by the weekly cap (claimed, not sent).
    public var capped: Int
    /// Networks (by code) whose unit of work failed and was rolled back; retried next round.
    public var failed: [String]

    /// - Parameters:
    ///   - nudged: nudges enqueued.
    ///   - notices: leader notices enqueued.
    ///   - capped: held back by the cap.
    ///   - failed: networks that failed.
    public init(nudged: Int = 0, notices: Int = 0, capped: Int = 0, failed: [String] = []) {
        self.nudged = nudged
        self.notices = notices
        self.capped = capped
        self.failed = failed
    }
}

/// One nudge per member for an unanswered attendance prompt, and one notice to the leader with who
/// is still missing. A member is nudged when the latest meeting registered without a list is still
/// unanswered and an attendance prompt (`OutboxKind.prompt`) reached them after the meeting day
/// began, at least `nudgeAfter` ago and still within `promptLifetime`. Each nudge and notice is
/// claimed in the summary ledger (`nudge:m<meeting>`, `notice:m<meeting>`) in the same transaction
/// as its outbox row, so it goes out once across restarts and instances.
public struct Reminders: Sendable {
    /// Message templates (`reminder.*`, `meeting.*`, `weekday.*`).
    public var book: MessageBook
    /// Timings, quiet hours and cap.
    public var schedule: ScheduleSettings
    /// Gateway of the outbox rows.
    public var gateway: String
    /// Where rounds are logged (no phone numbers).
    public var logger: Logger

    /// - Parameters:
    ///   - book: message catalogs.
    ///   - schedule: schedule settings.
    ///   - gateway: the outbox gateway.
    ///   - logger: logger; a no-op by default.
    public init(
        book: MessageBook, schedule: ScheduleSettings = .defaults, gateway: String = "console",
        logger: Logger = Logger(label: "confianza.reminders", factory: { _ in SwiftLogNoOpLogHandler() })
    ) {
        self.book = book
        self.schedule = schedule
        self.gateway = gateway
        self.logger = logger
    }

    /// Sends the nudges and notices that are due at `now`, one transaction per network.
    /// - Parameters:
    ///   - store: the database.
    ///   - now: the current instant.
    public func runDue(store: any Store, now: Date) async throws -> ReminderRunResult {
        var total = ReminderRunResult()
        for network in try await store.read({ tx in try await tx.networks() }) {
            let result: ReminderRunResult
            do {
                result = try await store.transaction { tx in try await remind(tx, network: network, now: now) }
            } catch {
                // One broken network must not hold back the others; nothing of its unit was committed.
                logger.error(
                    "reminders unit failed",
                    metadata: [
                        LogKey.networkCode: "\(network.code)", LogKey.error: "\(String(describing: type(of: error)))",
                    ])
                total.failed.append(network.code)
                continue
            }
            if result.nudged + result.notices > 0 {
                logger.info(
                    "attendance reminders enqueued",
                    metadata: [
                        LogKey.networkCode: "\(network.code)", LogKey.reminderNudges: "\(result.nudged)",
                        LogKey.reminderNotices: "\(result.notices)",
                    ])
            }
            total.nudged += result.nudged
            total.notices += result.notices
            total.capped += result.capped
        }
        return total
    }

    private func remind(_ tx: any StoreTransaction, network: Network, now: Date) async throws -> ReminderRunResult {
        let zone = network.zone
        let today = LocalDate(now, in: zone)
        let windowDays = Int((schedule.promptLifetime / 86_400).rounded(.up)) + 1
        let records = try await tx.records(networkID: network.id, since: today.adding(days: -windowDays))
        let open = records.meetings.filter { !$0.hasList && $0.date <= today }
        guard !open.isEmpty else { return ReminderRunResult() }
        var answered: [RowID: Set<RowID>] = [:]
        for mark in records.attendance { answered[mark.meetingID, default: []].insert(mark.memberID) }
        func missing(_ meeting: Meeting) -> [Member] {
            records.members.filter { member in
                member.active && member.role.isMember && member.joinedOn <= meeting.date
                    && member.id != meeting.registeredBy
                    && answered[meeting.id]?.contains(member.id) != true
            }.sorted { $0.roster < $1.roster }
        }

        // Who is due a nudge, per meeting: the member's latest unanswered meeting, prompted long enough ago.
        var due: [RowID: [(member: Member, phone: String)]] = [:]
        for meeting in open {
            for member in missing(meeting) where !member.optedOut {
                guard let phone = member.phone,
                    latestOpen(for: member, in: open, answered: answered)?.id == meeting.id,
                    try await promptIsDue(tx, phone: phone, meeting: meeting, zone: zone, now: now)
                else { continue }
                due[meeting.id, default: []].append((member, phone))
            }
        }

        var result = ReminderRunResult()
        let outbox = ScheduledOutbox(tx: tx, schedule: schedule, gateway: gateway, zone: zone, now: now)
        for meeting in open.sorted(by: { $0.id < $1.id }) {
            guard let members = due[meeting.id] else { continue }
            for (member, phone) in members {
                guard
                    try await tx.claimSummary(
                        networkID: network.id, week: "nudge:m\(meeting.id)", recipient: phone, at: now)
                else { continue }
                if try await outbox.send(
                    to: phone, text: nudge(meeting, language: member.language), kind: OutboxKind.nudge,
                    networkID: network.id)
                {
                    result.nudged += 1
                } else {
                    result.capped += 1
                }
            }
            guard let leader = leader(of: meeting, in: records.members), let phone = leader.phone,
                try await tx.claimSummary(
                    networkID: network.id, week: "notice:m\(meeting.id)", recipient: phone, at: now)
            else { continue }
            let text = notice(meeting, missing: missing(meeting), language: leader.language)
            if try await outbox.send(to: phone, text: text, kind: OutboxKind.notice, networkID: network.id) {
                result.notices += 1
            } else {
                result.capped += 1
            }
        }
        return result
    }

    /// The meeting `ASISTI` would ask this member about: their latest unanswered one.
    private func latestOpen(for member: Member, in open: [Meeting], answered: [RowID: Set<RowID>]) -> Meeting? {
        open.filter { $0.date >= member.joinedOn && answered[$0.id]?.contains(member.id) != true }
            .max { ($0.date, $0.id) < ($1.date, $1.id) }
    }

    /// True when a prompt reached `phone` after the meeting day began, at least `nudgeAfter` ago, and is still answerable.
    private func promptIsDue(_ tx: any StoreTransaction, phone: String, meeting: Meeting, zone: TimeZone, now: Date)
        async throws -> Bool
    {
        let earliest = max(meeting.date.start(in: zone), now.addingTimeInterval(-schedule.promptLifetime))
        let latest = now.addingTimeInterval(-schedule.nudgeAfter)
        guard earliest <= latest else { return false }
        let kinds = [OutboxKind.prompt]
        let sinceEarliest = try await tx.outboxCount(to: phone, kinds: kinds, since: earliest)
        // Prompts newer than `latest`; one exactly `nudgeAfter` old is already due, hence the millisecond.
        let tooRecent = try await tx.outboxCount(to: phone, kinds: kinds, since: latest.addingTimeInterval(0.001))
        return sinceEarliest > tooRecent
    }

    /// Who hears about the missing answers: the leader who registered the meeting, else the presidente, else any leader.
    private func leader(of meeting: Meeting, in members: [Member]) -> Member? {
        let reachable = members.filter { $0.role.isLeader && $0.active && !$0.optedOut && $0.phone != nil }
        return reachable.first { $0.id == meeting.registeredBy }
            ?? reachable.first { $0.role == .presidente }
            ?? reachable.min { $0.roster < $1.roster }
    }

    /// The nudge: `Recordatorio: reunion ordinaria del sab 21/11, ¿asistio? Envie ASISTI para responder.`
    /// - Parameters:
    ///   - meeting: the unanswered meeting.
    ///   - language: the member's language.
    public func nudge(_ meeting: Meeting, language: String) -> String {
        book.render(
            "reminder.nudge", language: language,
            [
                "kind": book.render("meeting.\(meeting.kind.rawValue)", language: language),
                "weekday": book.render("weekday.\(meeting.date.isoWeekday)", language: language),
                "date": meeting.date.dayMonth,
            ])
    }

    /// The leader's notice: `Reunion del 21/11: faltan responder 3 socios: 3 Ana, 6 Luis, 8 Eva. …`, names
    /// dropped from the end (and counted in "y N mas") until it fits two segments.
    /// - Parameters:
    ///   - meeting: the meeting.
    ///   - missing: who has not answered, by roster number.
    ///   - language: the leader's language.
    public func notice(_ meeting: Meeting, missing: [Member], language: String) -> String {
        let names = missing.map { "\($0.roster) \(Truncate.name($0.firstName))" }
        func text(showing count: Int) -> String {
            var list = names.prefix(count).joined(separator: ", ")
            if count < names.count {
                list += " " + book.render("reminder.more", language: language, ["count": "\(names.count - count)"])
            }
            return book.render(
                "reminder.missing", language: language,
                [
                    "date": meeting.date.dayMonth, "count": "\(names.count)", "names": list,
                ])
        }
        var count = names.count
        while count > 0, !SMSComposer.fits(text(showing: count), segments: 2) { count -= 1 }
        return text(showing: count)
    }
}

extension LogKey {
    /// Nudges enqueued in one step.
    public static let reminderNudges = "confianza.reminder.nudges"
    /// Leader notices enqueued in one step.
    public static let reminderNotices = "confianza.reminder.notices"
}
