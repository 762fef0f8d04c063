import Engine
import Foundation
import HTTPTypes
import Hummingbird
import Prometheus

/// `/health`, `/ready` and `/metrics` for operators and load balancers.
struct OpsController {
    let config: AppConfig
    let dependencies: AppDependencies

    func addRoutes(to router: Router<BasicRequestContext>) {
        router.get("/health") { _, _ in
            Response(status: .ok, headers: [.contentType: "text/plain; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: "ok\n")))
        }
        router.get("/ready") { _, _ in try await ready() }
        router.get("/metrics") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(bytes: dependencies.metrics.emitToBuffer())))
        }
    }

    /// Ready when the database answers and the outbox is not stuck.
    private func ready() async throws -> Response {
        let now = dependencies.clock()
        do {
            try await dependencies.store.ping()
            let stats = try await dependencies.store.read { tx in try await tx.outboxStats(now: now) }
            if stats.oldestDueAge > config.readyOutboxAge {
                return text(.serviceUnavailable, "outbox stuck: oldest due message waits \(Int(stats.oldestDueAge)) s\n")
            }
            return text(.ok, "ready: outbox \(stats.pending) pending, \(stats.dead) dead\n")
        } catch {
            return text(.serviceUnavailable, "database unavailable\n")
        }
    }

    private func text(_ status: HTTPResponse.Status, _ body: String) -> Response {
        Response(status: status, headers: [.contentType: "text/plain; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: body)))
    }
}
