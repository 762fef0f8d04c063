import Engine
import Foundation
import FuzzSupport

@testable import Gateways

// TwilioWebhook on any query and form body, signed the way Twilio signs (URL + sorted decoded
// parameters, HMAC-SHA1) inside the harness: a signed request is refused as unauthorized only when
// its URL asks for a body hash, a decoded message has a sid and a sender, and the TwiML answer never
// carries an unescaped markup character or a control character. Also the URL port helper on any
// text.
//
// Input: flags byte, query bytes, 0xFF, body.
private let token = "fuzz-auth-token"
private let gateway = TwilioWebhook(authToken: token)

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTwilio(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    var input = FuzzInput(data, size)
    let flags = input.byte()
    let queryBytes = input.chunk()
    let body = input.rest()
    let query = String(decoding: queryBytes, as: UTF8.self)
    let isGet = flags & 1 == 1
    let url = "https://confianza.example.org/webhooks/twilio" + (flags & 2 != 0 || isGet ? "?" + query : "")
    let now = Date(timeIntervalSince1970: 1_795_000_000)

    let parameters = isGet ? [] : ((try? FormCodec.rawPairs(body)) ?? []).map { ($0.name, $0.value) }
    let signature = TwilioSignature.compute(url: url, rawParameters: parameters, authToken: token)
    let request = WebhookRequest(
        method: isGet ? "GET" : "POST", url: url,
        headers: [("Content-Type", "application/x-www-form-urlencoded"), ("X-Twilio-Signature", signature)], body: body)
    do {
        let message = try gateway.decodeMessage(request, now: now)
        require(!message.gatewayMessageID.isEmpty && !message.from.isEmpty, "accepted without sid or sender")
        let twiml = TwilioWebhook.twiml([message.text]).bodyText
        let inner = twiml.dropFirst(#"<?xml version="1.0" encoding="UTF-8"?><Response><Message>"#.count).dropLast("</Message></Response>".count)
        require(!inner.contains("<") && !inner.contains(">"), "unescaped markup in TwiML for \(message.text.debugDescription)")
        require(!inner.unicodeScalars.contains { $0.value < 0x20 && $0 != "\t" && $0 != "\n" && $0 != "\r" }, "control character in TwiML")
    } catch {
        require(error.code != .unauthorized || url.contains("bodySHA256"), "signed request refused: \(error) for \(url.debugDescription)")
    }
    do {
        _ = try gateway.decodeStatus(request, now: now)
    } catch {
        require(error.code != .unauthorized || url.contains("bodySHA256"), "signed status refused: \(error)")
    }
    let unsigned = WebhookRequest(method: request.method, url: url, headers: [("X-Twilio-Signature", signature + "x")], body: body)
    require((try? gateway.decodeMessage(unsigned, now: now)) == nil, "accepted a wrong signature")

    let variants = TwilioSignature.portVariants(of: "https://" + query)
    require(!variants.withPort.isEmpty && !variants.withoutPort.isEmpty, "empty port variant")
    _ = TwilioSignature.portVariants(of: query)
    return 0
}
