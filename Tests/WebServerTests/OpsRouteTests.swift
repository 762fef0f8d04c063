import Engine
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import WebServer

@Suite("Health, readiness, metrics")
struct OpsRouteTests {
    @Test func healthAndReadyAnswer() async throws {
        let f = try await WebFixture.make()
        try await f.application.test(.router) { client in
            try await client.execute(uri: "/health", method: .get) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body) == "ok\n")
            }
            try await client.execute(uri: "/ready", method: .get) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body).hasPrefix("ready"))
            }
            try await client.execute(uri: "/metrics", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType]?.hasPrefix("text/plain") == true)
            }
        }
    }

    @Test func readyFailsWhenTheOutboxIsStuck() async throws {
        let f = try await WebFixture.make()
        _ = try await f.store.transaction { tx in
            try await tx.enqueue(NewOutboundFixture.old(at: f.clock.addingTimeInterval(-3600)))
        }
        try await f.application.test(.router) { client in
            try await client.execute(uri: "/ready", method: .get) { response in
                #expect(response.status == .serviceUnavailable)
            }
        }
    }
}
