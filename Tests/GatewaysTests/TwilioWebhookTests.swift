import Engine
import Foundation
@testable import Gateways
import Testing

@Suite("Twilio signature (official vectors, gateways.md §1.3)")
struct TwilioSignatureTests {
    static let token = "12345"
    static let url = "https://mycompany.com/myapp.php?foo=1&bar=2"
    static let params = [
        ("CallSid", "CA1234567890ABCDE"), ("Digits", "1234"), ("From", "+14158675309"), ("To", "+18005551212"),
        ("Caller", "+14158675309"),
    ]

    @Test func computesTheOfficialSignature() {
        #expect(TwilioSignature.compute(url: Self.url, parameters: Self.params, authToken: Self.token) == "RSOYDt4T1cUTdK1PDd93/VVr8B8=")
        #expect(TwilioSignature.isValid("RSOYDt4T1cUTdK1PDd93/VVr8B8=", url: Self.url, parameters: Self.params, authToken: Self.token))
    }

    @Test(arguments: [
        ("https://mycompany.com:1234/myapp.php?foo=1&bar=2", "RSOYDt4T1cUTdK1PDd93/VVr8B8="),
        ("http://mycompany.com:1234/myapp.php?foo=1&bar=2", "Zmvh+3yNM1Phv2jhDCwEM3q5ebU="),
        ("https://mycompany.com/myapp.php?foo=1&bar=2", "kvajT1Ptam85bY51eRf/AJRuM3w="),
        ("http://mycompany.com/myapp.php?foo=1&bar=2", "0ZXoZLH/DfblKGATFgpif+LLRf4="),
    ])
    func acceptsBothPortVariants(url: String, signature: String) {
        #expect(TwilioSignature.isValid(signature, url: url, parameters: Self.params, authToken: Self.token))
    }

    @Test func repeatedKeysAreSortedByValue() {
        let params = [("Sid", "CA123"), ("SidAccount", "AC123"), ("Digits", "5678"), ("Digits", "1234")]
        #expect(TwilioSignature.compute(url: Self.url, parameters: params, authToken: Self.token) == "IK+Dwps556ElfBT0I3Rgjkr1wJU=")
    }

    @Test func jsonBodyIsCheckedThroughBodySHA256() {
        let body = Array(#"{"property": "value", "boolean": true}"#.utf8)
        let url = Self.url + "&bodySHA256=0a1ff7634d9ab3b95db5c9a2dfe9416e41502b283a80c7cf19632632f96e6620"
        #expect(TwilioSignature.isValid("a9nBmqA0ju/hNViExpshrM61xv4=", url: url, parameters: [], body: body, authToken: Self.token))
        #expect(!TwilioSignature.isValid("a9nBmqA0ju/hNViExpshrM61xv4=", url: url, parameters: [], body: body + [0x20], authToken: Self.token))
    }

    @Test func wrongTokenOrChangedParameterFails() {
        #expect(!TwilioSignature.isValid("RSOYDt4T1cUTdK1PDd93/VVr8B8=", url: Self.url, parameters: Self.params, authToken: "12346"))
        var changed = Self.params
        changed[1] = ("Digits", "1235")
        #expect(!TwilioSignature.isValid("RSOYDt4T1cUTdK1PDd93/VVr8B8=", url: Self.url, parameters: changed, authToken: Self.token))
        #expect(!TwilioSignature.isValid("", url: Self.url, parameters: Self.params, authToken: Self.token))
    }

    @Test func portVariantsKeepUserInfoAndIPv6() {
        let plain = TwilioSignature.portVariants(of: "https://u:p@host.example/x?y=1")
        #expect(plain.withoutPort == "https://u:p@host.example/x?y=1")
        #expect(plain.withPort == "https://u:p@host.example:443/x?y=1")
        let ipv6 = TwilioSignature.portVariants(of: "http://[::1]:8080/x")
        #expect(ipv6.withoutPort == "http://[::1]/x")
        #expect(ipv6.withPort == "http://[::1]:8080/x")
    }
}

@Suite("Twilio webhooks")
struct TwilioWebhookTests {
    static let url = "https://bot.example.org/webhooks/twilio"
    static let body =
        "AccountSid=AC00000000000000000000000000000000&ApiVersion=2010-04-01&Body=Hola+%C3%B1and%C3%BA&From=%2B51987654321&MessageSid=SM00000000000000000000000000000001&NumMedia=0&NumSegments=1&SmsMessageSid=SM00000000000000000000000000000001&SmsSid=SM00000000000000000000000000000001&SmsStatus=received&To=%2B15005550006"
    let gateway = TwilioWebhook(authToken: "12345")
    let now = Date(timeIntervalSince1970: 1_764_072_000)

