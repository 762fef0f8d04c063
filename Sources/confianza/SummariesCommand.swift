import ArgumentParser
import Engine
import Foundation
import Logging
import TrustCore
import WebServer

/// `confianza summaries run [--week 2026-W48]`: compose and enqueue the weekly summaries now.
struct SummariesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "summaries", abstract: "Weekly trust summaries.", subcommands: [Run.self])

    struct Run: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Enqueue every summary not sent yet for a week (idempotent: a summary already sent is not sent again).")

        @OptionGroup var global: GlobalOptions

        @Option(help: "The last week the summary reports on, e.g. 2026-W47 (default: each network's last complete week).")
        var week: String?

        func run() async throws {
            let config = try await ConfigLoader.make(file: global.config).appConfig(database: global.database)
            let chosen = try week.map { text in
                guard let parsed = ISOWeek(parsing: text) else { throw ValidationError("cannot read week \(text); write it like 2026-W47") }
                return parsed
            }
            let runtime = try Runtime(config: config, logger: Logger(label: "confianza.summaries"))
            let summaries = Summaries(book: runtime.book, indicators: config.indicators, schedule: config.schedule, gateway: config.outboundGateway)
            let result = try await summaries.run(store: runtime.store, week: chosen, now: Date())
            print("summaries enqueued: \(result.enqueued), digests: \(result.digests), already sent: \(result.alreadySent)")
            if result.capped > 0 { print("held back by the weekly cap: \(result.capped)") }
            if result.incomplete > 0 { print("networks whose week is not over yet: \(result.incomplete)") }
            for failure in result.failed { print("failed: \(failure)") }
            if config.outboundGateway == "console" {
                print("(the outbox sends them: run `confianza serve`, or they print when the console gateway drains)")
            }
        }
    }
}
