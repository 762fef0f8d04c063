import Foundation
import Logging
import TrustCore

/// An articulador's phone with the networks they follow, in network-id order.
struct Follower {
    let phone: String
    let language: String
    let networks: [Network]

    /// The network whose time zone decides when the digest is due (the first one followed).
    var home: Network { networks[0] }
}

extension Summaries {
    /// One digest per articulador phone for the week: claimed under (0, week, phone) together with its outbox row.
    /// - Parameters:
    ///   - store: the database.
    ///   - week: the last reported week; nil for the articulador's last complete (gated: last due) week.
    ///   - now: the current instant.
    ///   - gated: apply the weekly slot and the catch-up limit (the scheduler) or not (on demand).
    func digests(store: any Store, week: ISOWeek?, now: Date, gated: Bool) async throws -> SummaryRunResult {
        var result = SummaryRunResult()
        for follower in try await store.read({ tx in try await Self.followers(tx) }) {
            let zone = follower.home.zone
            let current = ISOWeek(containing: LocalDate(now, in: zone))
            let target: ISOWeek
            var late = false
            if let week {
                target = week
            } else if gated {
                let due = SchedulerCalendar.latestDue(at: now, in: zone, settings: schedule)
                late = now.timeIntervalSince(due.dueAt) > schedule.catchUpLimit
                target = due.week
            } else {
                target = current.previous
            }
            guard target < current else {
                result.incomplete += 1
                continue
            }
            result.add(
                await isolated("digest") {
                    try await digest(for: follower, week: target, store: store, now: now, late: late)
                })
        }
        return result
    }

    private func digest(
        for follower: Follower, week: ISOWeek, store: any Store, now: Date, late: Bool
    ) async throws -> SummaryRunResult {
        let period = period(endingWith: week)
        let result = try await store.transaction { tx in
            var result = SummaryRunResult()
            if late {
                // As for summaries: a digest never sent is marked skipped once; its own key stays free.
                if try await Self.isUnclaimed(
                    tx, networkID: Self.digestNetworkID, week: week.label, recipient: follower.phone, at: now),
                    try await tx.claimSummary(
                        networkID: Self.digestNetworkID, week: "late:\(week.label)", recipient: follower.phone, at: now)
                {
                    result.late = ["digest \(week.label)"]
                }
                return result
            }
            guard
                try await tx.claimSummary(
                    networkID: Self.digestNetworkID, week: week.label, recipient: follower.phone, at: now)
            else {
                result.alreadySent = 1
                return result
            }
            var entries: [DigestEntry] = []
            for network in follower.networks {
                entries.append(try await Self.digestEntry(tx, network: network, period: period, settings: indicators))
            }
            let text = composer.digest(entries, period: period, language: follower.language)
            let outbox = ScheduledOutbox(
                tx: tx, schedule: schedule, gateway: gateway, zone: follower.home.zone, now: now)
            if try await outbox.send(to: follower.phone, text: text, kind: OutboxKind.digest, networkID: nil) {
                result.digests = 1
            } else {
                result.capped = 1
            }
            return result
        }
        if !result.late.isEmpty {
            logger.warning(
                "articulador digest past the catch-up limit, skipped", metadata: [LogKey.summaryWeek: "\(week.label)"])
        }
        return result
    }

    /// A network's digest line: report and trend from `Reports.reportWithTrend`, alerts read at the period's end.
    static func digestEntry(
        _ tx: any StoreTransaction, network: Network, period: Period, settings: IndicatorSettings
    ) async throws -> DigestEntry {
        let (current, previous, trend) = try await Reports.reportWithTrend(
            tx, networkID: network.id, period: period, settings: settings)
        let records = try await tx.records(
            networkID: network.id, since: period.previous.start.adding(days: -Reports.lookbackDays))
        let alerts = Alerts.evaluate(
            current: current, previous: previous, lastActivity: records.lastActivity(asOf: period.lastDay),
            today: period.end,
            settings: settings)
        return DigestEntry(report: current, trend: trend, alerts: alerts)
    }

    /// Every articulador phone that follows at least one network and has not opted out.
    static func followers(_ tx: any StoreTransaction) async throws -> [Follower] {
        var rows: [String: [(member: Member, network: Network)]] = [:]
        for network in try await tx.networks() {
            for member in try await tx.members(networkID: network.id) where member.role == .articulador && member.active
            {
                guard let phone = member.phone else { continue }
                rows[phone, default: []].append((member, network))
            }
        }
        return rows.keys.sorted().compactMap { phone in
            guard let list = rows[phone]?.sorted(by: { $0.network.id < $1.network.id }), let first = list.first,
                !list.contains(where: { $0.member.optedOut })
            else { return nil }
            return Follower(phone: phone, language: first.member.language, networks: list.map(\.network))
        }
    }
}
