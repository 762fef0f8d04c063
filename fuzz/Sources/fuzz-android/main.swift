import Engine
import Foundation
import FuzzSupport

@testable import Gateways

// AndroidWebhook (SMSGate) on any body, signed with the test key inside the harness: a signed body
// is never refused as unauthorized or stale; a decoded message has an id and a sender. The same body
// with the signature of another body is refused.
private let key = "fuzz-signing-key"
private let gateway = AndroidWebhook(signingKey: key)

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzAndroid(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let body = Array(UnsafeBufferPointer(start: data, count: size))
    let now = Date(timeIntervalSince1970: 1_795_000_000)
    let timestamp = "1795000000"
    let signature = Signing.hmacSHA256Hex(key: key, message: body + Array(timestamp.utf8))
    let request = WebhookRequest(
        method: "POST", url: "http://127.0.0.1:8080/webhooks/android",
        headers: [("X-Signature", signature), ("X-Timestamp", timestamp)], body: body)
    do {
        let message = try gateway.decodeMessage(request, now: now)
        require(!message.gatewayMessageID.isEmpty && !message.from.isEmpty, "accepted without id or sender")
        require(message.receivedAt.timeIntervalSince1970.isFinite, "receivedAt not finite")
    } catch {
        require(error.code != .unauthorized && error.code != .staleTimestamp, "signed body refused: \(error)")
    }
    do {
        _ = try gateway.decodeStatus(request, now: now)
    } catch {
        require(error.code != .unauthorized && error.code != .staleTimestamp, "signed status refused: \(error)")
    }
    let other = Signing.hmacSHA256Hex(key: key, message: body + [0x20] + Array(timestamp.utf8))
    let forged = WebhookRequest(method: "POST", url: request.url, headers: [("X-Signature", other), ("X-Timestamp", timestamp)], body: body)
    require((try? gateway.decodeMessage(forged, now: now)) == nil, "accepted the signature of another body")
    return 0
}
