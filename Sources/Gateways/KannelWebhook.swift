public import Engine
public import Foundation

/// Kannel smsbox `get-url`/`post-url` requests (gateways.md §2.2–§2.4), its `dlr-url` delivery reports (§2.6),
/// and plain-text replies.
///
/// Expected service: `get-url = "…/webhooks/kannel?key=SECRET&from=%p&to=%P&text=%b&id=%I&ts=%T&smsc=%i&coding=%c&charset=%C"`.
/// A `post-url` carries the same query without `text`; the body is the text.
/// Kannel sends any non-2xx answer to the phone as an error SMS, so malformed and unsupported messages are
/// answered 200 with an empty body (nothing is sent with `omit-empty = true`).
public struct KannelWebhook: WebhookGateway {
    public let name = "kannel"
    public let carriesInlineReplies = true
    public let maxBodyBytes = GatewayLimits.kannelBodyBytes
    private let secret: String

    /// - Parameter secret: the `key=` query value configured in Kannel's URLs.
    public init(secret: String) {
        self.secret = secret
    }

    /// - Parameter config: the Kannel settings.
    public init(config: KannelConfig) {
        self.init(secret: config.secret)
    }

    public func decodeMessage(_ request: WebhookRequest, now: Date) throws(GatewayError) -> InboundMessage {
        let raw = try verifiedQuery(request)
        let fields = try utf8Fields(raw.filter { $0.name != Array("text".utf8) })
        guard let id = fields["id"], !id.isEmpty else { throw malformed("missing id (%I)") }
        guard let from = fields["from"], !from.isEmpty else { throw malformed("missing from (%p)") }

        let coding = fields["coding"].flatMap { $0.isEmpty ? nil : $0 } ?? request.header("X-Kannel-Coding") ?? "0"
        guard coding == "0" || coding == "2" else {
            throw unsupported(coding == "1" ? "binary (8-bit) message" : "unknown coding")
        }
        let textBytes: [UInt8]
        var charset = fields["charset"].flatMap { $0.isEmpty ? nil : $0 }
        if request.method == "POST" {
            textBytes = request.body
            charset = charset ?? request.header("Content-Type").flatMap(Self.charsetParameter)
        } else {
            textBytes = raw.first { $0.name == Array("text".utf8) }?.value ?? []
        }
        let text = try decodeText(textBytes, charset: charset ?? (coding == "2" ? "UTF-16BE" : "UTF-8"))
        // `TimeInterval("nan")` and `("inf")` parse; a non-finite time would fail the store's NOT NULL column forever.
        let sentAt = fields["ts"].flatMap(TimeInterval.init).flatMap { $0.isFinite ? Date(timeIntervalSince1970: $0) : nil } ?? now
        return InboundMessage(
            gateway: name, gatewayMessageID: id, from: from, to: fields["to"] ?? "", text: text, receivedAt: sentAt)
    }

    /// Decodes `…/status?key=SECRET&out=<outbox id>&type=%d[&answer=%A]`.
    public func decodeStatus(_ request: WebhookRequest, now: Date) throws(GatewayError) -> DeliveryReport {
        let fields = try utf8Fields(try verifiedQuery(request))
        guard let out = fields["out"].flatMap(Int64.init) else { throw malformed("missing out (outbox id)") }
        guard let type = fields["type"].flatMap(Int.init) else { throw malformed("missing type (%d)") }
        guard let status = Self.deliveryStatus(type) else { throw malformed("unknown DLR type") }
        var error: String?
        if status == .failed {
            // Only the SMSC's error code: the rest of an SMPP receipt quotes the message text.
            error = "kannel dlr type \(type)" + (fields["answer"].flatMap(Self.smppErrorCode).map { " err:\($0)" } ?? "")
        }
        return DeliveryReport(outboxID: out, gatewayID: nil, status: status, error: error)
    }

