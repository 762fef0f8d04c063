import ArgumentParser
import Engine
import Foundation
import Gateways
import SQLiteStore
import TrustCore
import WebServer

/// `confianza export indicators --period P --format csv|json`.
struct Export: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Export data.", subcommands: [Indicators.self])

    struct Indicators: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Every network's indicators for one period.")

        @OptionGroup var global: GlobalOptions
        @Option(help: "2026-W48, 2026-W45..2026-W48, 2026-11, 2026-Q4 or 2026.") var period: String
        @Option(help: "csv or json.") var format = "csv"
        @Option(name: .shortAndLong, help: "Write to FILE instead of standard output.") var output: String?

        func run() async throws {
            guard let parsed = Period.parse(period) else { throw ValidationError("cannot read period \(period)") }
            guard ["csv", "json"].contains(format) else { throw ValidationError("--format must be csv or json") }
            let config = try await ConfigLoader.make(file: global.config).appConfig(database: global.database)
            let (store, _) = try Runtime.openStore(config.database)
            let reports = try await IndicatorExport.reports(store: store, period: parsed, settings: config.indicators)
            let text = format == "csv" ? try IndicatorExport.csv(reports) : try IndicatorExport.json(reports)
            if let output {
                try Data(text.utf8).write(to: URL(fileURLWithPath: output))
                print("\(reports.count) network(s) written to \(output)")
            } else {
                print(text, terminator: text.hasSuffix("\n") ? "" : "\n")
            }
        }
    }
}
