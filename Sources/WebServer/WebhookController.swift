import Engine
import Foundation
import Gateways
import HTTPTypes
import Hummingbird
import Logging
import Metrics
import TrustCore

/// The gateway webhooks: verify and decode with the gateway, run the one-transaction pipeline,
/// answer only after the commit. A store failure answers 503 so that the gateway retries; a
/// retried message id gets the stored answer and writes nothing. So does a transaction that has not
/// finished within `limits.webhook_deadline_seconds` (the database went away under it): it goes on
/// in the background, and the retry finds its result or runs it afresh.
struct WebhookController {
    let config: AppConfig
    let dependencies: AppDependencies

    func addRoutes(to router: Router<BasicRequestContext>) {
        router.on("/webhooks/:gateway", method: .post) { request, context in try await inbound(request, context) }
        router.on("/webhooks/:gateway", method: .get) { request, context in try await inbound(request, context) }
        router.on("/webhooks/:gateway/status", method: .post) { request, context in try await status(request, context) }
        router.on("/webhooks/:gateway/status", method: .get) { request, context in try await status(request, context) }
    }

    private func gateway(_ context: BasicRequestContext) throws -> any WebhookGateway {
        guard let name = context.parameters.get("gateway"), let gateway = dependencies.webhooks[name] else {
            throw HTTPError(.notFound, message: "unknown or disabled gateway")
        }
        return gateway
    }

    private func webhookRequest(_ request: Request, limit: Int) async throws -> WebhookRequest {
        let body: ByteBuffer
        do {
            body = try await request.body.collect(upTo: limit)
        } catch let error as HTTPError where error.status == .contentTooLarge {
            throw error
        }
        return WebhookRequest(
            method: request.method.rawValue, url: config.publicBase + request.uri.string,
            headers: request.headers.map { ($0.name.canonicalName, $0.value) }, body: Array(buffer: body))
    }

    private func inbound(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        let gateway = try gateway(context)
        // The gateway goes into each line's metadata rather than into a copy of the logger: setting logger metadata
        // copies its dictionary on every webhook, and lines are rare.
        let logger = context.logger
        let webhook = try await webhookRequest(request, limit: gateway.maxBodyBytes)
        let now = dependencies.clock()
        let message: InboundMessage
        do {
            message = try gateway.decodeMessage(webhook, now: now)
        } catch {
            Counter(label: "confianza_inbound_rejected_total", dimensions: [("gateway", gateway.name), ("reason", error.shortDescription)]).increment()
            logger.notice("webhook refused", metadata: [LogKey.gateway: "\(gateway.name)", LogKey.error: "\(error.shortDescription)"])
            return response(gateway.response(for: error))
        }
        // The message's metadata is built only when a line is logged: masking the phone costs on every webhook.
        let about: @Sendable () -> Logger.Metadata = {
            [LogKey.gateway: "\(message.gateway)", LogKey.messageID: "\(message.gatewayMessageID)", LogKey.contact: "\(PhoneNumber.masked(message.from))"]
        }
        let outcome: InboundOutcome
        do {
            let (pipeline, inline) = (dependencies.pipeline, gateway.carriesInlineReplies)
            outcome = try await withDeadline(seconds: config.webhookDeadline) {
                try await pipeline.handle(message, inlineReply: inline, now: now)
            } late: { [logger] result in
                logger.notice("inbound message finished after its deadline", metadata: about().merging(Self.lateMetadata(result)) { $1 })
            }
        } catch {
            let reason = Self.failureReason(error)
            Counter(label: "confianza_inbound_failed_total", dimensions: [("gateway", gateway.name), ("reason", reason)]).increment()
            let metadata: Logger.Metadata = about().merging([LogKey.error: "\(Self.errorSummary(error))"]) { $1 }
            if error is DeadlineExceeded {
                logger.warning("inbound message not answered within the deadline; gateway will retry, its transaction goes on", metadata: metadata)
            } else {
                logger.error("inbound message not stored; gateway will retry", metadata: metadata)
            }
            return unavailable()
        }
        let to = PhoneNumber.normalize(message.from, defaultCountry: config.defaultCountry) ?? message.from
        let replies = gateway.carriesInlineReplies
            ? outcome.replies.map { InlineReply(to: to, text: $0.text, encoding: $0.encoding) } : []
        return response(gateway.reply(to: message, replies: replies))
    }

    private func status(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        let gateway = try gateway(context)
        var logger = context.logger
        logger[metadataKey: LogKey.gateway] = "\(gateway.name)"
        let webhook = try await webhookRequest(request, limit: gateway.maxBodyBytes)
        let now = dependencies.clock()
        let report: DeliveryReport
        do {
            report = try gateway.decodeStatus(webhook, now: now)
        } catch {
            Counter(label: "confianza_status_rejected_total", dimensions: [("gateway", gateway.name), ("reason", error.shortDescription)]).increment()
            return response(gateway.response(for: error))
        }
        do {
            let (store, name) = (dependencies.store, gateway.name)
            try await withDeadline(seconds: config.webhookDeadline) {
                let matched = try await store.transaction { tx in try await tx.applyDeliveryReport(report, now: now) }
                // Counted here, so that a report applied after its deadline counts too.
                Counter(label: "confianza_delivery_reports_total", dimensions: [("gateway", name), ("status", report.status.rawValue), ("matched", "\(matched)")]).increment()
            } late: { [logger] result in
                logger.notice("delivery report finished after its deadline", metadata: Self.lateMetadata(result))
            }
        } catch {
            let reason = Self.failureReason(error)
            Counter(label: "confianza_status_failed_total", dimensions: [("gateway", gateway.name), ("reason", reason)]).increment()
            logger.warning("delivery report not applied; gateway will retry", metadata: [LogKey.error: "\(Self.errorSummary(error))"])
            return unavailable()
        }
        return response(gateway.statusAcknowledgement())
    }

    /// 503 with `Retry-After`: the gateway should send the same message again.
    private func unavailable() -> Response {
        Response(
            status: .serviceUnavailable, headers: [.contentType: "text/plain; charset=utf-8", .retryAfter: "5"],
            body: .init(byteBuffer: ByteBuffer(string: "temporarily unavailable\n")))
    }

    /// Bounded metric label for a failed unit of work: `deadline` or `error`.
    private static func failureReason(_ error: any Error) -> String { error is DeadlineExceeded ? "deadline" : "error" }

    /// What to log about a failure without private data: the deadline, or only the error's type.
    private static func errorSummary(_ error: any Error) -> String {
        error is DeadlineExceeded ? "\(error)" : String(describing: type(of: error))
    }

    /// Log metadata for work that finished after its webhook was answered 503.
    private static func lateMetadata<T>(_ result: Result<T, any Error>) -> Logger.Metadata {
        switch result {
        case .success: [LogKey.outcome: "committed"]
        case .failure(let error): [LogKey.outcome: "failed", LogKey.error: "\(errorSummary(error))"]
        }
    }

    private func response(_ answer: WebhookResponse) -> Response {
        var headers = HTTPFields()
        for (name, value) in answer.headers {
            if let field = HTTPField.Name(name) { headers[field] = value }
        }
        return Response(status: .init(code: answer.status), headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: answer.body)))
    }
}
