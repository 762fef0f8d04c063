import Foundation
import TrustCore

/// The weekly summary a network owes at some instant: the last complete week it reports on and
/// when it fell due.
public struct DueSummary: Sendable, Equatable {
    /// The last week the summary reports on (the summary covers `summaryWeeks` weeks ending with it).
    public var week: ISOWeek
    /// The instant the summary fell due (the configured weekday and time of the following week, local).
    public var dueAt: Date

    /// - Parameters:
    ///   - week: the last reported week.
    ///   - dueAt: when it fell due.
    public init(week: ISOWeek, dueAt: Date) {
        self.week = week
        self.dueAt = dueAt
    }
}

/// Schedule arithmetic in a network's time zone: pure functions of an instant, so that tests need no clock.
public enum SchedulerCalendar {
    /// The most recent summary slot at or before `now`: the summary of the week before the slot's week.
    /// - Parameters:
    ///   - now: the current instant.
    ///   - zone: the network's time zone.
    ///   - settings: weekday and time of the slot.
    public static func latestDue(at now: Date, in zone: TimeZone, settings: ScheduleSettings) -> DueSummary {
        let thisWeek = ISOWeek(containing: LocalDate(now, in: zone))
        let slot = slotInstant(of: thisWeek, in: zone, settings: settings)
        if slot <= now { return DueSummary(week: thisWeek.previous, dueAt: slot) }
        let earlier = thisWeek.previous
        return DueSummary(week: earlier.previous, dueAt: slotInstant(of: earlier, in: zone, settings: settings))
    }

    /// The instant of the summary slot inside `week` (e.g. its Monday at 08:00 local).
    /// - Parameters:
    ///   - week: the week the slot lies in.
    ///   - zone: the time zone.
    ///   - settings: weekday and time.
    public static func slotInstant(of week: ISOWeek, in zone: TimeZone, settings: ScheduleSettings) -> Date {
        instant(on: week.monday.adding(days: min(7, max(1, settings.weekday)) - 1), at: settings.time, in: zone)
    }

    /// The earliest instant an automatic message created at `now` may be sent: `now`, or the end of quiet hours.
    /// - Parameters:
    ///   - now: creation time.
    ///   - zone: the recipient's network time zone.
    ///   - settings: quiet hours.
    public static func notBefore(_ now: Date, in zone: TimeZone, settings: ScheduleSettings) -> Date {
        let from = settings.quietFrom.minutes
        let until = settings.quietUntil.minutes
        guard from != until else { return now }
        let today = LocalDate(now, in: zone)
        let minute = minuteOfDay(now, in: zone)
        let quiet = from < until ? (minute >= from && minute < until) : (minute >= from || minute < until)
        guard quiet else { return now }
        let end = instant(on: today, at: settings.quietUntil, in: zone)
        return end > now ? end : instant(on: today.adding(days: 1), at: settings.quietUntil, in: zone)
    }

    /// The start of the ISO week containing `now` (Monday 00:00 local): the weekly cap counts from here.
    /// - Parameters:
    ///   - now: the current instant.
    ///   - zone: the time zone.
    public static func weekStart(_ now: Date, in zone: TimeZone) -> Date {
        ISOWeek(containing: LocalDate(now, in: zone)).monday.start(in: zone)
    }

    /// The instant of a local wall-clock time on a day (for a time skipped by a DST jump, the
    /// calendar's next valid instant).
    /// - Parameters:
    ///   - day: the local day.
    ///   - time: the local time.
    ///   - zone: the time zone.
    public static func instant(on day: LocalDate, at time: DayTime, in zone: TimeZone) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let components = DateComponents(
            year: day.year, month: day.month, day: day.day, hour: time.hour, minute: time.minute)
        return calendar.date(from: components)
            ?? day.start(in: zone).addingTimeInterval(TimeInterval(time.minutes * 60))
    }

    private static func minuteOfDay(_ now: Date, in zone: TimeZone) -> Int {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let parts = calendar.dateComponents([.hour, .minute], from: now)
        return (parts.hour ?? 0) * 60 + (parts.minute ?? 0)
    }
}
