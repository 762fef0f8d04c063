import Engine
import Foundation
import Hummingbird
import Logging

/// The only wiring of the HTTP application: the executable and the tests both call it.
/// - Parameters:
///   - config: plain configuration values.
///   - dependencies: store, pipeline, gateways and services to run on.
public func buildApplication(config: AppConfig, dependencies: AppDependencies) -> some ApplicationProtocol {
    let router = buildRouter(config: config, dependencies: dependencies)
    var app = Application(
        router: router,
        configuration: .init(address: .hostname(config.host, port: config.port), serverName: "confianza"),
        services: dependencies.services,
        logger: dependencies.logger
    )
    for step in dependencies.startup { app.beforeServerStarts(perform: step) }
    return app
}

/// The routes: webhooks, delivery reports, health, readiness and metrics.
/// - Parameters:
///   - config: configuration.
///   - dependencies: live parts.
public func buildRouter(config: AppConfig, dependencies: AppDependencies) -> Router<BasicRequestContext> {
    let router = Router(context: BasicRequestContext.self)
    router.add(middleware: RequestIDMiddleware())
    OpsController(config: config, dependencies: dependencies).addRoutes(to: router)
    WebhookController(config: config, dependencies: dependencies).addRoutes(to: router)
    DashboardController(config: config, dependencies: dependencies).addRoutes(to: router)
    ApiController(config: config, dependencies: dependencies).addRoutes(to: router)
    return router
}
