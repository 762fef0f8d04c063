import Engine
import Foundation
@testable import Gateways
import Testing

@Suite("Kannel webhooks")
struct KannelWebhookTests {
    let gateway = KannelWebhook(secret: "SECRET")
    let now = Date(timeIntervalSince1970: 1_764_072_000)
    static let base = "http://127.0.0.1:8080/webhooks/kannel"

    func get(_ query: String) -> WebhookRequest {
        WebhookRequest(method: "GET", url: Self.base + "?" + query, headers: [("User-Agent", "Kannel/1.4.5")])
    }

    @Test func decodesTheRecommendedGetURL() throws {
        // As smsbox expands the §2.2 get-url: `+` for spaces, %2B for the plus of numbers.
        let query = "key=SECRET&from=%2B51987654321&to=12345&text=ASISTI+20+%C2%BFs%C3%AD%3F&id=6f1c2b7e-1111-2222-3333-444455556666&ts=1764071990&smsc=FAKE&coding=0&charset=UTF-8"
        let message = try gateway.decodeMessage(get(query), now: now)
        #expect(message == InboundMessage(
            gateway: "kannel", gatewayMessageID: "6f1c2b7e-1111-2222-3333-444455556666", from: "+51987654321",
            to: "12345", text: "ASISTI 20 ¿sí?", receivedAt: Date(timeIntervalSince1970: 1_764_071_990)))
    }

    @Test func missingTimestampUsesNow() throws {
        let message = try gateway.decodeMessage(get("key=SECRET&from=%2B51987654321&to=12345&text=hola&id=a1&ts=&coding=&charset="), now: now)
        #expect(message.receivedAt == now)
        #expect(message.text == "hola")
    }

    @Test(arguments: ["", "key=", "key=SECRE", "key=SECRET2", "KEY=SECRET"])
    func wrongOrMissingKeyIsUnauthorized(_ key: String) {
        let error = #expect(throws: GatewayError.self) {
            try gateway.decodeMessage(get("\(key)&from=%2B51987654321&text=hola&id=a1"), now: now)
        }
        #expect(error?.code == .unauthorized)
        #expect(error?.httpStatus == 403)
    }

    @Test func binaryCodingIsUnsupportedAndAnswered200() {
        let error = #expect(throws: GatewayError.self) {
            try gateway.decodeMessage(get("key=SECRET&from=%2B51987654321&text=%00%01&id=a1&coding=1&charset=8-BIT"), now: now)
        }
        #expect(error?.code == .unsupported)
        #expect(error?.httpStatus == 200)
    }

    @Test func ucs2TextInUTF16BEIsDecoded() throws {
        // "Sí 😀" in UTF-16BE, percent-encoded as Kannel does without mo-recode.
        let query = "key=SECRET&from=%2B51987654321&to=12345&text=%00S%00%ED%00+%D8%3D%DE%00&id=a2&coding=2&charset=UTF-16BE"
        let message = try gateway.decodeMessage(get(query), now: now)
        #expect(message.text == "Sí 😀")
    }

    @Test func ucs2WithoutCharsetDefaultsToUTF16BE() throws {
        let message = try gateway.decodeMessage(get("key=SECRET&from=1&text=%00h%00i&id=a3&coding=2"), now: now)
        #expect(message.text == "hi")
    }

    @Test func invalidUTF8IsMalformedButAnswered200() {
        let error = #expect(throws: GatewayError.self) {
            try gateway.decodeMessage(get("key=SECRET&from=%2B51987654321&text=%C3%28&id=a1&coding=0&charset=UTF-8"), now: now)
        }
        #expect(error?.code == .malformed)
        #expect(error?.reason == "invalid UTF-8")
        #expect(error?.httpStatus == 200)
    }

    @Test func missingIdIsMalformed() {
        let error = #expect(throws: GatewayError.self) {
            try gateway.decodeMessage(get("key=SECRET&from=%2B51987654321&text=hola"), now: now)
        }
        #expect(error?.code == .malformed)
    }

    @Test func postURLTakesTheTextFromTheBody() throws {
        let request = WebhookRequest(
            method: "POST", url: Self.base + "?key=SECRET&from=%2B51987654321&to=12345&id=p1",
            headers: [("Content-Type", #"text/plain; charset="UTF-16BE""#), ("X-Kannel-Coding", "2")],
            body: [0x00, 0x4F, 0x00, 0x4B])
        let message = try gateway.decodeMessage(request, now: now)
        #expect(message.text == "OK")
        #expect(message.gatewayMessageID == "p1")
    }

    @Test(arguments: [
        (1, DeliveryStatus.delivered), (2, .failed), (4, .sent), (8, .sent), (16, .failed), (32, .sent),
    ])
    func dlrTypesMapToStatus(type: Int, status: DeliveryStatus) throws {
        let report = try gateway.decodeStatus(get("key=SECRET&out=4711&type=\(type)"), now: now)
        #expect(report.outboxID == 4711)
        #expect(report.gatewayID == nil)
        #expect(report.status == status)
        #expect((report.error != nil) == (status == .failed))
    }

    @Test func failedDLRKeepsOnlyTheSMSCErrorCode() throws {
        let answer = "id%3A1+sub%3A001+dlvrd%3A000+stat%3AUNDELIV+err%3A0B1+text%3AHola+Ana+tu+aporte"
        let report = try gateway.decodeStatus(get("key=SECRET&out=7&type=2&answer=\(answer)"), now: now)
        #expect(report.error == "kannel dlr type 2 err:0B1")
    }

    @Test func dlrNeedsKeyOutAndKnownType() {
        #expect(throws: GatewayError.self) { try gateway.decodeStatus(get("out=1&type=1"), now: now) }
        #expect(throws: GatewayError.self) { try gateway.decodeStatus(get("key=SECRET&type=1"), now: now) }
        #expect(throws: GatewayError.self) { try gateway.decodeStatus(get("key=SECRET&out=1&type=3"), now: now) }
    }

    @Test func replyIsPlainTextWithCodingHeaderForUCS2() {
        let message = InboundMessage(gateway: "kannel", gatewayMessageID: "a", from: "+51987654321", to: "1", text: "x", receivedAt: now)
        let gsm = gateway.reply(to: message, replies: [InlineReply(to: "+51987654321", text: "Gracias", encoding: .gsm7)])
        #expect(gsm.status == 200)
        #expect(gsm.headers == ["Content-Type": "text/plain; charset=utf-8"])
        #expect(gsm.bodyText == "Gracias")
        let ucs2 = gateway.reply(to: message, replies: [
            InlineReply(to: "+51987654321", text: "Línea 1", encoding: .ucs2),
            InlineReply(to: "+51987654321", text: "dos", encoding: .gsm7),
        ])
        #expect(ucs2.headers["X-Kannel-Coding"] == "2")
        #expect(ucs2.bodyText == "Línea 1\ndos")
        let empty = gateway.reply(to: message, replies: [])
        #expect(empty.status == 200 && empty.body.isEmpty)
    }
}

@Suite("Form decoding")
struct FormCodecTests {
    @Test func keepsOrderRepeatsAndDecodesPlus() throws {
        let pairs = try FormCodec.pairs(Array("b=1&a=x+y&b=%2B2&&flag".utf8))
        #expect(pairs.map(\.0) == ["b", "a", "b", "flag"])
        #expect(pairs.map(\.1) == ["1", "x y", "+2", ""])
    }

    @Test(arguments: ["a=%", "a=%2", "a=%zz", "%G0=1"])
    func badPercentEncodingFails(_ body: String) {
        #expect(throws: FormCodec.Failure.self) { try FormCodec.rawPairs(Array(body.utf8)) }
    }
}
