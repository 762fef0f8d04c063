import Conversation
import Foundation
import Logging
import Metrics
import TrustCore

/// What one summaries run did.
public struct SummaryRunResult: Sendable, Equatable {
    /// Leader summaries put in the outbox.
    public var enqueued: Int
    /// Articulador digests put in the outbox.
    public var digests: Int
    /// Recipients whose key was already claimed: sent before, by this or another instance.
    public var alreadySent: Int
    /// Summaries and digests found missed by more than the catch-up limit, never sent and now marked
    /// skipped (`HUAMBO 2026-W47`, `digest 2026-W47`); each is reported by one run only.
    public var late: [String]
    /// Recipients over the weekly cap of automatic messages (their key is claimed, nothing is sent).
    public var capped: Int
    /// Networks skipped because the requested week is not over yet in their time zone.
    public var incomplete: Int
    /// Networks (by code) and digests (`digest`) whose unit of work failed and was rolled back; retried next round.
    public var failed: [String]

    /// - Parameters:
    ///   - enqueued: summaries enqueued.
    ///   - digests: digests enqueued.
    ///   - alreadySent: keys already claimed.
    ///   - late: what was too late.
    ///   - capped: recipients over the cap.
    ///   - incomplete: networks whose week is not over.
    ///   - failed: what failed.
    public init(
        enqueued: Int = 0, digests: Int = 0, alreadySent: Int = 0, late: [String] = [], capped: Int = 0,
        incomplete: Int = 0,
        failed: [String] = []
    ) {
        self.enqueued = enqueued
        self.digests = digests
        self.alreadySent = alreadySent
        self.late = late
        self.capped = capped
        self.incomplete = incomplete
        self.failed = failed
    }

    /// Everything not sent for a reason other than "already sent".
    public var skipped: Int { late.count + capped + incomplete }

    /// Adds another run's counts to these.
    mutating func add(_ other: SummaryRunResult) {
        enqueued += other.enqueued
        digests += other.digests
        alreadySent += other.alreadySent
        late += other.late
        capped += other.capped
        incomplete += other.incomplete
        failed += other.failed
    }
}

/// Weekly summaries for leaders and digests for articuladores, exactly once per (network, week,
/// recipient): the key is claimed in the same transaction that writes the outbox row, so a crash,
/// a restart or a second instance can neither double nor lose a summary. Used by `SchedulerService`
/// and by `confianza summaries run`.
public struct Summaries: Sendable {
    /// Writes the texts.
    public var composer: SummaryComposer
    /// Slot, catch-up limit, quiet hours and cap.
    public var schedule: ScheduleSettings
    /// Gateway of the outbox rows.
    public var gateway: String
    /// Where runs are logged (no phone numbers).
    public var logger: Logger

    /// Network id of the digest key: a digest covers all of an articulador's networks, so its key is
    /// (0, week, phone), apart from every network's own keys.
    public static let digestNetworkID: RowID = 0

    /// - Parameters:
    ///   - book: message catalogs.
    ///   - indicators: indicator settings (`indicators.*`).
    ///   - schedule: schedule settings (`schedule.*`).
    ///   - gateway: the outbox gateway.
    ///   - logger: logger; a no-op by default.
    public init(
        book: MessageBook, indicators: IndicatorSettings = .defaults, schedule: ScheduleSettings = .defaults,
        gateway: String = "console",
        logger: Logger = Logger(label: "confianza.summaries", factory: { _ in SwiftLogNoOpLogHandler() })
    ) {
        self.composer = SummaryComposer(book: book, settings: indicators)
        self.schedule = schedule
        self.gateway = gateway
        self.logger = logger
    }

    /// Indicator settings the reports are computed with.
    public var indicators: IndicatorSettings { composer.settings }

    /// The scheduler's round: every summary and digest whose slot has passed and is not older than
    /// the catch-up limit (a server down from Sunday to Tuesday sends Monday's on start).
    /// - Parameters:
    ///   - store: the database.
    ///   - now: the current instant.
    public func runDue(store: any Store, now: Date) async throws -> SummaryRunResult {
        var result = SummaryRunResult()
        for network in try await store.read({ tx in try await tx.networks() }) {
            let due = SchedulerCalendar.latestDue(at: now, in: network.zone, settings: schedule)
            let late = now.timeIntervalSince(due.dueAt) > schedule.catchUpLimit
            result.add(
                await isolated(network.code) {
                    try await summarize(network, week: due.week, store: store, now: now, late: late)
                })
        }
        if schedule.digests { result.add(try await digests(store: store, week: nil, now: now, gated: true)) }
        record(result)
        return result
    }

