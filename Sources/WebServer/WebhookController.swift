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
/// retried message id gets the stored answer and writes nothing.
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
        var logger = context.logger
        logger[metadataKey: LogKey.gateway] = "\(gateway.name)"
        let webhook = try await webhookRequest(request, limit: gateway.maxBodyBytes)
        let now = dependencies.clock()
        let message: InboundMessage
        do {
            message = try gateway.decodeMessage(webhook, now: now)
        } catch {
            Counter(label: "confianza_inbound_rejected_total", dimensions: [("gateway", gateway.name), ("reason", error.shortDescription)]).increment()
            logger.notice("webhook refused", metadata: [LogKey.error: "\(error.shortDescription)"])
            return response(gateway.response(for: error))
        }
        let outcome: InboundOutcome
        do {
            outcome = try await dependencies.pipeline.handle(message, inlineReply: gateway.carriesInlineReplies, now: now)
        } catch {
            Counter(label: "confianza_inbound_failed_total", dimensions: [("gateway", gateway.name)]).increment()
            logger.error("inbound message not stored; gateway will retry", metadata: [LogKey.error: "\(String(describing: type(of: error)))"])
            return Response(
                status: .serviceUnavailable, headers: [.contentType: "text/plain; charset=utf-8", .retryAfter: "5"],
                body: .init(byteBuffer: ByteBuffer(string: "temporarily unavailable\n")))
        }
        let to = PhoneNumber.normalize(message.from, defaultCountry: config.defaultCountry) ?? message.from
        let replies = gateway.carriesInlineReplies
            ? outcome.replies.map { InlineReply(to: to, text: $0.text, encoding: $0.encoding) } : []
        return response(gateway.reply(to: message, replies: replies))
    }

    private func status(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        let gateway = try gateway(context)
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
            let matched = try await dependencies.store.transaction { tx in try await tx.applyDeliveryReport(report, now: now) }
            Counter(label: "confianza_delivery_reports_total", dimensions: [("gateway", gateway.name), ("status", report.status.rawValue), ("matched", "\(matched)")]).increment()
        } catch {
            return Response(status: .serviceUnavailable, headers: [.retryAfter: "5"])
        }
        return response(gateway.statusAcknowledgement())
    }

    private func response(_ answer: WebhookResponse) -> Response {
        var headers = HTTPFields()
        for (name, value) in answer.headers {
            if let field = HTTPField.Name(name) { headers[field] = value }
        }
        return Response(status: .init(code: answer.status), headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: answer.body)))
    }
}
