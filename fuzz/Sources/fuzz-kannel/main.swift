import Curl
import Engine
import Foundation
import FuzzSupport

@testable import Gateways

// KannelWebhook on any request that carries the right key: decoding never fails with anything but a
// 200 answer (Kannel would send a non-2xx to the phone as an error SMS), a decoded message has an
// id, a sender and a finite timestamp, and its text goes back through `reply`. The same request with
// a wrong key is always refused with 403. Below the key check: the form decoder reads back whatever
// the project's own encoder (CurlClient.formEncode) writes, and the charset and SMPP helpers take
// any text.
//
// Input: flags byte, query bytes, 0xFF, Content-Type bytes, 0xFF, body.
private let secret = "fuzz-secret"
private let gateway = KannelWebhook(secret: secret)

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzKannel(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    var input = FuzzInput(data, size)
    let flags = input.byte()
    let query = String(decoding: input.chunk(), as: UTF8.self)
    let contentType = String(decoding: input.chunk(), as: UTF8.self)
    let body = input.rest()
    let now = Date(timeIntervalSince1970: 1_795_000_000)

    var headers: [(String, String)] = []
    if flags & 2 != 0 { headers.append(("Content-Type", contentType)) }
    if flags & 4 != 0 { headers.append(("X-Kannel-Coding", flags & 8 != 0 ? "2" : "0")) }
    let method = flags & 1 == 0 ? "GET" : "POST"
    let base = "http://127.0.0.1:8080/webhooks/kannel"
    let signed = WebhookRequest(method: method, url: base + "?key=\(secret)&" + query, headers: headers, body: body)

    do {
        let message = try gateway.decodeMessage(signed, now: now)
        require(!message.gatewayMessageID.isEmpty && !message.from.isEmpty, "accepted without id or from: \(query.debugDescription)")
        require(message.receivedAt.timeIntervalSince1970.isFinite, "receivedAt \(message.receivedAt.timeIntervalSince1970) from \(query.debugDescription)")
        let reply = gateway.reply(
            to: message, replies: [InlineReply(to: message.from, text: message.text, encoding: .ucs2)])
        require(reply.status == 200 && reply.bodyText == message.text, "reply does not carry the text")
    } catch {
        require(error.httpStatus == 200, "answered \(error.httpStatus) (\(error.reason)) to a keyed request: \(query.debugDescription)")
    }
    do {
        _ = try gateway.decodeStatus(signed, now: now)
    } catch {
        require(error.httpStatus == 200, "status answered \(error.httpStatus) (\(error.reason)) to a keyed request")
    }

    let wrongKey = WebhookRequest(method: method, url: base + "?key=not-" + secret + "&" + query, headers: headers, body: body)
    do {
        _ = try gateway.decodeMessage(wrongKey, now: now)
        require(false, "accepted a wrong key: \(query.debugDescription)")
    } catch {
        require(error.code == .unauthorized || error.code == .malformed, "wrong key gave \(error.code)")
    }

    // The form decoder below the key check reads back what the project's encoder writes.
    let text = String(decoding: body, as: UTF8.self)
    let pairs = [("text", text), (contentType, query)]
    if let decoded = try? FormCodec.pairs(Array(CurlClient.formEncode(pairs).utf8)) {
        require(decoded.map(\.0) == pairs.map(\.0) && decoded.map(\.1) == pairs.map(\.1), "form round trip changed \(pairs)")
    } else {
        require(false, "form encoding of \(pairs) does not decode")
    }
    _ = try? FormCodec.rawPairs(body)
    _ = KannelWebhook.charsetParameter(contentType)
    _ = KannelWebhook.smppErrorCode(text)
    return 0
}