    /// On demand (`confianza summaries run [--week 2026-W48]`): the summaries and digests reporting
    /// on `week` (nil: each network's last complete week), whatever the schedule says. Idempotent:
    /// what was sent before is counted in `alreadySent`.
    /// - Parameters:
    ///   - store: the database.
    ///   - week: the last week the summaries report on; must be over in the network's time zone.
    ///   - now: the current instant.
    public func run(store: any Store, week: ISOWeek?, now: Date) async throws -> SummaryRunResult {
        var result = SummaryRunResult()
        for network in try await store.read({ tx in try await tx.networks() }) {
            let current = ISOWeek(containing: LocalDate(now, in: network.zone))
            let target = week ?? current.previous
            guard target < current else {
                result.incomplete += 1
                continue
            }
            result.add(
                await isolated(network.code) { try await summarize(network, week: target, store: store, now: now) })
        }
        if schedule.digests { result.add(try await digests(store: store, week: week, now: now, gated: false)) }
        record(result)
        return result
    }

    /// The period a summary reporting on `week` covers: `summaryWeeks` weeks ending with it.
    /// - Parameter week: the last reported week.
    public func period(endingWith week: ISOWeek) -> Period {
        let count = max(1, indicators.summaryWeeks)
        return Period.weeks(from: week.adding(weeks: -(count - 1)), through: week) ?? .week(week)
    }

    /// One network's leader summaries for `week`, in one transaction: claim each leader's key, and
    /// only for the keys won compute the report and write the outbox rows. When `late`, nothing is
    /// sent: a summary never sent is marked skipped (under `late:<week>`, so the warning is logged once
    /// across restarts and instances) and its own key stays free for an explicit `summaries run --week`.
    private func summarize(
        _ network: Network, week: ISOWeek, store: any Store, now: Date, late: Bool = false
    ) async throws -> SummaryRunResult {
        let period = period(endingWith: week)
        let result = try await store.transaction { tx in
            var result = SummaryRunResult()
            let leaders = try await tx.members(networkID: network.id).filter {
                $0.role.isLeader && $0.active && !$0.optedOut
            }
            if late {
                for leader in leaders {
                    guard let phone = leader.phone,
                        try await Self.isUnclaimed(
                            tx, networkID: network.id, week: week.label, recipient: phone, at: now),
                        try await tx.claimSummary(
                            networkID: network.id, week: "late:\(week.label)", recipient: phone, at: now)
                    else { continue }
                    if result.late.isEmpty { result.late.append("\(network.code) \(week.label)") }
                }
                return result
            }
            var won: [(member: Member, phone: String)] = []
            for leader in leaders {
                guard let phone = leader.phone else { continue }
                if try await tx.claimSummary(networkID: network.id, week: week.label, recipient: phone, at: now) {
                    won.append((leader, phone))
                } else {
                    result.alreadySent += 1
                }
            }
            guard !won.isEmpty else { return result }
            let facts = try await Self.facts(tx, network: network, period: period, settings: indicators)
            let outbox = ScheduledOutbox(tx: tx, schedule: schedule, gateway: gateway, zone: network.zone, now: now)
            for (leader, phone) in won {
                let text = composer.summary(facts, language: leader.language)
                if try await outbox.send(to: phone, text: text, kind: OutboxKind.summary, networkID: network.id) {
                    result.enqueued += 1
                } else {
                    result.capped += 1
                }
            }
            return result
        }
        if !result.late.isEmpty {
            logger.warning(
                "weekly summary past the catch-up limit, skipped",
                metadata: [
                    LogKey.networkCode: "\(network.code)", LogKey.summaryWeek: "\(week.label)",
                ])
        }
        if result.enqueued + result.capped > 0 {
            logger.info(
                "weekly summary enqueued",
                metadata: [
                    LogKey.networkCode: "\(network.code)", LogKey.summaryWeek: "\(week.label)",
                    LogKey.summaryCount: "\(result.enqueued)", LogKey.summaryCapped: "\(result.capped)",
                ])
        }
        return result
    }

