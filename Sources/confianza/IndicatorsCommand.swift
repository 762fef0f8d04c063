import ArgumentParser
import Engine
import Foundation
import Gateways
import SQLiteStore
import TrustCore
import WebServer

/// `confianza indicators --network CODE [--period P] [--format text|json]`.
struct IndicatorsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "indicators", abstract: "One network's indicators with numerators, denominators, coverage, index, light and stage.")

    @OptionGroup var global: GlobalOptions

    @Option(help: "Network code.") var network: String
    @Option(help: "2026-W48, 2026-W45..2026-W48, 2026-11, 2026-Q4 or 2026 (default: the last 4 complete weeks).") var period: String?
    @Option(help: "text or json.") var format = "text"

    func run() async throws {
        let config = try await ConfigLoader.make(file: global.config).appConfig(database: global.database)
        guard ["text", "json"].contains(format) else { throw ValidationError("--format must be text or json") }
        let requested = try period.map { text in
            guard let parsed = Period.parse(text) else { throw ValidationError("cannot read period \(text)") }
            return parsed
        }
        let (store, _) = try Runtime.openStore(config.database)
        let code = network.uppercased()
        let settings = config.indicators
        let result = try await store.read { tx in
            guard let found = try await tx.network(code: code) else { throw ValidationError("no network \(code)") }
            let chosen = requested ?? Reports.defaultPeriod(for: found, now: Date(), settings: settings)
            return try await Reports.reportWithTrend(tx, networkID: found.id, period: chosen, settings: settings)
        }
        if format == "json" {
            print(try ReportRendering.json(result.current, trend: result.trend))
        } else {
            print(ReportRendering.text(result.current, trend: result.trend))
        }
    }
}
