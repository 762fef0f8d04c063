import Foundation
import TrustCore

/// Text and JSON forms of an indicator report, shared by the CLI, the API and the CSV export so
/// that every number comes from one computation.
public enum ReportRendering {
    /// The JSON document of one report (API and `indicators --format json`).
    public struct Document: Codable, Sendable {
        public var network: String
        public var name: String
        public var period: String
        public var index: Int?
        public var light: String?
        public var coverage: Int
        public var stage: String
        public var trend: Int?
        public var indicators: [Indicator]
    }

    /// One indicator in the JSON document.
    public struct Indicator: Codable, Sendable {
        public var id: String
        public var name: String
        public var value: Double?
        public var numerator: Double?
        public var denominator: Double?
        public var dataPoints: Int
        public var missing: Bool
        public var normalized: Double?
        public var women: Double?
        public var men: Double?
    }

    /// The document for a report and its trend.
    /// - Parameters:
    ///   - report: the report.
    ///   - trend: change against the previous period.
    public static func document(_ report: IndicatorReport, trend: Trend?) -> Document {
        Document(
            network: report.network.code, name: report.network.name, period: report.period.label, index: report.index.rounded,
            light: report.index.light?.rawValue, coverage: report.index.coverage, stage: report.stage.rawValue, trend: trend?.indexDelta,
            indicators: IndicatorID.allCases.map { id in
                let result = report.results[id] ?? .missing(id)
                return Indicator(
                    id: id.code, name: id.englishName, value: result.value.map(round3), numerator: result.numerator,
                    denominator: result.denominator, dataPoints: result.dataPoints, missing: result.isMissing,
                    normalized: report.index.normalized[id].map(round3), women: result.byGender[.female]?.value.map(round3),
                    men: result.byGender[.male]?.value.map(round3))
            })
    }

    /// Pretty JSON of one report.
    public static func json(_ report: IndicatorReport, trend: Trend?) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return String(decoding: try encoder.encode(document(report, trend: trend)), as: UTF8.self)
    }

    /// A plain-text table for the terminal.
    public static func text(_ report: IndicatorReport, trend: Trend?) -> String {
        var lines: [String] = []
        let index = report.index.rounded.map { "\($0) \(report.index.light?.rawValue.uppercased() ?? "")" } ?? "not shown (too little data)"
        let change = trend?.indexDelta.map { $0 >= 0 ? " (+\($0))" : " (\($0))" } ?? ""
        lines.append("\(report.network.code) \(report.network.name) — \(report.period.label)")
        lines.append("trust index: \(index)\(change); coverage \(report.index.coverage) of 12; stage \(report.stage.rawValue)")
        for id in IndicatorID.allCases {
            let result = report.results[id] ?? .missing(id)
            let value: String
            if let v = result.value {
                let fraction = result.numerator.flatMap { n in result.denominator.map { " = \(format(n))/\(format($0))" } } ?? ""
                value = "\(format(v))\(fraction)"
            } else {
                value = "missing"
            }
            var line = "  \(id.code.padding(toLength: 3, withPad: " ", startingAt: 0)) \(id.englishName.padding(toLength: 42, withPad: " ", startingAt: 0)) \(value)  [\(result.dataPoints) data points]"
            if let women = result.byGender[.female]?.value { line += "  women \(format(women))" }
            if let men = result.byGender[.male]?.value { line += "  men \(format(men))" }
            lines.append(line)
        }
        return lines.joined(separator: "\n")
    }

    static func round3(_ x: Double) -> Double { (x * 1000).rounded() / 1000 }

    static func format(_ x: Double) -> String {
        x == x.rounded() && abs(x) < 1e9 ? String(Int(x)) : String(format: "%.3f", x)
    }
}
