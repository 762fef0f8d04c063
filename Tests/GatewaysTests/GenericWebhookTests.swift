import Engine
import Foundation
@testable import Gateways
import Testing

@Suite("Generic JSON gateway (gateways.md §8)")
struct GenericWebhookTests {
    static let body = #"{"id":"msg-0001","from":"+51987000001","to":"12345","text":"APORTE 20","received_at":"2026-11-25T10:00:00-05:00"}"#
    static let signature = "sha256=a10e8e3e7ed7ff1f729417b86a9aabb5d045fad5fab7c665c017993bc4cc60ff"
    let gateway = GenericWebhook(secret: "s3cr3t")
    let now = Date(timeIntervalSince1970: 1_764_072_000)

    func request(_ body: String, timestamp: String = "1764072000", signature: String? = nil) -> WebhookRequest {
        request(Array(body.utf8), timestamp: timestamp, signature: signature)
    }

    func request(_ body: [UInt8], timestamp: String = "1764072000", signature: String? = nil) -> WebhookRequest {
        let signature = signature ?? GenericWebhook.signature(body: body, timestamp: timestamp, secret: "s3cr3t")
        return WebhookRequest(
            method: "POST", url: "https://bot.example.org/webhooks/generic",
            headers: [("X-Confianza-Timestamp", timestamp), ("X-Confianza-Signature", signature)], body: body)
    }

    @Test func vectorSignatureMatches() {
        #expect(GenericWebhook.signature(body: Array(Self.body.utf8), timestamp: "1764072000", secret: "s3cr3t") == Self.signature)
    }

