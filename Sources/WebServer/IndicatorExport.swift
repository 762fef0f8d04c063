import CSV
import Engine
import Foundation
import TrustCore

/// Indicators of every network for one period, as CSV (one row per network and period, UTF-8 with
/// a header, opens cleanly in a spreadsheet) or JSON.
public enum IndicatorExport {
    /// Reports of every network for `period`, by network code.
    public static func reports(store: any Store, period: Period, settings: IndicatorSettings) async throws -> [(IndicatorReport, Trend)] {
        try await store.read { tx in
            var rows: [(IndicatorReport, Trend)] = []
            for network in try await tx.networks() {
                let result = try await Reports.reportWithTrend(tx, networkID: network.id, period: period, settings: settings)
                rows.append((result.current, result.trend))
            }
            return rows
        }
    }

    /// The CSV text.
    public static func csv(_ reports: [(IndicatorReport, Trend)]) throws -> String {
        let stream = OutputStream(toMemory: ())
        let writer = try CSVWriter(stream: stream)
        var header = ["network", "name", "period", "index", "light", "coverage", "stage", "trend"]
        for id in IndicatorID.allCases { header += [id.code, "\(id.code)_numerator", "\(id.code)_denominator", "\(id.code)_data_points"] }
        header += ["S2_women", "S2_men", "Q3_women", "Q3_men"]
        try writer.write(row: header)
        for (report, trend) in reports {
            var row = [
                report.network.code, report.network.name, report.period.label, report.index.rounded.map(String.init) ?? "",
                report.index.light?.rawValue ?? "", String(report.index.coverage), report.stage.rawValue, trend.indexDelta.map(String.init) ?? "",
            ]
            for id in IndicatorID.allCases {
                let result = report.results[id] ?? .missing(id)
                row += [number(result.value), number(result.numerator), number(result.denominator), String(result.dataPoints)]
            }
            for id in [IndicatorID.s2, .q3] {
                let result = report.results[id]
                row += [number(result?.byGender[.female]?.value), number(result?.byGender[.male]?.value)]
            }
            try writer.write(row: row)
        }
        writer.stream.close()
        guard let data = stream.property(forKey: .dataWrittenToMemoryStreamKey) as? Data else { return "" }
        return String(decoding: data, as: UTF8.self)
    }

    /// The JSON text: an array of report documents.
    public static func json(_ reports: [(IndicatorReport, Trend)]) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let documents = reports.map { ReportRendering.document($0.0, trend: $0.1) }
        return String(decoding: try encoder.encode(documents), as: UTF8.self)
    }

    static func number(_ x: Double?) -> String {
        guard let x else { return "" }
        return ReportRendering.format(ReportRendering.round3(x))
    }
}
