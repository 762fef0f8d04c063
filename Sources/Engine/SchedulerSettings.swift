import Foundation

/// A wall-clock time of day (`08:00`), read in each network's own time zone.
public struct DayTime: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// 0–23.
    public var hour: Int
    /// 0–59.
    public var minute: Int

    /// - Parameters:
    ///   - hour: 0–23 (checked by `ScheduleSettings.problem`).
    ///   - minute: 0–59.
    public init(hour: Int, minute: Int = 0) {
        self.hour = hour
        self.minute = minute
    }

    /// Parses `8:00`, `08:00` or `20:30`; nil for anything else.
    /// - Parameter text: `H:MM` or `HH:MM`, 24-hour clock.
    public init?(parsing text: String) {
        let parts = text.trimmingCharacters(in: .whitespaces).split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, (1...2).contains(parts[0].count), parts[1].count == 2,
            parts.allSatisfy({ $0.allSatisfy { ("0"..."9").contains($0) } }), let hour = Int(parts[0]),
            let minute = Int(parts[1]),
            (0...23).contains(hour), (0...59).contains(minute)
        else { return nil }
        self.init(hour: hour, minute: minute)
    }

    /// Minutes since midnight.
    public var minutes: Int { hour * 60 + minute }

    /// Whether hour and minute name a real time of day.
    public var isValid: Bool { (0...23).contains(hour) && (0...59).contains(minute) }

    /// `08:00`.
    public var description: String { "\(hour < 10 ? "0" : "")\(hour):\(minute < 10 ? "0" : "")\(minute)" }

    public static func < (lhs: DayTime, rhs: DayTime) -> Bool { lhs.minutes < rhs.minutes }
}

/// When automatic messages go out (config `schedule.*`): the weekly summary slot, how late a missed
/// summary may still be sent, quiet hours, the weekly cap per person, and the reminder timings.
public struct ScheduleSettings: Sendable, Equatable {
    /// ISO weekday of the weekly summary, 1 = Monday … 7 = Sunday (1).
    public var weekday: Int
    /// Local time of the weekly summary (08:00).
    public var time: DayTime
    /// A summary missed by more than this (server down) is skipped and logged, not sent (3 days).
    public var catchUpLimit: TimeInterval
    /// Quiet hours start (20:00): automatic messages created from then on wait until `quietUntil`.
    public var quietFrom: DayTime
    /// Quiet hours end (07:00). Equal to `quietFrom` means no quiet hours.
    public var quietUntil: DayTime
    /// Most automatic messages (prompts, summaries, digests, nudges, notices) one phone gets per ISO week; 0 = no cap (5).
    public var weeklyCap: Int
    /// Pause between scheduler rounds (60 s).
    public var tick: TimeInterval
    /// An attendance prompt unanswered this long gets its one nudge (24 h).
    public var nudgeAfter: TimeInterval
    /// Prompts older than this are no longer answerable, so they are not nudged (72 h, like `conversation.prompt_lifetime`).
    public var promptLifetime: TimeInterval
    /// Send articuladores their weekly digest (true).
    public var digests: Bool
    /// Send nudges and the leader's "still missing" notice (true).
    public var reminders: Bool

    /// Every setting at its documented default.
    public static let defaults = ScheduleSettings()

    /// - Parameters:
    ///   - weekday: ISO weekday of the summary (1 = Monday).
    ///   - time: local time of the summary.
    ///   - catchUpLimit: seconds a missed summary may still be sent.
    ///   - quietFrom: quiet hours start.
    ///   - quietUntil: quiet hours end.
    ///   - weeklyCap: automatic messages per phone and week (0 = no cap).
    ///   - tick: seconds between rounds.
    ///   - nudgeAfter: seconds before an unanswered prompt is nudged.
    ///   - promptLifetime: seconds a prompt stays answerable.
    ///   - digests: send articulador digests.
    ///   - reminders: send nudges and leader notices.
    public init(
        weekday: Int = 1, time: DayTime = DayTime(hour: 8), catchUpLimit: TimeInterval = 3 * 86_400,
        quietFrom: DayTime = DayTime(hour: 20), quietUntil: DayTime = DayTime(hour: 7), weeklyCap: Int = 5,
        tick: TimeInterval = 60, nudgeAfter: TimeInterval = 24 * 3600, promptLifetime: TimeInterval = 72 * 3600,
        digests: Bool = true, reminders: Bool = true
    ) {
        self.weekday = weekday
        self.time = time
        self.catchUpLimit = catchUpLimit
        self.quietFrom = quietFrom
        self.quietUntil = quietUntil
        self.weeklyCap = weeklyCap
        self.tick = tick
        self.nudgeAfter = nudgeAfter
        self.promptLifetime = promptLifetime
        self.digests = digests
        self.reminders = reminders
    }

    /// Describes the first out-of-range value, or nil when all are valid (the CLI refuses to start otherwise).
    public var problem: String? {
        if !(1...7).contains(weekday) { return "schedule.weekday must be 1 (Monday) to 7 (Sunday)" }
        if !time.isValid { return "schedule.time must be HH:MM" }
        if !(catchUpLimit >= 0) { return "schedule.catch_up_hours must be 0 or more" }
        if !quietFrom.isValid || !quietUntil.isValid { return "schedule.quiet_from and quiet_until must be HH:MM" }
        if weeklyCap < 0 { return "schedule.weekly_cap must be 0 (no cap) or more" }
        if !(tick >= 1) { return "schedule.tick_seconds must be at least 1" }
        if !(nudgeAfter > 0) { return "schedule.nudge_after_hours must be above 0" }
        if !(promptLifetime > nudgeAfter) {
            return "schedule.prompt_lifetime_hours must be longer than nudge_after_hours"
        }
        return nil
    }
}

/// The `kind` labels of outbox rows the scheduler writes or reads.
public enum OutboxKind {
    /// Attendance and rating prompts (written by the conversation side; nudges look for them).
    public static let prompt = "prompt"
    /// A leader's weekly summary.
    public static let summary = "summary"
    /// An articulador's weekly digest.
    public static let digest = "digest"
    /// The one reminder for an unanswered prompt.
    public static let nudge = "nudge"
    /// The leader's "still missing" notice.
    public static let notice = "notice"
    /// Every kind that counts toward `ScheduleSettings.weeklyCap` (replies and forwarded questions do not).
    public static let automatic = [prompt, summary, digest, nudge, notice]
}