    func request(_ body: String, signature: String?, url: String = Self.url) -> WebhookRequest {
        var headers = [("Content-Type", "application/x-www-form-urlencoded")]
        if let signature { headers.append(("X-Twilio-Signature", signature)) }
        return WebhookRequest(method: "POST", url: url, headers: headers, body: Array(body.utf8))
    }

    @Test func decodesTheDerivedSMSVector() throws {
        let message = try gateway.decodeMessage(request(Self.body, signature: "8yqFhDQfecp7rNIgzkrPIGOeSrw="), now: now)
        #expect(message == InboundMessage(
            gateway: "twilio", gatewayMessageID: "SM00000000000000000000000000000001", from: "+51987654321",
            to: "+15005550006", text: "Hola ñandú", receivedAt: now))
    }

    @Test func wrongTokenIsUnauthorized() {
        let other = TwilioWebhook(authToken: "54321")
        let error = #expect(throws: GatewayError.self) {
            try other.decodeMessage(request(Self.body, signature: "8yqFhDQfecp7rNIgzkrPIGOeSrw="), now: now)
        }
        #expect(error?.code == .unauthorized)
        #expect(error?.httpStatus == 403)
        #expect(error?.shortDescription == "twilio_unauthorized")
    }

    @Test func missingSignatureOrOtherURLIsUnauthorized() {
        #expect(throws: GatewayError.self) { try gateway.decodeMessage(request(Self.body, signature: nil), now: now) }
        let error = #expect(throws: GatewayError.self) {
            try gateway.decodeMessage(
                request(Self.body, signature: "8yqFhDQfecp7rNIgzkrPIGOeSrw=", url: Self.url + "/"), now: now)
        }
        #expect(error?.code == .unauthorized)
    }

    @Test func reorderedBodyStillVerifiesButEditedValueDoesNot() throws {
        let pairs = Self.body.split(separator: "&").reversed().joined(separator: "&")
        let message = try gateway.decodeMessage(request(pairs, signature: "8yqFhDQfecp7rNIgzkrPIGOeSrw="), now: now)
        #expect(message.text == "Hola ñandú")
        let edited = Self.body.replacingOccurrences(of: "Hola", with: "Chau")
        #expect(throws: GatewayError.self) {
            try gateway.decodeMessage(request(edited, signature: "8yqFhDQfecp7rNIgzkrPIGOeSrw="), now: now)
        }
    }

    @Test func invalidUTF8IsMalformedAfterTheSignatureCheck() throws {
        let body = "MessageSid=SM1&From=%2B51987654321&To=%2B15005550006&Body=%FF%FEx"
        let raw = try FormCodec.rawPairs(Array(body.utf8)).map { ($0.name, $0.value) }
        let signature = TwilioSignature.compute(url: Self.url, rawParameters: raw, authToken: "12345")
        let error = #expect(throws: GatewayError.self) { try gateway.decodeMessage(request(body, signature: signature), now: now) }
        #expect(error?.code == .malformed)
        #expect(error?.httpStatus == 400)
        #expect(error?.reason == "invalid UTF-8")
    }

    @Test func badPercentEncodingIsMalformed() {
        let error = #expect(throws: GatewayError.self) {
            try gateway.decodeMessage(request("Body=%G1", signature: "x"), now: now)
        }
        #expect(error?.code == .malformed)
    }

    @Test func mediaWithoutTextIsUnsupported() throws {
        let params = [("MessageSid", "MM1"), ("From", "+51987654321"), ("To", "+15005550006"), ("Body", ""), ("NumMedia", "1")]
        let signature = TwilioSignature.compute(url: Self.url, parameters: params, authToken: "12345")
        let error = #expect(throws: GatewayError.self) {
            try gateway.decodeMessage(request("MessageSid=MM1&From=%2B51987654321&To=%2B15005550006&Body=&NumMedia=1", signature: signature), now: now)
        }
        #expect(error?.code == .unsupported)
    }

    @Test func getWebhookSignsTheURLOnly() throws {
        let url = Self.url + "?MessageSid=SM9&From=%2B51987654321&To=%2B15005550006&Body=hola+mundo"
        let signature = TwilioSignature.compute(url: url, parameters: [], authToken: "12345")
        let message = try gateway.decodeMessage(
            WebhookRequest(method: "GET", url: url, headers: [("X-Twilio-Signature", signature)]), now: now)
        #expect(message.gatewayMessageID == "SM9")
        #expect(message.text == "hola mundo")
    }

    @Test func signatureSettingsVariantIsRefused() {
        var signed = request(Self.body, signature: "8yqFhDQfecp7rNIgzkrPIGOeSrw=")
        signed.headers.append(("X-Twilio-Webhooks-Signature-Settings", "key=k,algorithm=HMAC_SHA256"))
        #expect(throws: GatewayError.self) { try gateway.decodeMessage(signed, now: now) }
    }

    @Test(arguments: [
        ("delivered", DeliveryStatus.delivered, nil as String?), ("read", .delivered, nil), ("sent", .sent, nil),
        ("sending", .sending, nil), ("queued", .queued, nil), ("undelivered", .failed, "twilio error 30003"),
        ("failed", .failed, "twilio error 30003"), ("canceled", .failed, "twilio error 30003"),
    ])
    func statusCallbackMapsStatus(value: String, status: DeliveryStatus, error: String?) throws {
        var params = [("MessageSid", "SM42"), ("MessageStatus", value), ("AccountSid", "AC1")]
        var body = "MessageSid=SM42&MessageStatus=\(value)&AccountSid=AC1"
        if error != nil {
            params.append(("ErrorCode", "30003"))
            body += "&ErrorCode=30003"
        }
        let url = Self.url + "/status"
        let signature = TwilioSignature.compute(url: url, parameters: params, authToken: "12345")
        let report = try gateway.decodeStatus(request(body, signature: signature, url: url), now: now)
        #expect(report == DeliveryReport(outboxID: nil, gatewayID: "SM42", status: status, error: error))
    }

    @Test func inboundStatusValueIsMalformedOnStatusRoute() {
        let params = [("MessageSid", "SM42"), ("MessageStatus", "received")]
        let signature = TwilioSignature.compute(url: Self.url, parameters: params, authToken: "12345")
        let error = #expect(throws: GatewayError.self) {
            try gateway.decodeStatus(request("MessageSid=SM42&MessageStatus=received", signature: signature), now: now)
        }
        #expect(error?.code == .malformed)
    }
}

