import Engine
import Foundation
import Gateways
import Logging
import Prometheus
import ServiceLifecycle

/// The live parts the application runs on, chosen by the executable or by a test.
public struct AppDependencies: Sendable {
    /// The database.
    public var store: any Store
    /// The inbound pipeline (state machine + store).
    public var pipeline: InboundPipeline
    /// Inbound gateways by route name (`kannel`, `generic`, …).
    public var webhooks: [String: any WebhookGateway]
    /// Long-running services to run beside the HTTP server (outbox, scheduler), in start order.
    public var services: [any Service]
    /// Prometheus registry that `/metrics` renders (the process's metrics factory writes to it).
    public var metrics: PrometheusCollectorRegistry
    /// Current time (injected in tests).
    public var clock: @Sendable () -> Date
    /// Logger for requests (phones masked).
    public var logger: Logger
    /// Work to finish before the server accepts requests (database migrations), after the
    /// services have started.
    public var startup: [@Sendable () async throws -> Void] = []

    /// - Parameters:
    ///   - store: database.
    ///   - pipeline: inbound pipeline.
    ///   - webhooks: gateways by name.
    ///   - services: background services.
    ///   - metrics: Prometheus registry.
    ///   - clock: time source.
    ///   - logger: logger.
    public init(
        store: any Store, pipeline: InboundPipeline, webhooks: [any WebhookGateway], services: [any Service] = [],
        metrics: PrometheusCollectorRegistry = PrometheusCollectorRegistry(), clock: @escaping @Sendable () -> Date = { Date() },
        logger: Logger = Logger(label: "confianza.http")
    ) {
        self.store = store
        self.pipeline = pipeline
        self.webhooks = Dictionary(webhooks.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        self.services = services
        self.metrics = metrics
        self.clock = clock
        self.logger = logger
    }
}
