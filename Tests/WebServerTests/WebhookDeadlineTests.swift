import Engine
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import TrustCore
import WebServer

/// A transaction that hangs (PostgreSQL stopped under it) gets a 503 within `limits.webhook_deadline_seconds`,
/// finishes on its own once the database answers, and the gateway's retry gets its answer without a second write.
@Suite("Webhook deadline", .timeLimit(.minutes(1)))
struct WebhookDeadlineTests {
    static let deadline: TimeInterval = 0.5

    func fixture() async throws -> (WebFixture, HeldStore) {
        var held: HeldStore?
        var f = try await WebFixture.make { memory in
            let store = HeldStore(base: memory)
            held = store
            return store
        }
        f.config.webhookDeadline = Self.deadline
        return (f, try #require(held))
    }

    @Test func aHungInboundTransactionIs503InTimeAndItsRetryGetsTheStoredAnswer() async throws {
        let (f, store) = try await fixture()
        try await f.application.test(.router) { client in
            // The question to answer. Under a loaded test run this first request may itself take longer than the
            // short deadline: like a gateway, send it again until it is answered 200 (a retry writes nothing twice).
            let (askBody, askHeaders) = f.genericRequest(id: "g1", text: "aporte 20")
            var asked = false
            for _ in 0..<20 where !asked {
                try await client.execute(uri: "/webhooks/generic", method: .post, headers: askHeaders, body: askBody) { asked = $0.status == .ok }
            }
            #expect(asked)

            store.hold()
            let (body, headers) = f.genericRequest(id: "g2", text: "1")
            let started = ContinuousClock.now
            try await client.execute(uri: "/webhooks/generic", method: .post, headers: headers, body: body) { response in
                #expect(response.status == .serviceUnavailable)
                #expect(response.headers[.retryAfter] == "5")
                #expect(String(buffer: response.body) == "temporarily unavailable\n")
            }
            #expect(ContinuousClock.now - started < .seconds(Self.deadline) + .seconds(2))
            #expect(try await f.store.read { tx in try await tx.inbound(gateway: "generic", messageID: "g2") } == nil)
            #expect(try await contributions(f) == 0)

            store.release()
            let stored = try #require(try await eventually { try await f.store.read { tx in try await tx.inbound(gateway: "generic", messageID: "g2") } })
            #expect(try await contributions(f) == 1)
            let state = try await f.store.read { tx in try await tx.conversationState(phone: WebFixture.rosaPhone) }

            try await client.execute(uri: "/webhooks/generic", method: .post, headers: headers, body: body) { response in
                #expect(response.status == .ok)
                let answer = try JSONDecoder().decode(GenericAnswer.self, from: Data(response.body.readableBytesView))
                #expect(answer.id == "g2")
                #expect(!answer.replies.isEmpty)
                #expect(answer.replies.map(\.text) == stored.replies)
            }
            #expect(try await contributions(f) == 1)
            #expect(try await f.store.read { tx in try await tx.conversationState(phone: WebFixture.rosaPhone) } == state)
        }
    }

    @Test func aHungDeliveryReportIs503InTimeAndIsAppliedOnceTheStoreAnswers() async throws {
        let (f, store) = try await fixture()
        let id = try await f.store.transaction { tx in
            try await tx.enqueue(NewOutbound(
                to: WebFixture.rosaPhone, text: "hola", encoding: .gsm7, segments: 1, gateway: "kannel", notBefore: f.clock, kind: "reply",
                networkID: nil, createdAt: f.clock))
        }
        let uri = "/webhooks/kannel/status?key=\(WebFixture.kannelSecret)&out=\(id)&type=1"
        try await f.application.test(.router) { client in
            store.hold()
            let started = ContinuousClock.now
            try await client.execute(uri: uri, method: .get) { response in
                #expect(response.status == .serviceUnavailable)
                #expect(response.headers[.retryAfter] == "5")
            }
            #expect(ContinuousClock.now - started < .seconds(Self.deadline) + .seconds(2))
            #expect(try await delivered(f).isEmpty)

            store.release()
            #expect(try await eventually { try await delivered(f).isEmpty ? nil : true } == true)
            try await client.execute(uri: uri, method: .get) { #expect($0.status == .ok) }
        }
        #expect(try await delivered(f) == [id])
    }

    func contributions(_ f: WebFixture) async throws -> Int {
        try await f.store.read { tx in
            try await tx.records(networkID: try #require(try await tx.network(code: "HUAMBO")).id, since: nil).contributions.count
        }
    }

    func delivered(_ f: WebFixture) async throws -> [Int64] {
        try await f.store.read { tx in try await tx.outbound(limit: 5, status: .delivered) }.map(\.message.id)
    }

    /// Polls `probe` until it gives a value (the background transaction committed), for up to 5 s.
    func eventually<T>(_ probe: () async throws -> T?) async throws -> T? {
        let end = ContinuousClock.now + .seconds(5)
        while ContinuousClock.now < end {
            if let value = try await probe() { return value }
            try await Task.sleep(for: .milliseconds(20))
        }
        return nil
    }
}
