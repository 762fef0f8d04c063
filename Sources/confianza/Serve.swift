import ArgumentParser
import Engine
import Foundation
import Gateways
import Hummingbird
import Logging
import Metrics
import PostgresStore
import Prometheus
import SQLiteStore
import ServiceLifecycle
import UnixSignals
import WebServer

/// `confianza serve`: webhook server + outbox worker + scheduler (weekly summaries, reminders), until SIGTERM/SIGINT (graceful shutdown:
/// in-flight webhooks finish, the outbox finishes the batch it claimed).
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Run the webhook server and the outbox worker.")

    @OptionGroup var global: GlobalOptions

    @Option(help: "Bind address (overrides server.host).")
    var host: String?

    @Option(help: "Bind port (overrides server.port).")
    var port: Int?

    func run() async throws {
        var config = try await ConfigLoader.make(file: global.config).appConfig(database: global.database)
        if let host { config.host = host }
        if let port { config.port = port }
        LogSetup.bootstrap(config)
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
        let logger = Logger(label: "confianza")
        // PostgreSQL: one long-lived pool, run as the first service; migrations before the server binds.
        let postgres = config.database.hasPrefix("postgres") ? try PostgresStore(url: config.database, logger: logger) : nil
        let runtime = try Runtime(config: config, logger: logger, store: postgres)
        let outbox = OutboxService(store: runtime.store, senders: runtime.senders(), settings: config.outbox, logger: logger)
        let scheduler = SchedulerService(
            store: runtime.store, book: runtime.book, indicators: config.indicators, settings: config.schedule,
            gateway: config.outboundGateway, logger: logger)
        var dependencies = AppDependencies(
            store: runtime.store, pipeline: runtime.pipeline, webhooks: runtime.webhooks, services: (postgres.map { [$0] } ?? []) + [outbox, scheduler],
            metrics: registry, logger: logger)
        dependencies.startup = postgres.map { store in [{ try await store.migrate() }] } ?? []
        let app = buildApplication(config: config, dependencies: dependencies)
        let routes = runtime.webhooks.map { "/webhooks/\($0.name)" }.joined(separator: ", ")
        logger.info(
            "Confianza serving",
            metadata: [
                "address": "\(config.host):\(config.port)", "database": "\(config.database.hasPrefix("sqlite:") ? config.database : "postgres")",
                "outbound": "\(config.outboundGateway)", "webhooks": "\(routes.isEmpty ? "none (set a gateway secret)" : routes)",
            ])
        // SIGTERM drains gracefully, but not forever. Webhooks are bounded by their deadline and a statement on a
        // connection the database closed fails at once, yet a dependency can still hang in a way we have not met
        // (the pool waiting on an unreachable server, a gateway that never answers). After 5 s the services are
        // cancelled, and a watchdog ends the process 4 s later whatever is still running: every acknowledged message
        // is committed already, so nothing is lost, and a gateway retries whatever was not acknowledged.
        var group = ServiceGroupConfiguration(services: [.init(service: app)], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
        group.maximumGracefulShutdownDuration = .seconds(5)
        let watchdog = ShutdownWatchdog(after: .seconds(9), logger: logger)
        watchdog.arm(on: [SIGTERM, SIGINT])
        try await ServiceGroup(configuration: group).run()
    }
}

/// Ends the process a fixed time after a shutdown signal when graceful shutdown has not finished by then.
final class ShutdownWatchdog: @unchecked Sendable {  // `sources` is set once, before the service group runs
    private let delay: Duration
    private let logger: Logger
    private var sources: [any DispatchSourceSignal] = []

    init(after delay: Duration, logger: Logger) {
        self.delay = delay
        self.logger = logger
    }

    /// Starts watching `signals` (alongside the service group's own handling of them).
    func arm(on signals: [Int32]) {
        let queue = DispatchQueue(label: "confianza.shutdown-watchdog")
        let seconds = Double(delay.components.seconds) + Double(delay.components.attoseconds) / 1e18
        let sources = signals.map { signal in
            let source = DispatchSource.makeSignalSource(signal: signal, queue: queue)
            source.setEventHandler { [logger] in
                queue.asyncAfter(deadline: .now() + seconds) {
                    logger.warning("shutdown still waiting after the grace period; exiting (acknowledged messages are committed)")
                    exit(0)
                }
            }
            source.resume()
            return source
        }
        self.sources = sources
    }
}

