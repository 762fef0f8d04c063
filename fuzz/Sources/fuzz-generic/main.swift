import Engine
import Foundation
import FuzzSupport

@testable import Gateways

// GenericWebhook on any body, signed with the test secret inside the harness so decoding is reached:
// a signed body is never refused as unauthorized or stale, a decoded message has a printable id and
// numbers in E.164 (or a short code of 3-6 digits), and the JSON answer always encodes. A body signed for another timestamp is refused.
private let secret = "fuzz-secret"
private let gateway = GenericWebhook(secret: secret)

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzGeneric(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let body = Array(UnsafeBufferPointer(start: data, count: size))
    let now = Date(timeIntervalSince1970: 1_795_000_000)
    let timestamp = "1795000000"
    let signature = GenericWebhook.signature(body: body, timestamp: timestamp, secret: secret)
    let request = WebhookRequest(
        method: "POST", url: "http://127.0.0.1:8080/webhooks/generic",
        headers: [("Content-Type", "application/json"), ("X-Confianza-Timestamp", timestamp), ("X-Confianza-Signature", signature)],
        body: body)
    do {
        let message = try gateway.decodeMessage(request, now: now)
        require(!message.gatewayMessageID.isEmpty && message.gatewayMessageID.utf8.allSatisfy { (0x20...0x7E).contains($0) },
            "bad id \(message.gatewayMessageID.debugDescription)")
        require(isPhone(message.from) && isPhone(message.to), "numbers neither E.164 nor a short code: \(message.from) \(message.to)")
        require(message.receivedAt.timeIntervalSince1970.isFinite, "receivedAt not finite")
        let reply = gateway.reply(to: message, replies: [InlineReply(to: message.from, text: message.text, encoding: .ucs2)])
        require(reply.status == 200, "reply status \(reply.status)")
    } catch {
        require(error.code != .unauthorized && error.code != .staleTimestamp, "signed body refused: \(error)")
    }
    do {
        _ = try gateway.decodeStatus(request, now: now)
    } catch {
        require(error.code != .unauthorized && error.code != .staleTimestamp, "signed status refused: \(error)")
    }
    let replayed = WebhookRequest(
        method: "POST", url: request.url,
        headers: [("X-Confianza-Timestamp", "1795000001"), ("X-Confianza-Signature", signature)], body: body)
    require((try? gateway.decodeMessage(replayed, now: now)) == nil, "accepted a signature made for another timestamp")
    return 0
}

/// `+` and 4-15 digits, or a short code of 3-6 digits (PhoneNumber.normalize's two answers).
private func isPhone(_ text: String) -> Bool {
    let digits = text.hasPrefix("+") ? text.dropFirst() : Substring(text)
    guard digits.utf8.allSatisfy({ (0x30...0x39).contains($0) }) else { return false }
    return text.hasPrefix("+") ? (4...15).contains(digits.count) : (3...6).contains(digits.count)
}
