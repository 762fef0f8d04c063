import Foundation
import TrustCore

/// Turns a network's indicator status into template values, in one language. Shared by `REDES`, `ESTADO`,
/// `ALERTAS`, `RESUMEN` and the weekly summary, so that every SMS shows the same numbers the same way.
struct StatusFormatter {
    let book: MessageBook
    let language: String
    let settings: IndicatorSettings

    func render(_ key: String, _ values: [String: String] = [:]) -> String {
        book.render(key, language: language, values)
    }

    /// Every value the status templates use.
    func values(_ network: Network, _ status: NetworkStatus) -> [String: String] {
        let report = status.current
        let none = render("value.none")
        return [
            "network": Truncation.network(network.name),
            "code": network.code,
            "weeks": IndicatorText.weeks(report.period),
            "index": report.index.rounded.map(String.init) ?? none,
            "light": report.index.light.map { render("light.\($0.rawValue)") } ?? none,
            "delta": status.trend.indexDelta.map(IndicatorText.change) ?? render("trend.none"),
            "s1": IndicatorText.value(report[.s1]) ?? none,
            "s2": IndicatorText.value(report[.s2]) ?? none,
            "q1": IndicatorText.value(report[.q1]) ?? none,
            "e1": IndicatorText.value(report[.e1]) ?? none,
            "attendance": IndicatorText.fraction(report[.s2]) ?? none,
            "fund": status.fund.compact,
            "stage": render("stage.\(report.stage.rawValue)"),
            "coverage": "\(report.index.coverage)",
            "minimum": "\(settings.minimumCoverage)",
        ]
    }

    /// What to report so that the missing indicators get data, each source once, in the order S1 … E4.
    func missingSources(_ report: IndicatorReport) -> [String] {
        var keys: [String] = []
        for id in report.index.missing where !keys.contains(IndicatorText.sourceKey(id)) {
            keys.append(IndicatorText.sourceKey(id))
        }
        return keys.map { render($0) }
    }

    /// One list entry of `REDES`: `1 CUYES 38 ROJO -6`.
    func listItem(position: Int, _ network: Network, _ status: NetworkStatus) -> String {
        var values = values(network, status)
        values["position"] = "\(position)"
        return render("networks.item", values)
    }

    /// The alerts of a network as list entries.
    func alertItems(_ status: NetworkStatus) -> [String] {
        status.alerts.map { alert in
            switch alert.kind {
            case .indexDrop(let points):
                render("alert.index_drop", ["code": alert.networkCode, "points": "\(points)"])
            case .lowAttendance(let value, let floor):
                render("alert.low_attendance", [
                    "code": alert.networkCode, "value": IndicatorText.percent(value), "floor": IndicatorText.percent(floor),
                ])
            case .noReports(let weeks):
                render("alert.no_reports", ["code": alert.networkCode, "weeks": "\(weeks)"])
            }
        }
    }

    /// Worst first: no index before any index, then the lowest index, then by code.
    static func worstFirst(_ a: (Network, NetworkStatus), _ b: (Network, NetworkStatus)) -> Bool {
        let left = a.1.current.index.value ?? -1
        let right = b.1.current.index.value ?? -1
        return left != right ? left < right : a.0.code < b.0.code
    }
}
