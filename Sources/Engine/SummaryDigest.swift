import Foundation
import SMSText
import TrustCore

/// One network's line in an articulador's weekly digest.
public struct DigestEntry: Sendable, Equatable {
    /// The network's report for the digest period.
    public var report: IndicatorReport
    /// The change against the period before.
    public var trend: Trend
    /// Alerts the network raises (`Alerts.evaluate`); any alert marks the line with `!`.
    public var alerts: [Alert]

    /// - Parameters:
    ///   - report: the period's report.
    ///   - trend: the change against the previous period.
    ///   - alerts: alerts raised.
    public init(report: IndicatorReport, trend: Trend, alerts: [Alert]) {
        self.report = report
        self.trend = trend
        self.alerts = alerts
    }

    /// Worst first: lowest index first, networks without an index after those with one, then by code.
    public static func worstFirst(_ lhs: DigestEntry, _ rhs: DigestEntry) -> Bool {
        switch (lhs.report.index.value, rhs.report.index.value) {
        case (let left?, let right?) where left != right: left < right
        case (.some, .none): true
        case (.none, .some): false
        default: lhs.report.network.code < rhs.report.network.code
        }
    }
}

extension SummaryComposer {
    /// The articulador's digest: `Confianza, sus redes, semanas 44-47: 1 CUYES 38 ROJO -6!; 2 HUAMBO 74 VERDE +3. …`.
    ///
    /// Networks are listed worst first; lines that do not fit the budget are counted in a closing
    /// "and N more (send REDES)".
    /// - Parameters:
    ///   - entries: one entry per network, in any order.
    ///   - period: the digest's period.
    ///   - language: the articulador's language.
    public func digest(_ entries: [DigestEntry], period: Period, language: String) -> String {
        let sorted = entries.sorted(by: DigestEntry.worstFirst)
        let numbers = period.weekNumbers
        let weeks = numbers.count > 1 ? "\(numbers[0])-\(numbers[numbers.count - 1])" : "\(numbers.last ?? 0)"
        let head = render("digest.head", language, ["weeks": weeks])
        let items = sorted.enumerated().map { item($1, position: $0 + 1, language: language) }
        func text(showing count: Int) -> String {
            var body = head + " " + items.prefix(count).joined(separator: "; ") + "."
            if count < items.count {
                body += " " + render("digest.more", language, ["count": "\(items.count - count)"])
            }
            if sorted.prefix(count).contains(where: { !$0.alerts.isEmpty }) {
                body += " " + render("digest.alert_legend", language)
            }
            if let worst = sorted.first {
                body += " " + render("digest.detail", language, ["code": worst.report.network.code])
            }
            return body
        }
        var count = items.count
        while count > 1, !SMSComposer.fits(text(showing: count), segments: maxSegments) { count -= 1 }
        let result = text(showing: count)
        return SMSComposer.fits(result, segments: maxSegments)
            ? result : SMSComposer.truncate(result, toSegments: maxSegments)
    }

    /// `1 CUYES 38 ROJO -6!` or `2 FLORES sin indice`.
    private func item(_ entry: DigestEntry, position: Int, language: String) -> String {
        var line = "\(position) \(entry.report.network.code) "
        if let index = entry.report.index.rounded, let light = entry.report.index.light {
            line += "\(index) " + render("light.\(light.rawValue)", language)
            if let delta = entry.trend.indexDelta { line += " " + signed(delta) }
        } else {
            line += render("digest.no_index", language)
        }
        return entry.alerts.isEmpty ? line : line + "!"
    }
}
