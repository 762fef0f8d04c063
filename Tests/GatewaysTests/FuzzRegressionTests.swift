import Engine
import Foundation
@testable import Gateways
import Testing

/// Inputs found by the libFuzzer targets in `fuzz/` (their files are in `fuzz/regressions/`).
@Suite("Fuzz regressions: gateways")
struct GatewayFuzzRegressionTests {
    let kannel = KannelWebhook(secret: "SECRET")
    let now = Date(timeIntervalSince1970: 1_764_072_000)

    /// fuzz-kannel: `ts=nan` parsed as a Double and became a NaN arrival time, which the SQLite store's
    /// `received_at REAL NOT NULL` refuses (NaN binds as NULL): the message could never be stored and
    /// Kannel would retry it for ever. A timestamp that is not a finite number now falls back to `now`.
    @Test(arguments: ["nan", "NaN", "inf", "-inf", "infinity", "-Infinity"])
    func nonFiniteKannelTimestampFallsBackToNow(_ ts: String) throws {
        let request = WebhookRequest(
            method: "GET",
            url: "http://127.0.0.1:8080/webhooks/kannel?key=SECRET&from=%2B51987000001&id=x&ts=\(ts)&text=hola")
        let message = try kannel.decodeMessage(request, now: now)
        #expect(message.receivedAt == now)
        #expect(message.receivedAt.timeIntervalSince1970.isFinite)
    }
}
