import ArgumentParser
import Engine
import Foundation
import Gateways
import Hummingbird
import Logging
import Metrics
import Prometheus
import SQLiteStore
import WebServer

/// `confianza serve`: webhook server + outbox worker, until SIGTERM/SIGINT (graceful shutdown:
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
        let runtime = try Runtime(config: config, logger: logger)
        let outbox = OutboxService(store: runtime.store, senders: runtime.senders(), settings: config.outbox, logger: logger)
        let dependencies = AppDependencies(
            store: runtime.store, pipeline: runtime.pipeline, webhooks: runtime.webhooks, services: [outbox],
            metrics: registry, logger: logger)
        let app = buildApplication(config: config, dependencies: dependencies)
        let routes = runtime.webhooks.map { "/webhooks/\($0.name)" }.joined(separator: ", ")
        logger.info(
            "Confianza serving",
            metadata: [
                "address": "\(config.host):\(config.port)", "database": "\(config.database.hasPrefix("sqlite:") ? config.database : "postgres")",
                "outbound": "\(config.outboundGateway)", "webhooks": "\(routes.isEmpty ? "none (set a gateway secret)" : routes)",
            ])
        try await app.runService()
    }
}
