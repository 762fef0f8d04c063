import Curl
import Engine
import Foundation
@testable import Gateways
import Testing

@Suite("Outbound senders against a fake gateway")
struct SenderTests {
    static let client = CurlClient(configuration: .init(maxConcurrentTransfers: 2))
    static let question = "¿Cómo está?"
    static let escapedQuestion = "%C2%BFC%C3%B3mo%20est%C3%A1%3F"

    func message(_ text: String = Self.question, encoding: SMSEncoding = .gsm7) -> OutboundMessage {
        OutboundMessage(id: 4711, to: "+51987654321", text: text, encoding: encoding, segments: 1, gateway: "test")
    }

    // MARK: Twilio

    func twilio(_ base: String, status: Int) -> TwilioSender {
        TwilioSender(
            config: TwilioConfig(
                accountSID: "AC123", authToken: "tok:3n", from: "+15005550006", apiBaseURL: "\(base)/twilio/\(status)",
                statusCallbackURL: "https://bot.example.org/webhooks/twilio/status"),
            client: Self.client)
    }

    @Test func twilioCreatedIsAcceptedWithSidAndRequestIsShapedRight() async throws {
        let recorder = Recorder<RecordedRequest>()
        try await withFakeGateway(recorder) { base in
            let outcome = await twilio(base, status: 201).send(message())
            #expect(outcome == .accepted(gatewayID: "SM0123456789abcdef0123456789abcdef"))
        }
        let request = try #require(recorder.all.first)
        #expect(request.method == "POST")
        #expect(request.uri == "/twilio/201/2010-04-01/Accounts/AC123/Messages.json")
        #expect(request.headers["authorization"] == "Basic " + Data("AC123:tok:3n".utf8).base64EncodedString())
        #expect(request.headers["content-type"] == "application/x-www-form-urlencoded")
        #expect(request.bodyText == "To=%2B51987654321&From=%2B15005550006&Body=\(Self.escapedQuestion)&StatusCallback=https%3A%2F%2Fbot.example.org%2Fwebhooks%2Ftwilio%2Fstatus")
        let fields = try FormCodec.pairs(request.body)
        #expect(fields.first { $0.0 == "Body" }?.1 == Self.question)
    }

    @Test func twilioMessagingServiceSidIsSentAsSuch() {
        let sender = TwilioSender(
            config: TwilioConfig(accountSID: "AC1", authToken: "t", from: "MG00000000000000000000000000000000"), client: Self.client)
        let body = String(decoding: sender.request(for: message("hola")).body ?? [], as: UTF8.self)
        #expect(body == "To=%2B51987654321&MessagingServiceSid=MG00000000000000000000000000000000&Body=hola")
    }