    @Test func vectorDecodes() throws {
        let message = try gateway.decodeMessage(request(Self.body, signature: Self.signature), now: now)
        #expect(message == InboundMessage(
            gateway: "generic", gatewayMessageID: "msg-0001", from: "+51987000001", to: "12345", text: "APORTE 20",
            receivedAt: Date(timeIntervalSince1970: 1_795_618_800)))
    }

    @Test func wrongSignatureOrSecretIsUnauthorized() {
        let error = #expect(throws: GatewayError.self) {
            try gateway.decodeMessage(request(Self.body, signature: Self.signature.replacingOccurrences(of: "a10e", with: "a10f")), now: now)
        }
        #expect(error?.code == .unauthorized)
        #expect(error?.httpStatus == 401)
        #expect(throws: GatewayError.self) {
            try GenericWebhook(secret: "other").decodeMessage(request(Self.body, signature: Self.signature), now: now)
        }
        let unsigned = WebhookRequest(method: "POST", url: "https://x/webhooks/generic", body: Array(Self.body.utf8))
        #expect(throws: GatewayError.self) { try gateway.decodeMessage(unsigned, now: now) }
    }

    @Test(arguments: [301.0, -301.0])
    func staleTimestampIsRefused(offset: TimeInterval) {
        let error = #expect(throws: GatewayError.self) {
            try gateway.decodeMessage(request(Self.body, signature: Self.signature), now: now.addingTimeInterval(offset))
        }
        #expect(error?.code == .staleTimestamp)
        #expect(error?.httpStatus == 401)
    }

    @Test func localNumbersAreNormalisedAndReceivedAtDefaultsToNow() throws {
        let message = try gateway.decodeMessage(request(#"{"id":"m2","from":"987 000 002","to":"12345","text":"hola"}"#), now: now)
        #expect(message.from == "+51987000002")
        #expect(message.receivedAt == now)
    }

    @Test(arguments: [
        #"{"id":"","from":"+51987000001","to":"12345","text":"x"}"#,
        #"{"id":"a\u00f1","from":"+51987000001","to":"12345","text":"x"}"#,
        #"{"id":"m","from":"hola","to":"12345","text":"x"}"#,
        #"{"id":"m","from":"+51987000001","to":"12345","text":"x","received_at":"ayer"}"#,
        #"{"id":"m","from":"+51987000001","text":"x"}"#,
        #"[1,2]"#,
    ])
    func malformedBodiesAreRefused(_ body: String) {
        let error = #expect(throws: GatewayError.self) { try gateway.decodeMessage(request(body), now: now) }
        #expect(error?.code == .malformed)
        #expect(error?.httpStatus == 400)
    }

    @Test func idAndTextLimits() throws {
        let longID = String(repeating: "x", count: 129)
        #expect(throws: GatewayError.self) {
            try gateway.decodeMessage(request(#"{"id":"\#(longID)","from":"+51987000001","to":"1234","text":"x"}"#), now: now)
        }
        let maxText = String(repeating: "ñ", count: 1600)
        let message = try gateway.decodeMessage(request(#"{"id":"m","from":"+51987000001","to":"1234","text":"\#(maxText)"}"#), now: now)
        #expect(message.text.count == 1600)
        #expect(throws: GatewayError.self) {
            try gateway.decodeMessage(request(#"{"id":"m","from":"+51987000001","to":"1234","text":"\#(maxText)x"}"#), now: now)
        }
    }

    @Test func invalidUTF8IsMalformed() {
        let body = Array(#"{"id":"m","from":"+51987000001","to":"1234","text":""#.utf8) + [0xFF] + Array(#""}"#.utf8)
        let error = #expect(throws: GatewayError.self) { try gateway.decodeMessage(request(body), now: now) }
        #expect(error?.reason == "invalid UTF-8")
    }

    @Test func replyCarriesTheInboundIdAndReplies() throws {
        let message = try gateway.decodeMessage(request(Self.body, signature: Self.signature), now: now)
        let response = gateway.reply(to: message, replies: [InlineReply(to: "+51987000001", text: "Aporte de S/ 20 registrado", encoding: .gsm7)])
        #expect(response.status == 200)
        #expect(response.headers["Content-Type"] == "application/json")
        #expect(response.bodyText == #"{"id":"msg-0001","replies":[{"text":"Aporte de S/ 20 registrado","to":"+51987000001"}]}"#)
        #expect(gateway.reply(to: message, replies: []).bodyText == #"{"id":"msg-0001","replies":[]}"#)
    }

    @Test(arguments: [("sent", DeliveryStatus.sent), ("delivered", .delivered), ("failed", .failed)])
    func statusDecodes(value: String, status: DeliveryStatus) throws {
        let report = try gateway.decodeStatus(request(#"{"id":"4711","status":"\#(value)","error":"absent subscriber"}"#), now: now)
        #expect(report == DeliveryReport(outboxID: 4711, gatewayID: nil, status: status, error: "absent subscriber"))
    }

    @Test func statusNeedsOurNumericIdAndAKnownStatus() {
        #expect(throws: GatewayError.self) { try gateway.decodeStatus(request(#"{"id":"abc","status":"sent"}"#), now: now) }
        #expect(throws: GatewayError.self) { try gateway.decodeStatus(request(#"{"id":"1","status":"read"}"#), now: now) }
    }
}

@Suite("Console gateway")
struct ConsoleGatewayTests {
    @Test func senderPrintsMaskedPhoneAndAccepts() async {
        let lines = LineCollector()
        let sender = ConsoleSender(sink: { lines.append($0) })
        let outcome = await sender.send(OutboundMessage(id: 7, to: "+51987654321", text: "Hola", encoding: .gsm7, segments: 1, gateway: "console"))
        #expect(outcome == .accepted(gatewayID: "console-7"))
        #expect(lines.all == ["[console #7] to +51******321 (gsm7, 1 segment): Hola"])
    }

    @Test func inboundMessageIsNormalised() throws {
        let now = Date(timeIntervalSince1970: 0)
        let message = try ConsoleGateway.message(from: "987654321", text: "MENU", now: now, id: "c1")
        #expect(message == InboundMessage(gateway: "console", gatewayMessageID: "c1", from: "+51987654321", to: "console", text: "MENU", receivedAt: now))
        #expect(throws: GatewayError.self) { try ConsoleGateway.message(from: "hola", text: "x", now: now) }
    }

    @Test func gatewayErrorDescriptionIsSafe() {
        let error = GatewayError(code: .malformed, gateway: "generic", reason: "text too long", httpStatus: 400)
        #expect("\(error)" == "GatewayError.malformed from generic: text too long (answer 400)")
        #expect(error.shortDescription == "generic_malformed")
    }
}
