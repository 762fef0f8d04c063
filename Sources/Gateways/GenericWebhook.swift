public import Engine
public import Foundation
import TrustCore

/// Confianza's own signed JSON gateway (gateways.md §8).
///
/// Headers `X-Confianza-Timestamp: <unix seconds>` and
/// `X-Confianza-Signature: sha256=<hex HMAC-SHA256(secret, timestamp + "." + raw body)>`.
public struct GenericWebhook: WebhookGateway {
    public let name = "generic"
    public let carriesInlineReplies = true
    public let maxBodyBytes = GatewayLimits.genericBodyBytes
    private let secret: String
    private let defaultCountry: String
    private let maxClockSkew: TimeInterval

    /// - Parameters:
    ///   - secret: the inbound signing secret.
    ///   - defaultCountry: country code used to normalise `from`/`to` (default `+51`).
    ///   - maxClockSkew: replay window (default 300 s).
    public init(secret: String, defaultCountry: String = "+51", maxClockSkew: TimeInterval = GatewayLimits.maxClockSkew) {
        self.secret = secret
        self.defaultCountry = defaultCountry
        self.maxClockSkew = maxClockSkew
    }

    /// - Parameter config: the generic gateway settings.
    public init(config: GenericConfig) {
        self.init(secret: config.secret, defaultCountry: config.defaultCountry, maxClockSkew: config.maxClockSkew)
    }

    /// The signature header value for a body: `sha256=<hex>`.
    /// - Parameters:
    ///   - body: raw body bytes.
    ///   - timestamp: unix seconds as sent in `X-Confianza-Timestamp`.
    ///   - secret: the shared secret.
    public static func signature(body: [UInt8], timestamp: String, secret: String) -> String {
        "sha256=" + Signing.hmacSHA256Hex(key: secret, message: Array((timestamp + ".").utf8) + body)
    }

    public func decodeMessage(_ request: WebhookRequest, now: Date) throws(GatewayError) -> InboundMessage {
        let message: Inbound = try verifiedJSON(request, now: now)
        guard (1...GatewayLimits.genericIDLength).contains(message.id.utf8.count),
            message.id.utf8.allSatisfy({ (0x20...0x7E).contains($0) })
        else { throw malformed("id must be 1-128 printable ASCII") }
        guard let from = PhoneNumber.normalize(message.from, defaultCountry: defaultCountry) else {
            throw malformed("from is not a phone number")
        }
        guard let to = PhoneNumber.normalize(message.to, defaultCountry: defaultCountry) else {
            throw malformed("to is not a phone number")
        }
        guard message.text.count <= GatewayLimits.genericTextCharacters else { throw malformed("text too long") }
        var receivedAt = now
        if let stamp = message.receivedAt {
            guard let date = RFC3339.date(stamp) else { throw malformed("received_at is not RFC 3339") }
            receivedAt = date
        }
        return InboundMessage(
            gateway: name, gatewayMessageID: message.id, from: from, to: to, text: message.text, receivedAt: receivedAt)
    }

    /// Decodes `{"id": "<outbox id>", "status": "sent|delivered|failed", "error": "…"}`.
    public func decodeStatus(_ request: WebhookRequest, now: Date) throws(GatewayError) -> DeliveryReport {
        let report: Status = try verifiedJSON(request, now: now)
        guard let outboxID = Int64(report.id) else { throw malformed("id is not an outbox id") }
        let status: DeliveryStatus
        switch report.status {
        case "sent": status = .sent
        case "delivered": status = .delivered
        case "failed": status = .failed
        default: throw malformed("unknown status")
        }
        return DeliveryReport(
            outboxID: outboxID, gatewayID: nil, status: status, error: report.error.map { String($0.prefix(200)) })
    }

    /// `{"id": "<inbound id>", "replies": [{"to": …, "text": …}]}`.
    public func reply(to message: InboundMessage, replies: [InlineReply]) -> WebhookResponse {
        let answer = Answer(id: message.gatewayMessageID, replies: replies.map { Answer.Reply(to: $0.to, text: $0.text) })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let body = try? encoder.encode(answer) else {
            // Encoding plain strings cannot fail; answer 500 rather than crash if it ever does.
            return WebhookResponse(status: 500)
        }
        return WebhookResponse(status: 200, headers: ["Content-Type": "application/json"], body: Array(body))
    }

    private func verifiedJSON<Value: Decodable>(_ request: WebhookRequest, now: Date) throws(GatewayError) -> Value {
        guard let timestamp = request.header("X-Confianza-Timestamp"),
            let signature = request.header("X-Confianza-Signature")
        else { throw unauthorized("missing X-Confianza-Timestamp or X-Confianza-Signature") }
        let expected = Self.signature(body: request.body, timestamp: timestamp, secret: secret)
        guard !secret.isEmpty, Signing.constantTimeEquals(expected, signature) else {
            throw unauthorized("wrong X-Confianza-Signature")
        }
        guard let seconds = TimeInterval(timestamp), abs(now.timeIntervalSince1970 - seconds) <= maxClockSkew else {
            throw GatewayError(
                code: .staleTimestamp, gateway: name, reason: "X-Confianza-Timestamp outside window", httpStatus: 401)
        }
        guard String(validating: request.body, as: UTF8.self) != nil else { throw malformed("invalid UTF-8") }
        do {
            return try JSONDecoder().decode(Value.self, from: Data(request.body))
        } catch {
            throw malformed("body does not match the documented JSON")
        }
    }

    private func unauthorized(_ reason: String) -> GatewayError {
        GatewayError(code: .unauthorized, gateway: name, reason: reason, httpStatus: 401)
    }

    private func malformed(_ reason: String) -> GatewayError {
        GatewayError(code: .malformed, gateway: name, reason: reason, httpStatus: 400)
    }

    private struct Inbound: Decodable {
        var id: String
        var from: String
        var to: String
        var text: String
        var receivedAt: String?

        enum CodingKeys: String, CodingKey {
            case id, from, to, text
            case receivedAt = "received_at"
        }
    }

    private struct Status: Decodable {
        var id: String
        var status: String
        var error: String?
    }

    private struct Answer: Encodable {
        struct Reply: Encodable {
            var to: String
            var text: String
        }

        var id: String
        var replies: [Reply]
    }
}