    /// A `text/plain` body with the replies joined by newlines (Kannel sends one message per request), with
    /// `X-Kannel-Coding: 2` when any reply needs UCS-2.
    public func reply(to message: InboundMessage, replies: [InlineReply]) -> WebhookResponse {
        var headers = ["Content-Type": "text/plain; charset=utf-8"]
        if replies.contains(where: { $0.encoding == .ucs2 }) { headers["X-Kannel-Coding"] = "2" }
        let body = replies.map(\.text).joined(separator: "\n")
        return WebhookResponse(status: 200, headers: headers, body: Array(body.utf8))
    }

    /// Kannel DLR type (`%d`) → our delivery status.
    static func deliveryStatus(_ type: Int) -> DeliveryStatus? {
        switch type {
        case 1: .delivered
        case 2, 16: .failed
        case 4, 8, 32: .sent
        default: nil
        }
    }

    private func verifiedQuery(_ request: WebhookRequest) throws(GatewayError) -> [(name: [UInt8], value: [UInt8])] {
        let raw: [(name: [UInt8], value: [UInt8])]
        do {
            raw = try FormCodec.rawPairs(Array(request.query.utf8))
        } catch {
            throw malformed(error.reason)
        }
        guard let key = raw.first(where: { $0.name == Array("key".utf8) })?.value else {
            throw GatewayError(code: .unauthorized, gateway: name, reason: "missing key", httpStatus: 403)
        }
        guard !secret.isEmpty, Signing.constantTimeEquals(key, Array(secret.utf8)) else {
            throw GatewayError(code: .unauthorized, gateway: name, reason: "wrong key", httpStatus: 403)
        }
        return raw
    }

    private func utf8Fields(_ raw: [(name: [UInt8], value: [UInt8])]) throws(GatewayError) -> FormFields {
        var pairs: [(String, String)] = []
        for (name, value) in raw {
            do {
                pairs.append((try FormCodec.utf8(name), try FormCodec.utf8(value)))
            } catch {
                throw malformed(error.reason)
            }
        }
        return FormFields(pairs: pairs)
    }

    private func decodeText(_ bytes: [UInt8], charset: String) throws(GatewayError) -> String {
        switch charset.uppercased() {
        case "UTF-8", "UTF8":
            guard let text = String(validating: bytes, as: UTF8.self) else { throw malformed("invalid UTF-8") }
            return text
        case "UTF-16BE", "UCS-2", "UCS-2BE", "UTF-16":
            guard bytes.count.isMultiple(of: 2) else { throw malformed("odd UTF-16 length") }
            let units = stride(from: 0, to: bytes.count, by: 2).map { UInt16(bytes[$0]) << 8 | UInt16(bytes[$0 + 1]) }
            guard let text = String(validating: units, as: UTF16.self) else { throw malformed("invalid UTF-16") }
            return text
        case "ISO-8859-1", "LATIN1", "ISO8859-1":
            return String(String.UnicodeScalarView(bytes.map { Unicode.Scalar($0) }))
        default:
            throw unsupported("unknown charset")
        }
    }

    /// `text/plain; charset="UTF-16BE"` → `UTF-16BE`.
    static func charsetParameter(_ contentType: String) -> String? {
        for parameter in contentType.split(separator: ";").dropFirst() {
            let parts = parameter.split(separator: "=", maxSplits: 1)
            guard parts.count == 2, parts[0].trimmingCharacters(in: .whitespaces).lowercased() == "charset" else { continue }
            return parts[1].trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
        }
        return nil
    }

    /// The `err:NNN` field of an SMPP delivery receipt, when it is a short code.
    static func smppErrorCode(_ answer: String) -> String? {
        guard let range = answer.range(of: "err:") else { return nil }
        let code = answer[range.upperBound...].prefix { $0.isLetter || $0.isNumber }
        return code.isEmpty || code.count > 8 ? nil : String(code)
    }

    private func malformed(_ reason: String) -> GatewayError {
        GatewayError(code: .malformed, gateway: name, reason: reason, httpStatus: 200)
    }

    private func unsupported(_ reason: String) -> GatewayError {
        GatewayError(code: .unsupported, gateway: name, reason: reason, httpStatus: 200)
    }
}
