import Conversation
import Foundation
import SMSText
import TrustCore

/// What one weekly summary is about: the report of the last complete weeks (from
/// `Reports.reportWithTrend`, the one code path for numbers), its trend, and the money behind E1.
public struct SummaryFacts: Sendable, Equatable {
    /// The report of the summary's period.
    public var report: IndicatorReport
    /// The change against the period before.
    public var trend: Trend
    /// Contributions reported in the period and confirmed by the tesorero.
    public var fund: Money

    /// - Parameters:
    ///   - report: the period's report.
    ///   - trend: the change against the previous period.
    ///   - fund: confirmed contributions of the period.
    public init(report: IndicatorReport, trend: Trend, fund: Money) {
        self.report = report
        self.trend = trend
        self.fund = fund
    }
}

/// Writes the weekly summary and the articulador digest from plain values, in the recipient's
/// language, within the segment budget. Pure: no store, no clock.
public struct SummaryComposer: Sendable {
    /// Message templates (`summary.*`, `digest.*`, `advice.*`, and the shared `light.*` and `stage.*`).
    public var book: MessageBook
    /// Indicator settings (the minimum coverage for an index).
    public var settings: IndicatorSettings
    /// Most GSM-7 segments a summary or digest may take (2).
    public var maxSegments: Int

    /// - Parameters:
    ///   - book: message catalogs.
    ///   - settings: indicator settings the reports were computed with.
    ///   - maxSegments: the segment budget.
    public init(book: MessageBook, settings: IndicatorSettings = .defaults, maxSegments: Int = 2) {
        self.book = book
        self.settings = settings
        self.maxSegments = maxSegments
    }

    /// The weekly summary text, e.g. `Confianza Lacteos Huambocancha, semanas 44-47: indice 74 VERDE (+3). …`.
    ///
    /// Missing indicators read "sin datos"; below the minimum coverage the index gives way to the
    /// list of data to send. The advice is dropped if the text would exceed the budget, and as a last
    /// resort (templates edited too long) the text is cut to fit.
    /// - Parameters:
    ///   - facts: report, trend and fund.
    ///   - language: the recipient's language.
    public func summary(_ facts: SummaryFacts, language: String) -> String {
        let report = facts.report
        var parts = [head(report.period, network: Truncate.network(report.network.name), language: language)]
        let hasIndex = report.index.rounded != nil
        if let index = report.index.rounded, let light = report.index.light {
            let values = ["index": "\(index)", "light": render("light.\(light.rawValue)", language)]
            if let delta = facts.trend.indexDelta {
                parts.append(render("summary.index", language, values.merging(["delta": signed(delta)]) { $1 }))
            } else {
                parts.append(render("summary.index_first", language, values))
            }
        } else {
            parts.append(
                render(
                    "summary.no_index", language,
                    [
                        "coverage": "\(report.index.coverage)", "minimum": "\(settings.minimumCoverage)",
                        "missing": missingData(report.index.missing, language: language),
                    ]))
        }
        // Without an index the missing list already names what has no data; repeat only what has.
        parts += indicatorLines(facts, language: language).filter { hasIndex || $0.hasData }.map(\.text)
        parts.append(
            render("summary.stage", language, ["stage": render("stage.\(report.stage.rawValue)", language)]))
        let body = parts.joined(separator: " ")
        if let weakest = Advice.weakest(report: report) {
            let advice = render(
                "summary.advice", language, ["advice": render("advice.\(weakest.code.lowercased())", language)])
            let full = body + " " + advice
            if SMSComposer.fits(full, segments: maxSegments) { return full }
        }
        return SMSComposer.fits(body, segments: maxSegments)
            ? body : SMSComposer.truncate(body, toSegments: maxSegments)
    }

    /// `Confianza <red>, semanas 44-47:` (or `semana 47:` for a one-week period).
    func head(_ period: Period, network: String, language: String) -> String {
        let numbers = period.weekNumbers
        guard let first = numbers.first, let last = numbers.last else {
            return render("summary.head_week", language, ["network": network, "week": period.label])
        }
        if numbers.count == 1 { return render("summary.head_week", language, ["network": network, "week": "\(last)"]) }
        return render("summary.head", language, ["network": network, "weeks": "\(first)-\(last)"])
    }

    /// Attendance (S2), contributions (E1), satisfaction (Q1) and events (S1), each with data or a "no data" line.
    private func indicatorLines(_ facts: SummaryFacts, language: String) -> [(text: String, hasData: Bool)] {
        let report = facts.report
        var lines: [(String, Bool)] = []
        let s2 = report[.s2]
        if let regular = s2.numerator, let members = s2.denominator {
            lines.append(
                (render("summary.attendance", language, ["regular": whole(regular), "members": whole(members)]), true))
        } else {
            lines.append((render("summary.attendance_none", language), false))
        }
        if let growth = report[.e1].value {
            let change = signed(Int((growth * 100).rounded())) + "%"
            lines.append((render("summary.fund", language, ["amount": facts.fund.compact, "change": change]), true))
        } else if facts.fund.cents > 0 {
            lines.append((render("summary.fund_first", language, ["amount": facts.fund.compact]), true))
        } else {
            lines.append((render("summary.fund_none", language), false))
        }
        if let mean = report[.q1].value {
            lines.append((render("summary.satisfaction", language, ["score": String(format: "%.1f", mean)]), true))
        } else {
            lines.append((render("summary.satisfaction_none", language), false))
        }
        let s1 = report[.s1]
        if let held = s1.numerator, let planned = s1.denominator {
            lines.append((render("summary.events", language, ["held": whole(held), "planned": whole(planned)]), true))
        } else {
            lines.append((render("summary.events_none", language), false))
        }
        return lines
    }

    /// The data to send for the missing indicators, in plain words, each named once.
    func missingData(_ missing: [IndicatorID], language: String) -> String {
        var sources: [String] = []
        for id in missing {
            let source: String
            switch id {
            case .s1: source = "events"
            case .s2, .s3, .q3: source = "meetings"
            case .q1, .q2, .q4: source = "ratings"
            case .q5, .e3, .e4: source = "expert"
            case .e1: source = "fund"
            case .e2: source = "projects"
            }
            if !sources.contains(source) { sources.append(source) }
        }
        return sources.map { render("summary.missing.\($0)", language) }.joined(separator: ", ")
    }

    func render(_ key: String, _ language: String, _ values: [String: String] = [:]) -> String {
        book.render(key, language: language, values)
    }

    /// `+3`, `-6`, `+0`.
    func signed(_ value: Int) -> String { value < 0 ? "\(value)" : "+\(value)" }

    private func whole(_ value: Double) -> String { "\(Int(value.rounded()))" }
}
