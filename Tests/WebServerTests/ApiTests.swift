import Engine
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import TrustCore
import WebServer

@Suite("JSON API")
struct ApiTests {
    /// A fixture with one API token; returns the token text.
    static func withToken() async throws -> (DashboardFixture, String) {
        let f = try await DashboardFixture.make()
        let token = APITokens.generate()
        _ = try await f.store.transaction { tx in
            try await tx.auth().insertAPIToken(name: "mande", tokenHash: APITokens.hash(token), createdAt: DashboardFixture.now)
        }
        return (f, token)
    }

    static func bearer(_ token: String) -> HTTPFields {
        var headers = HTTPFields()
        headers[.authorization] = "Bearer \(token)"
        return headers
    }

    static func object(_ body: ByteBuffer) throws -> NSObject {
        try #require(try JSONSerialization.jsonObject(with: Data(body.readableBytesView)) as? NSObject)
    }

    @Test func everyRouteNeedsAValidBearerToken() async throws {
        let (f, token) = try await Self.withToken()
        try await f.application.test(.router) { client in
            for uri in ["/api/networks", "/api/networks/HUAMBO/indicators", "/api/networks/HUAMBO/indicators?period=2025-W46"] {
                for headers in [HTTPFields(), Self.bearer("cfz_wrong"), Self.bearer(""), [.authorization: "Basic \(token)"]] {
                    let response = try await client.send(uri, headers: headers)
                    #expect(response.status == .unauthorized, "\(uri)")
                    #expect(response.headers[.wwwAuthenticate]?.hasPrefix("Bearer") == true)
                    #expect(String(buffer: response.body).contains("bearer token"))
                }
                #expect(try await client.send(uri, headers: Self.bearer(token)).status == .ok, "\(uri)")
            }
            // A dashboard session is not an API token.
            let login = try #require(try await client.login("admin"))
            #expect(try await client.send("/api/networks", headers: login.headers).status == .unauthorized)
        }
    }

    @Test func theIndicatorsAreTheSameJSONAsTheCLI() async throws {
        let (f, token) = try await Self.withToken()
        let settings = f.config.indicators
        for period in ["2025-W46", "2025-W43..2025-W46", "2025-11"] {
            let expected = try await f.store.read { tx in
                let network = try #require(try await tx.network(code: "HUAMBO"))
                let result = try await Reports.reportWithTrend(tx, networkID: network.id, period: try #require(Period.parse(period)), settings: settings)
                return try ReportRendering.json(result.current, trend: result.trend)
            }
            try await f.application.test(.router) { client in
                let response = try await client.send("/api/networks/huambo/indicators?period=\(period)", headers: Self.bearer(token))
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "application/json; charset=utf-8")
                #expect(try Self.object(response.body) == Self.object(ByteBuffer(string: expected)))
                #expect(String(buffer: response.body) == expected)
            }
        }
    }

    @Test func theDefaultPeriodAndTheListUseTheSameNumbers() async throws {
        let (f, token) = try await Self.withToken()
        let settings = f.config.indicators
        let expected = try await f.store.read { tx in
            let network = try #require(try await tx.network(code: "HUAMBO"))
            let period = Reports.defaultPeriod(for: network, now: DashboardFixture.now, settings: settings)
            let result = try await Reports.reportWithTrend(tx, networkID: network.id, period: period, settings: settings)
            return ReportRendering.document(result.current, trend: result.trend)
        }
        try await f.application.test(.router) { client in
            let one = try await client.send("/api/networks/HUAMBO/indicators", headers: Self.bearer(token))
            let document = try JSONDecoder().decode(ReportRendering.Document.self, from: Data(one.body.readableBytesView))
            #expect(document.period == expected.period)
            #expect(document.index == expected.index)
            #expect(document.indicators.map(\.value) == expected.indicators.map(\.value))
            #expect(document.indicators.map(\.dataPoints) == expected.indicators.map(\.dataPoints))

            let list = try await client.send("/api/networks", headers: Self.bearer(token))
            let json = try #require(try JSONSerialization.jsonObject(with: Data(list.body.readableBytesView)) as? [String: Any])
            let networks = try #require(json["networks"] as? [[String: Any]])
            #expect(networks.compactMap { $0["code"] as? String } == ["CUYES", "HUAMBO"])
            let huambo = try #require(networks.last)
            #expect(huambo["index"] as? Int == expected.index)
            #expect(huambo["coverage"] as? Int == expected.coverage)
            #expect(huambo["period"] as? String == expected.period)
            #expect(huambo["indicators"] as? String == "/api/networks/HUAMBO/indicators")
        }
    }

    @Test func aBadPeriodIs400AndAnUnknownNetwork404() async throws {
        let (f, token) = try await Self.withToken()
        try await f.application.test(.router) { client in
            let bad = try await client.send("/api/networks/HUAMBO/indicators?period=next-week", headers: Self.bearer(token))
            #expect(bad.status == .badRequest)
            #expect(String(buffer: bad.body).contains("cannot read period next-week"))
            let unknown = try await client.send("/api/networks/NOPE/indicators", headers: Self.bearer(token))
            #expect(unknown.status == .notFound)
            #expect(String(buffer: unknown.body).contains("no network NOPE"))
        }
    }
}