    @Test func twilioErrorsMapToRetryableOrPermanent() async throws {
        let recorder = Recorder<RecordedRequest>()
        try await withFakeGateway(recorder) { base in
            #expect(await twilio(base, status: 429).send(message()) == .retryable(reason: "twilio HTTP 429 code 20429", retryAfter: 3))
            #expect(await twilio(base, status: 500).send(message()) == .retryable(reason: "twilio HTTP 500", retryAfter: nil))
            let invalid = await twilio(base, status: 400).send(message())
            #expect(invalid == .permanent(reason: "twilio HTTP 400 code 21211"))
            if case .permanent(let reason) = invalid { #expect(!reason.contains("987654321")) }
        }
        #expect(recorder.all.count == 3)
    }

    @Test func networkFailureIsRetryable() async {
        let sender = TwilioSender(
            config: TwilioConfig(accountSID: "AC1", authToken: "t", from: "+1500", apiBaseURL: "http://127.0.0.1:1"),
            client: Self.client)
        #expect(await sender.send(message()) == .retryable(reason: "twilio curl_could_not_connect", retryAfter: nil))
    }

    // MARK: Kannel

    func kannel(_ base: String, status: String) -> KannelSender {
        KannelSender(
            config: KannelConfig(
                secret: "SECRET", sendsmsURL: "\(base)/kannel/\(status)/cgi-bin/sendsms", username: "confianza",
                password: "p&ss word", from: "12345", statusURL: "http://127.0.0.1:8080/webhooks/kannel/status"),
            client: Self.client)
    }

    @Test func kannelAcceptedAndQueryEscaped() async throws {
        let recorder = Recorder<RecordedRequest>()
        try await withFakeGateway(recorder) { base in
            #expect(await kannel(base, status: "202").send(message()) == .accepted(gatewayID: nil))
            #expect(await kannel(base, status: "202q").send(message("Sí ✓", encoding: .ucs2)) == .accepted(gatewayID: nil))
        }
        let requests = recorder.all
        try #require(requests.count == 2)
        #expect(requests[0].method == "GET")
        #expect(requests[0].query == "username=confianza&password=p%26ss%20word&to=%2B51987654321&text=\(Self.escapedQuestion)&coding=0&charset=UTF-8&from=12345&dlr-mask=31&dlr-url=http%3A%2F%2F127.0.0.1%3A8080%2Fwebhooks%2Fkannel%2Fstatus%3Fkey%3DSECRET%26out%3D4711%26type%3D%25d")
        let second = try FormCodec.pairs(Array(requests[1].query.utf8))
        #expect(second.first { $0.0 == "coding" }?.1 == "2")
        #expect(second.first { $0.0 == "text" }?.1 == "Sí ✓")
    }

    @Test func kannelDLRURLRoundTripsThroughTheStatusDecoder() throws {
        let request = kannel("http://127.0.0.1:13013", status: "202").request(for: message())
        let query = String(request.url.split(separator: "?", maxSplits: 1)[1])
        let dlrURL = try #require(try FormCodec.pairs(Array(query.utf8)).first { $0.0 == "dlr-url" }?.1)
        #expect(dlrURL == "http://127.0.0.1:8080/webhooks/kannel/status?key=SECRET&out=4711&type=%d")
        // smsbox expands %d to the DLR type and fetches the URL.
        let fetched = WebhookRequest(method: "GET", url: dlrURL.replacingOccurrences(of: "%d", with: "1"))
        let report = try KannelWebhook(secret: "SECRET").decodeStatus(fetched, now: Date())
        #expect(report == DeliveryReport(outboxID: 4711, gatewayID: nil, status: .delivered))
    }

    @Test func kannelFailuresMap() async throws {
        let recorder = Recorder<RecordedRequest>()
        try await withFakeGateway(recorder) { base in
            #expect(await kannel(base, status: "503").send(message()) == .retryable(reason: "kannel HTTP 503", retryAfter: nil))
            #expect(await kannel(base, status: "403").send(message()) == .permanent(reason: "kannel HTTP 403"))
            #expect(await kannel(base, status: "400").send(message()) == .permanent(reason: "kannel HTTP 400"))
        }
    }

    // MARK: SMS Gateway for Android

    func android(_ base: String, status: Int) -> AndroidSender {
        AndroidSender(
            config: AndroidConfig(url: "\(base)/android/\(status)", username: "sms", password: "gate", signingKey: "k", simNumber: 1, ttl: 3600),
            client: Self.client)
    }

    @Test func androidAcceptedWithOurIdAndJSONShape() async throws {
        let recorder = Recorder<RecordedRequest>()
        try await withFakeGateway(recorder) { base in
            #expect(await android(base, status: 202).send(message()) == .accepted(gatewayID: "confianza-outbox-4711"))
        }
        let request = try #require(recorder.all.first)
        #expect(request.uri == "/android/202/messages")
        #expect(request.headers["authorization"] == "Basic " + Data("sms:gate".utf8).base64EncodedString())
        #expect(request.headers["content-type"] == "application/json")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(request.body)) as? [String: Any])
        #expect(json["id"] as? String == "confianza-outbox-4711")
        #expect(json["phoneNumbers"] as? [String] == ["+51987654321"])
        #expect((json["textMessage"] as? [String: Any])?["text"] as? String == Self.question)
        #expect(json["simNumber"] as? Int == 1)
        #expect(json["ttl"] as? Int == 3600)
        #expect(json["withDeliveryReport"] as? Bool == true)
    }

    @Test func androidDuplicateIdIsAcceptedAndErrorsMap() async throws {
        let recorder = Recorder<RecordedRequest>()
        try await withFakeGateway(recorder) { base in
            #expect(await android(base, status: 409).send(message()) == .accepted(gatewayID: "confianza-outbox-4711"))
            #expect(await android(base, status: 503).send(message()) == .retryable(reason: "android HTTP 503", retryAfter: nil))
            #expect(await android(base, status: 400).send(message()) == .permanent(reason: "android HTTP 400"))
        }
    }

    // MARK: Generic

    @Test func genericIsSignedAndMapsAnswers() async throws {
        let recorder = Recorder<RecordedRequest>()
        let fixed = Date(timeIntervalSince1970: 1_764_072_000)
        func sender(_ base: String, _ status: Int) -> GenericSender {
            GenericSender(
                config: GenericConfig(secret: "in", outboundURL: "\(base)/generic/\(status)", outboundSecret: "out-secret"),
                client: Self.client, now: { fixed })
        }
        try await withFakeGateway(recorder) { base in
            #expect(await sender(base, 200).send(message()) == .accepted(gatewayID: "gw-77"))
            #expect(await sender(base, 500).send(message()) == .retryable(reason: "generic HTTP 500", retryAfter: nil))
            #expect(await sender(base, 429).send(message()) == .retryable(reason: "generic HTTP 429", retryAfter: nil))
            #expect(await sender(base, 422).send(message()) == .permanent(reason: "generic HTTP 422"))
        }
        let request = try #require(recorder.all.first)
        #expect(request.headers["x-confianza-timestamp"] == "1764072000")
        #expect(request.headers["x-confianza-signature"] == GenericWebhook.signature(body: request.body, timestamp: "1764072000", secret: "out-secret"))
        #expect(request.bodyText == #"{"encoding":"gsm7","id":"4711","segments":1,"text":"¿Cómo está?","to":"+51987654321"}"#)
    }
}
