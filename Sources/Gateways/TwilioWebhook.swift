public import Engine
public import Foundation

/// Twilio's inbound-message and status-callback webhooks (gateways.md §1.1–§1.6) and TwiML replies.
public struct TwilioWebhook: WebhookGateway {
    public let name = "twilio"
    public let carriesInlineReplies = true
    public let maxBodyBytes = GatewayLimits.twilioBodyBytes
    private let authToken: String

    /// - Parameter authToken: the auth token Twilio signs with.
    public init(authToken: String) {
        self.authToken = authToken
    }

    /// - Parameter config: the Twilio settings.
    public init(config: TwilioConfig) {
        self.init(authToken: config.authToken)
    }

    public func decodeMessage(_ request: WebhookRequest, now: Date) throws(GatewayError) -> InboundMessage {
        let fields = try verifiedFields(request)
        guard let sid = fields["MessageSid"] ?? fields["SmsMessageSid"], !sid.isEmpty else {
            throw malformed("missing MessageSid")
        }
        guard let from = fields["From"], !from.isEmpty else { throw malformed("missing From") }
        let text = fields["Body"] ?? ""
        if text.isEmpty, let media = fields["NumMedia"].flatMap(Int.init), media > 0 {
            throw GatewayError(code: .unsupported, gateway: name, reason: "media without text", httpStatus: 415)
        }
        return InboundMessage(
            gateway: name, gatewayMessageID: sid, from: from, to: fields["To"] ?? "", text: text, receivedAt: now)
    }

    public func decodeStatus(_ request: WebhookRequest, now: Date) throws(GatewayError) -> DeliveryReport {
        let fields = try verifiedFields(request)
        guard let sid = fields["MessageSid"] ?? fields["SmsSid"], !sid.isEmpty else {
            throw malformed("missing MessageSid")
        }
        guard let value = fields["MessageStatus"] ?? fields["SmsStatus"] else { throw malformed("missing MessageStatus") }
        guard let status = Self.deliveryStatus(value) else { throw malformed("unknown MessageStatus") }
        var error: String?
        if let code = fields["ErrorCode"], !code.isEmpty, code.allSatisfy(\.isNumber) {
            error = "twilio error \(code)"
        } else if value == "partially_delivered" || value == "canceled" {
            error = "twilio \(value)"
        }
        return DeliveryReport(outboxID: nil, gatewayID: sid, status: status, error: error)
    }

    /// TwiML with one `<Message>` per reply, or an empty `<Response/>`.
    public func reply(to message: InboundMessage, replies: [InlineReply]) -> WebhookResponse {
        Self.twiml(replies.map(\.text))
    }

    public func statusAcknowledgement() -> WebhookResponse {
        Self.twiml([])
    }

    /// A TwiML document sending each text as one message.
    /// - Parameter texts: reply texts, XML-escaped here.
    public static func twiml(_ texts: [String]) -> WebhookResponse {
        var xml = #"<?xml version="1.0" encoding="UTF-8"?>"#
        if texts.isEmpty {
            xml += "<Response/>"
        } else {
            xml += "<Response>"
            for text in texts { xml += "<Message>" + xmlEscaped(text) + "</Message>" }
            xml += "</Response>"
        }
        return WebhookResponse(status: 200, headers: ["Content-Type": "text/xml; charset=utf-8"], body: Array(xml.utf8))
    }

    /// Escapes `& < > " '` and drops characters XML 1.0 does not allow (C0 controls other than tab, LF, CR).
    static func xmlEscaped(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            default:
                if scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Twilio message status → our delivery status; `nil` for inbound-only states.
    static func deliveryStatus(_ value: String) -> DeliveryStatus? {
        switch value {
        case "queued", "accepted", "scheduled": .queued
        case "sending": .sending
        case "sent": .sent
        case "delivered", "read": .delivered
        case "failed", "undelivered", "canceled", "partially_delivered": .failed
        default: nil
        }
    }

    /// Parses the parameters (POST body, or the query for GET webhooks) and checks the signature over them.
    private func verifiedFields(_ request: WebhookRequest) throws(GatewayError) -> FormFields {
        if request.header("X-Twilio-Webhooks-Signature-Settings") != nil {
            throw unauthorized("signature settings variant not configured")
        }
        guard let signature = request.header("X-Twilio-Signature"), !signature.isEmpty else {
            throw unauthorized("missing X-Twilio-Signature")
        }
        let isGet = request.method == "GET"
        let raw: [(name: [UInt8], value: [UInt8])]
        do {
            raw = try FormCodec.rawPairs(isGet ? Array(request.query.utf8) : request.body)
        } catch {
            throw malformed(error.reason)
        }
        let signed = isGet ? [] : raw.map { ($0.name, $0.value) }
        guard TwilioSignature.isValid(signature, url: request.url, rawParameters: signed, body: request.body, authToken: authToken)
        else { throw unauthorized("wrong X-Twilio-Signature") }
        var pairs: [(String, String)] = []
        for (name, value) in raw {
            guard let name = String(validating: name, as: UTF8.self), let value = String(validating: value, as: UTF8.self)
            else { throw malformed("invalid UTF-8") }
            pairs.append((name, value))
        }
        return FormFields(pairs: pairs)
    }

    private func unauthorized(_ reason: String) -> GatewayError {
        GatewayError(code: .unauthorized, gateway: name, reason: reason, httpStatus: 403)
    }

    private func malformed(_ reason: String) -> GatewayError {
        GatewayError(code: .malformed, gateway: name, reason: reason, httpStatus: 400)
    }
}
