import Engine
import Foundation
@testable import Gateways
import Testing

@Suite("SMS Gateway for Android webhooks")
struct AndroidWebhookTests {
    static let body =
        #"{"deviceId":"ffffffffceb0b1db0000018e937c815b","event":"sms:received","id":"Ey6ECgOkVVFjz3CL48B8C","payload":{"messageId":"abc123","message":"ASISTI","sender":"+51987654321","recipient":"+51900000000","simNumber":1,"receivedAt":"2024-06-22T15:46:11.000-05:00"},"webhookId":"LreFUt-Z3sSq0JufY9uWB"}"#
    static let signature = "5b051aa47cace8d0b1e49a7faa54c933fe1e86e39073bd0f46c174da7845c458"
    let gateway = AndroidWebhook(signingKey: "my-signing-key")
    let now = Date(timeIntervalSince1970: 1_719_089_171 + 20)

    func request(_ body: [UInt8], timestamp: String = "1719089171", signature: String? = nil) -> WebhookRequest {
        let signature = signature ?? Signing.hmacSHA256Hex(key: "my-signing-key", message: body + Array(timestamp.utf8))
        return WebhookRequest(
            method: "POST", url: "https://bot.example.org/webhooks/android",
            headers: [("Content-Type", "application/json"), ("X-Signature", signature), ("X-Timestamp", timestamp)],
            body: body)
    }

    @Test func derivedVectorVerifiesAndDecodes() throws {
        #expect(Self.body.utf8.count == 297)
        let message = try gateway.decodeMessage(request(Array(Self.body.utf8), signature: Self.signature), now: now)
        #expect(message == InboundMessage(
            gateway: "android", gatewayMessageID: "Ey6ECgOkVVFjz3CL48B8C", from: "+51987654321", to: "+51900000000",
            text: "ASISTI", receivedAt: Date(timeIntervalSince1970: 1_719_089_171)))
    }

    @Test func upperCaseHexSignatureIsAccepted() throws {
        let message = try gateway.decodeMessage(request(Array(Self.body.utf8), signature: Self.signature.uppercased()), now: now)
        #expect(message.text == "ASISTI")
    }

    @Test func wrongKeyOrEditedBodyIsUnauthorized() {
        let other = AndroidWebhook(signingKey: "other-key")
        let error = #expect(throws: GatewayError.self) {
            try other.decodeMessage(request(Array(Self.body.utf8), signature: Self.signature), now: now)
        }
        #expect(error?.code == .unauthorized)
        #expect(error?.httpStatus == 401)
        let edited = Array(Self.body.replacingOccurrences(of: "ASISTI", with: "ASISTE").utf8)
        #expect(throws: GatewayError.self) { try gateway.decodeMessage(request(edited, signature: Self.signature), now: now) }
    }

    @Test func timestampIsPartOfTheSignature() {
        let error = #expect(throws: GatewayError.self) {
            try gateway.decodeMessage(request(Array(Self.body.utf8), timestamp: "1719089172", signature: Self.signature), now: now)
        }
        #expect(error?.code == .unauthorized)
    }

    @Test func missingHeadersAreUnauthorized() {
        let bare = WebhookRequest(method: "POST", url: "https://bot.example.org/webhooks/android", body: Array(Self.body.utf8))
        #expect(throws: GatewayError.self) { try gateway.decodeMessage(bare, now: now) }
    }

    @Test(arguments: [301.0, -301.0, 86_400.0])
    func staleTimestampIsRefused(offset: TimeInterval) {
        let error = #expect(throws: GatewayError.self) {
            try gateway.decodeMessage(
                request(Array(Self.body.utf8), signature: Self.signature),
                now: Date(timeIntervalSince1970: 1_719_089_171 + offset))
        }
        #expect(error?.code == .staleTimestamp)
        #expect(error?.httpStatus == 401)
    }

    @Test func timestampAtTheEdgeOfTheWindowIsAccepted() throws {
        let message = try gateway.decodeMessage(
            request(Array(Self.body.utf8), signature: Self.signature), now: Date(timeIntervalSince1970: 1_719_089_171 + 300))
        #expect(message.gatewayMessageID == "Ey6ECgOkVVFjz3CL48B8C")
    }

    @Test func olderAppsSendOnlyPhoneNumberAndNoRecipient() throws {
        let body = #"{"event":"sms:received","id":"e1","payload":{"messageId":"m1","message":"hola","phoneNumber":"6505551212","recipient":null,"simNumber":null,"receivedAt":"2024-06-22T15:46:11.000+07:00"}}"#
        let message = try gateway.decodeMessage(request(Array(body.utf8)), now: now)
        #expect(message.from == "6505551212")
        #expect(message.to == "")
        #expect(message.receivedAt == Date(timeIntervalSince1970: 1_719_045_971))
    }

    @Test func invalidUTF8IsMalformed() {
        let body = Array(#"{"event":"sms:received","id":"e1","payload":{"message":"#.utf8) + [0xC3, 0x28] + Array(#"","sender":"1"}}"#.utf8)
        let error = #expect(throws: GatewayError.self) { try gateway.decodeMessage(request(body), now: now) }
        #expect(error?.code == .malformed)
        #expect(error?.reason == "invalid UTF-8")
    }

    @Test(arguments: [#"not json"#, #"{"event":"sms:received"}"#, #"{"event":"sms:received","id":"e1","payload":{"sender":"1"}}"#])
    func malformedBodiesAreRefused(_ body: String) {
        let error = #expect(throws: GatewayError.self) { try gateway.decodeMessage(request(Array(body.utf8)), now: now) }
        #expect(error?.code == .malformed)
        #expect(error?.httpStatus == 400)
    }

    @Test func otherEventsOnTheInboundRouteAreUnsupportedAndAnswered200() {
        let body = #"{"event":"system:ping","id":"e9","payload":{}}"#
        let error = #expect(throws: GatewayError.self) { try gateway.decodeMessage(request(Array(body.utf8)), now: now) }
        #expect(error?.code == .unsupported)
        #expect(error?.httpStatus == 200)
    }

    @Test(arguments: [
        ("sms:sent", DeliveryStatus.sent, nil as String?), ("sms:delivered", .delivered, nil),
        ("sms:failed", .failed, "android failed: RESULT_ERROR_GENERIC_FAILURE"), ("sms:cancelled", .failed, "android cancelled"),
    ])
    func statusEventsMap(event: String, status: DeliveryStatus, error: String?) throws {
        let body = #"{"event":"\#(event)","id":"e2","payload":{"messageId":"confianza-outbox-4711","reason":"RESULT_ERROR_GENERIC_FAILURE"}}"#
        let report = try gateway.decodeStatus(request(Array(body.utf8)), now: now)
        #expect(report == DeliveryReport(outboxID: 4711, gatewayID: "confianza-outbox-4711", status: status, error: error))
    }

    @Test func statusOfAMessageNotOursHasNoOutboxID() throws {
        let body = #"{"event":"sms:delivered","id":"e3","payload":{"messageId":"Xyz12"}}"#
        let report = try gateway.decodeStatus(request(Array(body.utf8)), now: now)
        #expect(report.outboxID == nil)
        #expect(report.gatewayID == "Xyz12")
    }

    @Test func noInlineReplies() {
        #expect(gateway.carriesInlineReplies == false)
        let message = InboundMessage(gateway: "android", gatewayMessageID: "e", from: "1", to: "", text: "x", receivedAt: now)
        let response = gateway.reply(to: message, replies: [InlineReply(to: "1", text: "hola", encoding: .gsm7)])
        #expect(response.status == 200)
        #expect(response.body.isEmpty)
    }
}