    /// Report, trend and confirmed fund of a network's period, through `Reports.reportWithTrend`.
    /// - Parameters:
    ///   - tx: an open unit of work.
    ///   - network: the network.
    ///   - period: the summary period.
    ///   - settings: indicator settings.
    public static func facts(
        _ tx: any StoreTransaction, network: Network, period: Period, settings: IndicatorSettings
    ) async throws -> SummaryFacts {
        let (current, _, trend) = try await Reports.reportWithTrend(
            tx, networkID: network.id, period: period, settings: settings)
        let records = try await tx.records(networkID: network.id, since: period.start)
        let fund = records.contributions.filter { $0.status == .confirmed && period.contains($0.reportedOn) }.map(
            \.amount
        ).sum()
        return SummaryFacts(report: current, trend: trend, fund: fund)
    }

    /// Runs one network's (or one digest's) unit of work; a failure is logged and counted, so that one
    /// broken network never holds back the others (nothing of the failed unit was committed).
    func isolated(_ label: String, _ work: () async throws -> SummaryRunResult) async -> SummaryRunResult {
        do {
            return try await work()
        } catch {
            logger.error(
                "summary unit failed",
                metadata: [
                    LogKey.summaryUnit: "\(label)", LogKey.error: "\(String(describing: type(of: error)))",
                ])
            return SummaryRunResult(failed: [label])
        }
    }

    /// Whether a key is still free, without taking it: the claim is tried inside a savepoint that is rolled back.
    static func isUnclaimed(_ tx: any StoreTransaction, networkID: RowID, week: String, recipient: String, at: Date)
        async throws -> Bool
    {
        struct Probe: Error { let free: Bool }
        do {
            try await tx.savepoint { () async throws -> Void in
                throw Probe(
                    free: try await tx.claimSummary(networkID: networkID, week: week, recipient: recipient, at: at))
            }
        } catch let probe as Probe {
            return probe.free
        }
        return false
    }

    private func record(_ result: SummaryRunResult) {
        for (outcome, count) in [
            ("sent", result.enqueued), ("digest", result.digests), ("late", result.late.count),
            ("capped", result.capped),
            ("failed", result.failed.count),
        ] where count > 0 {
            Counter(label: "confianza_summaries_total", dimensions: [("result", outcome)]).increment(by: count)
        }
    }
}

/// Writes automatic messages inside a unit of work: quiet hours become `notBefore`, and the
/// per-phone weekly cap is checked against the outbox in the same transaction.
struct ScheduledOutbox {
    let tx: any StoreTransaction
    let schedule: ScheduleSettings
    let gateway: String
    let zone: TimeZone
    let now: Date

    /// Enqueues `text`; false (nothing written) when the phone reached the weekly cap.
    func send(to phone: String, text: String, kind: String, networkID: RowID?) async throws -> Bool {
        if schedule.weeklyCap > 0 {
            let since = SchedulerCalendar.weekStart(now, in: zone)
            let sent = try await tx.outboxCount(to: phone, kinds: OutboxKind.automatic, since: since)
            guard sent < schedule.weeklyCap else { return false }
        }
        let composed = ComposedReply(composing: text)
        _ = try await tx.enqueue(
            NewOutbound(
                to: phone, text: composed.text, encoding: composed.encoding, segments: composed.segments,
                gateway: gateway,
                notBefore: SchedulerCalendar.notBefore(now, in: zone, settings: schedule), kind: kind,
                networkID: networkID,
                createdAt: now))
        return true
    }
}

extension LogKey {
    /// A network's short code.
    public static let networkCode = "confianza.network.code"
    /// The last week a summary reports on.
    public static let summaryWeek = "confianza.summary.week"
    /// Summaries enqueued in one step.
    public static let summaryCount = "confianza.summary.count"
    /// Summaries held back by the weekly cap.
    public static let summaryCapped = "confianza.summary.capped"
    /// The network code (or `digest`) of a failed unit of work.
    public static let summaryUnit = "confianza.summary.unit"
}