@Suite("TwiML replies")
struct TwiMLTests {
    let message = InboundMessage(gateway: "twilio", gatewayMessageID: "SM1", from: "+51987654321", to: "+1500", text: "x", receivedAt: Date())

    @Test func oneMessagePerReplyEscaped() {
        let response = TwilioWebhook(authToken: "t").reply(to: message, replies: [
            InlineReply(to: "+51987654321", text: "Gracias. Asistencia registrada.", encoding: .gsm7),
            InlineReply(to: "+51987654321", text: #"<b> & "Tom's" >"#, encoding: .gsm7),
        ])
        #expect(response.status == 200)
        #expect(response.headers["Content-Type"] == "text/xml; charset=utf-8")
        #expect(response.bodyText == #"<?xml version="1.0" encoding="UTF-8"?><Response><Message>Gracias. Asistencia registrada.</Message><Message>&lt;b&gt; &amp; &quot;Tom&apos;s&quot; &gt;</Message></Response>"#)
    }

    @Test func noReplyIsAnEmptyResponse() {
        let response = TwilioWebhook(authToken: "t").reply(to: message, replies: [])
        #expect(response.bodyText == #"<?xml version="1.0" encoding="UTF-8"?><Response/>"#)
    }

    @Test func controlCharactersAreDroppedAndUnicodeKept() {
        #expect(TwilioWebhook.xmlEscaped("a\u{0}b\u{1B}c\nñ😀") == "abc\nñ😀")
    }
}
