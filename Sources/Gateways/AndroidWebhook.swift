public import Engine
public import Foundation

/// SMS Gateway for Android (SMSGate) webhook events (gateways.md §3.3–§3.4): `sms:received` for inbound
/// messages, `sms:sent`/`sms:delivered`/`sms:failed`/`sms:cancelled` for status. Signed with
/// `X-Signature = hex(HMAC-SHA256(signing key, raw body + X-Timestamp))`. The app retries any non-2xx for days,
/// so events we do not handle are answered 200.
public struct AndroidWebhook: WebhookGateway {
    public let name = "android"
    public let carriesInlineReplies = false
    public let maxBodyBytes = GatewayLimits.androidBodyBytes
    private let signingKey: String
    private let maxClockSkew: TimeInterval

    /// - Parameters:
    ///   - signingKey: the app's webhook signing key.
    ///   - maxClockSkew: largest accepted distance between `X-Timestamp` and `now` (default 300 s).
    public init(signingKey: String, maxClockSkew: TimeInterval = GatewayLimits.maxClockSkew) {
        self.signingKey = signingKey
        self.maxClockSkew = maxClockSkew
    }

    /// - Parameter config: the Android gateway settings.
    public init(config: AndroidConfig) {
        self.init(signingKey: config.signingKey, maxClockSkew: config.maxClockSkew)
    }

    public func decodeMessage(_ request: WebhookRequest, now: Date) throws(GatewayError) -> InboundMessage {
        let event = try verifiedEvent(request, now: now)
        guard event.event == "sms:received" else { throw unsupported("event is not sms:received") }
        guard let payload = event.payload, let text = payload.message else { throw malformed("missing payload.message") }
        guard let sender = payload.sender ?? payload.phoneNumber, !sender.isEmpty else {
            throw malformed("missing payload.sender")
        }
        let receivedAt = payload.receivedAt.flatMap(RFC3339.date) ?? now
        return InboundMessage(
            gateway: name, gatewayMessageID: event.id, from: sender, to: payload.recipient ?? "", text: text,
            receivedAt: receivedAt)
    }

    /// Maps status events; `payload.messageId` is our `confianza-outbox-<id>` when we sent the message.
    public func decodeStatus(_ request: WebhookRequest, now: Date) throws(GatewayError) -> DeliveryReport {
        let event = try verifiedEvent(request, now: now)
        let status: DeliveryStatus
        var error: String?
        switch event.event {
        case "sms:sent": status = .sent
        case "sms:delivered": status = .delivered
        case "sms:failed":
            status = .failed
            error = "android failed" + (event.payload?.reason.map { ": " + String($0.prefix(120)) } ?? "")
        case "sms:cancelled":
            status = .failed
            error = "android cancelled"
        default: throw unsupported("not a status event")
        }
        guard let messageID = event.payload?.messageId, !messageID.isEmpty else {
            throw malformed("missing payload.messageId")
        }
        return DeliveryReport(
            outboxID: AndroidSender.outboxID(fromMessageID: messageID), gatewayID: messageID, status: status, error: error)
    }

    /// SMSGate takes no reply in the answer: 200 with an empty body; replies go through the outbox.
    public func reply(to message: InboundMessage, replies: [InlineReply]) -> WebhookResponse {
        statusAcknowledgement()
    }

    /// Checks signature and timestamp, then decodes the envelope.
    private func verifiedEvent(_ request: WebhookRequest, now: Date) throws(GatewayError) -> AndroidEvent {
        guard let signature = request.header("X-Signature"), let timestamp = request.header("X-Timestamp") else {
            throw unauthorized("missing X-Signature or X-Timestamp")
        }
        let expected = Signing.hmacSHA256Hex(key: signingKey, message: request.body + Array(timestamp.utf8))
        guard !signingKey.isEmpty, Signing.constantTimeEquals(expected, signature.lowercased()) else {
            throw unauthorized("wrong X-Signature")
        }
        guard let seconds = TimeInterval(timestamp), abs(now.timeIntervalSince1970 - seconds) <= maxClockSkew else {
            throw GatewayError(code: .staleTimestamp, gateway: name, reason: "X-Timestamp outside window", httpStatus: 401)
        }
        guard String(validating: request.body, as: UTF8.self) != nil else { throw malformed("invalid UTF-8") }
        let event: AndroidEvent
        do {
            event = try JSONDecoder().decode(AndroidEvent.self, from: Data(request.body))
        } catch {
            throw malformed("not an SMSGate event")
        }
        guard !event.id.isEmpty else { throw malformed("empty event id") }
        return event
    }

    private func unauthorized(_ reason: String) -> GatewayError {
        GatewayError(code: .unauthorized, gateway: name, reason: reason, httpStatus: 401)
    }

    private func malformed(_ reason: String) -> GatewayError {
        GatewayError(code: .malformed, gateway: name, reason: reason, httpStatus: 400)
    }

    private func unsupported(_ reason: String) -> GatewayError {
        GatewayError(code: .unsupported, gateway: name, reason: reason, httpStatus: 200)
    }
}

/// The SMSGate webhook envelope; only the fields Confianza reads.
struct AndroidEvent: Decodable {
    struct Payload: Decodable {
        var messageId: String?
        var message: String?
        var sender: String?
        var recipient: String?
        var phoneNumber: String?
        var receivedAt: String?
        var reason: String?
    }

    var id: String
    var event: String
    var deviceId: String?
    var payload: Payload?
}

/// RFC 3339 / ISO 8601 timestamps with an offset, with or without fractional seconds.
enum RFC3339 {
    static func date(_ text: String) -> Date? {
        if let date = try? Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(text) { return date }
        return try? Date.ISO8601FormatStyle().parse(text)
    }
}
