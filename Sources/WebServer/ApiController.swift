import Engine
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdAuth
import TrustCore

/// The JSON API for programme systems: bearer tokens made by `confianza token create`, the same numbers as the
/// CLI and the SMS replies (`Reports` and `ReportRendering.document`). Described in `openapi.yaml`.
struct ApiController {
    let config: AppConfig
    let dependencies: AppDependencies

    /// One network in `GET /api/networks`.
    struct NetworkSummary: Codable, Sendable {
        var code: String
        var name: String
        var period: String
        var index: Int?
        var light: String?
        var coverage: Int
        var stage: String
        var trend: Int?
        var alerts: [String]
        var indicators: String
    }

    /// The body of `GET /api/networks`.
    struct NetworkList: Codable, Sendable {
        var networks: [NetworkSummary]
    }

    /// Every error answer.
    struct ErrorBody: Codable, Sendable {
        var error: String
    }

    func addRoutes(to router: Router<BasicRequestContext>) {
        let api = router.group("/api", context: ApiContext.self)
            .add(middleware: BearerTokenAuthenticator(store: dependencies.store))
            .add(middleware: RequireTokenMiddleware())
        api.get("/networks") { _, _ in try await networks() }
        api.get("/networks/:code/indicators") { request, context in try await indicators(request, context) }
    }

    private func networks() async throws -> Response {
        let now = dependencies.clock()
        let settings = config.indicators
        let statuses = try await dependencies.store.read { tx in
            var rows: [NetworkStatus] = []
            for network in try await tx.networks() {
                rows.append(try await NetworkStatus.load(tx, network: network, now: now, settings: settings))
            }
            return rows.sorted(by: NetworkStatus.worstFirst)
        }
        let list = NetworkList(networks: statuses.map { status in
            let document = ReportRendering.document(status.current, trend: status.trend)
            return NetworkSummary(
                code: document.network, name: document.name, period: document.period, index: document.index, light: document.light,
                coverage: document.coverage, stage: document.stage, trend: document.trend, alerts: status.alerts.map(\.rule.rawValue),
                indicators: "/api/networks/\(document.network)/indicators")
        })
        return try Self.json(list)
    }

    private func indicators(_ request: Request, _ context: ApiContext) async throws -> Response {
        let code = (context.parameters.get("code") ?? "").uppercased()
        var requested: Period?
        if let text = request.uri.queryParameters.get("period") {
            guard let period = Period.parse(text) else {
                return try Self.json(ErrorBody(error: "cannot read period \(text); use 2026-W48, 2026-W45..2026-W48, 2026-11, 2026-Q4 or 2026"), status: .badRequest)
            }
            requested = period
        }
        let now = dependencies.clock()
        let settings = config.indicators
        let chosen = requested
        let result = try await dependencies.store.read { tx -> (IndicatorReport, Trend)? in
            guard let network = try await tx.network(code: code) else { return nil }
            let period = chosen ?? Reports.defaultPeriod(for: network, now: now, settings: settings)
            let (current, _, trend) = try await Reports.reportWithTrend(tx, networkID: network.id, period: period, settings: settings)
            return (current, trend)
        }
        guard let (report, trend) = result else { return try Self.json(ErrorBody(error: "no network \(code)"), status: .notFound) }
        return try Self.json(ReportRendering.document(report, trend: trend))
    }

    static func json(_ value: some Encodable, status: HTTPResponse.Status = .ok) throws -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return Response(
            status: status, headers: [.contentType: "application/json; charset=utf-8", .cacheControl: "no-store"],
            body: .init(byteBuffer: ByteBuffer(bytes: try encoder.encode(value))))
    }
}

/// Finds the stored token whose hash matches the `Authorization: Bearer` header.
struct BearerTokenAuthenticator: AuthenticatorMiddleware {
    typealias Context = ApiContext
    let store: any Store

    func authenticate(request: Request, context: ApiContext) async throws -> APIToken? {
        guard let bearer = request.headers.bearer, !bearer.token.isEmpty else { return nil }
        let hash = APITokens.hash(bearer.token)
        return try await store.read { tx in try await tx.auth().apiToken(hash: hash) }
    }
}

/// Answers 401 with a JSON body and `WWW-Authenticate` when no valid token came.
struct RequireTokenMiddleware: RouterMiddleware {
    typealias Context = ApiContext

    func handle(_ request: Request, context: ApiContext, next: (Request, ApiContext) async throws -> Response) async throws -> Response {
        guard context.identity != nil else {
            var response = try ApiController.json(ApiController.ErrorBody(error: "a valid bearer token is required (confianza token create NAME)"), status: .unauthorized)
            response.headers[.wwwAuthenticate] = "Bearer realm=\"confianza\""
            return response
        }
        return try await next(request, context)
    }
}
