import Engine
import Foundation
import TrustCore

/// The values of one network's page: status card, the three charts, the indicator table, members with their
/// activity and the network's recent messages.
struct DashboardNetworkPage {
    let status: NetworkStatus
    let settings: IndicatorSettings
    let language: String
    let readsTexts: Bool

    var t: [String: String] { DashboardStrings.table(language) }

    /// Weeks shown in the index chart and counted in member activity.
    static let weeks = 12

    /// Loads what the page shows beyond the status: the index of each of the last weeks and the log.
    static func load(
        _ tx: any StoreTransaction, status: NetworkStatus, settings: IndicatorSettings
    ) async throws -> (series: [(ISOWeek, Double?)], log: [InboundRecord]) {
        guard let last = status.current.period.weeks.last else { return ([], []) }
        var series: [(ISOWeek, Double?)] = []
        for offset in stride(from: weeks - 1, through: 0, by: -1) {
            let week = last.adding(weeks: -offset)
            let window = Period.weeks(from: week.adding(weeks: -(max(1, settings.summaryWeeks) - 1)), through: week) ?? .week(week)
            let report = try await Reports.report(tx, networkID: status.network.id, period: window, settings: settings)
            series.append((week, report.index.value))
        }
        let phones = Array(Set(status.records.members.compactMap(\.phone))).sorted()
        let log = try await tx.messageLog().inboundLog(senders: phones, before: nil, limit: 2000)
        return (series, log)
    }

    func model(series: [(ISOWeek, Double?)], log: [InboundRecord]) -> [String: Any] {
        let report = status.current
        let light = report.index.light?.rawValue ?? "none"
        var model: [String: Any] = [
            "name": status.network.name, "code": status.network.code, "index": report.index.rounded.map(String.init) ?? "–",
            "light": light, "lightLabel": t["light_\(light)"] ?? light, "period": report.period.label,
            "stage": t["stage_\(report.stage.rawValue)"] ?? report.stage.rawValue, "coverage": report.index.coverage,
            "members": status.memberCount, "alerts": alertTexts(), "hasAlerts": !status.alerts.isEmpty,
            "indicators": indicatorRows(), "memberRows": memberRows(log: log),
        ]
        if let trend = DashboardFormat.trend(status.trend) {
            model["trend"] = trend
            model["trendClass"] = DashboardFormat.trendClass(status.trend)
        }
        model["indexChart"] = Charts.indexLine(
            series.map { Charts.Point(label: DashboardFormat.week($0.0, prefix: t["week_short"] ?? "W"), value: $0.1) },
            yellowFrom: settings.yellowFrom, greenFrom: settings.greenFrom, title: t["chart_index"] ?? "")
        model["indicatorChart"] = Charts.bars(indicatorBars(), title: t["chart_indicators"] ?? "", kind: "indicators")
        model["genderChart"] = Charts.bars(genderBars(), title: t["chart_gender"] ?? "", kind: "gender")
        return model
    }

    func alertTexts() -> [String] {
        status.alerts.map { alert in
            switch alert.kind {
            case .indexDrop(let points): (t["alert_index_drop"] ?? "").replacingOccurrences(of: "{n}", with: "\(points)")
            case .lowAttendance(let value, let floor):
                (t["alert_low_attendance"] ?? "").replacingOccurrences(of: "{value}", with: DashboardFormat.percent(value))
                    .replacingOccurrences(of: "{floor}", with: DashboardFormat.percent(floor))
            case .noReports(let weeks): (t["alert_no_reports"] ?? "").replacingOccurrences(of: "{n}", with: "\(weeks)")
            }
        }
    }

    func indicatorBars() -> [Charts.Bar] {
        IndicatorID.allCases.map { id in
            let result = status.current[id]
            let points = "\(result.dataPoints) \(t["data_points"] ?? "")"
            let note = DashboardFormat.value(result).map { "\($0) · \(points)" } ?? "\(t["missing"] ?? "") · \(points)"
            return Charts.Bar(label: "\(id.code) \(id.name(in: language))", fraction: status.current.index.normalized[id], note: note)
        }
    }

    func genderBars() -> [Charts.Bar] {
        var bars: [Charts.Bar] = []
        for id in [IndicatorID.s2, .q3] {
            let result = status.current[id]
            let parts: [(String, IndicatorResult?)] = [
                (t["women"] ?? "", result.byGender[.female]), (t["men"] ?? "", result.byGender[.male]), (t["all"] ?? "", result),
            ]
            for (who, part) in parts {
                let value = part?.value
                let count = part.flatMap { p in p.numerator.flatMap { n in p.denominator.map { " (\(Int(n))/\(Int($0)))" } } } ?? ""
                bars.append(Charts.Bar(
                    label: "\(id.code) \(id.name(in: language)) · \(who)", fraction: value,
                    note: value.map { DashboardFormat.percent($0) + count } ?? (t["missing"] ?? "")))
            }
        }
        return bars
    }

    func indicatorRows() -> [[String: Any]] {
        IndicatorID.allCases.map { id in
            let result = status.current[id]
            return [
                "code": id.code, "name": id.name(in: language), "value": DashboardFormat.value(result) ?? (t["missing"] ?? ""),
                "fraction": DashboardFormat.fraction(result), "dataPoints": result.dataPoints,
                "score": status.current.index.normalized[id].map(DashboardFormat.percent) ?? "–",
            ]
        }
    }

    /// Each roster row with what they did in the last weeks.
    func memberRows(log: [InboundRecord]) -> [[String: Any]] {
        let records = status.records
        guard let last = status.current.period.weeks.last,
            let window = Period.weeks(from: last.adding(weeks: -(Self.weeks - 1)), through: last)
        else { return [] }
        var lastSeen: [String: Date] = [:]
        for record in log where (lastSeen[record.from] ?? .distantPast) < record.receivedAt { lastSeen[record.from] = record.receivedAt }
        let meetings = records.meetings.filter { window.contains($0.date) }
        let listed = Dictionary(uniqueKeysWithValues: meetings.map { ($0.id, $0.hasList) })
        return records.members.sorted { $0.roster < $1.roster }.map { member in
            let expected = meetings.filter { $0.date >= member.joinedOn }
            let attended = records.attendance.filter { mark in
                guard mark.memberID == member.id, mark.present, let hasList = listed[mark.meetingID] else { return false }
                return !hasList || mark.source == .list
            }.count
            let mine = records.contributions.filter { $0.memberID == member.id && window.contains($0.reportedOn) }
            let pending = mine.filter { $0.status == .pending }.count
            let ratings = records.ratings.filter { $0.memberID == member.id && window.contains($0.ratedOn) }.count
            var row: [String: Any] = [
                "roster": member.roster, "name": member.name, "role": t["role_\(member.role.rawValue)"] ?? member.role.rawValue,
                "phone": member.phone.map(PhoneNumber.masked) ?? "",
                "attended": member.role.isMember ? "\(attended)/\(expected.count)" : "–",
                "contributed": mine.filter { $0.status == .confirmed }.map(\.amount).sum().compact,
                "pending": pending > 0 ? pending as Any : false, "ratings": ratings,
                "lastMessage": member.phone.flatMap { lastSeen[$0] }.map { DashboardFormat.shortTime($0, zone: status.network.zone) } ?? "",
                "optedOut": member.optedOut,
            ]
            if let gender = member.gender { row["gender"] = gender.rawValue }
            return row
        }
    }
}
