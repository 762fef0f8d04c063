import Engine
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdAuth
import Logging
import TrustCore

/// Turns the session's user id into a viewer: the user and, for an articulador, the networks where their
/// phone has an active articulador roster row (the same rule as `REDES` by SMS).
struct DashboardAuthenticator: AuthenticatorMiddleware {
    typealias Context = DashboardContext
    let store: any Store

    func authenticate(request: Request, context: DashboardContext) async throws -> DashboardViewer? {
        guard let session = context.sessions.session else { return nil }
        return try await store.read { tx in try await Self.viewer(tx, userID: session.userID) }
    }

    static func viewer(_ tx: any StoreTransaction, userID: RowID) async throws -> DashboardViewer? {
        guard let user = try await tx.auth().dashboardUser(id: userID) else { return nil }
        guard user.role == .articulador else { return DashboardViewer(user: user, networkIDs: nil) }
        var rows: [Member] = []
        if let phone = user.phone { rows = try await tx.members(phone: phone) }
        return DashboardViewer(user: user, networkIDs: Set(rows.filter { $0.role == .articulador && $0.active }.map(\.networkID)))
    }
}

/// Sends a visitor without a valid session to the login page.
struct RequireLoginMiddleware: RouterMiddleware {
    typealias Context = DashboardContext

    func handle(_ request: Request, context: DashboardContext, next: (Request, DashboardContext) async throws -> Response) async throws -> Response {
        guard context.identity != nil else { return .redirect(to: "/login", type: .normal) }
        return try await next(request, context)
    }
}

/// Refuses a POST whose form does not carry the session's CSRF token (403). The body is kept for the handler.
struct CSRFMiddleware: RouterMiddleware {
    typealias Context = DashboardContext
    let refuse: @Sendable (Request, DashboardContext) -> Response

    struct Field: Decodable {
        var csrf: String?
    }

    func handle(_ request: Request, context: DashboardContext, next: (Request, DashboardContext) async throws -> Response) async throws -> Response {
        guard request.method == .post else { return try await next(request, context) }
        var request = request
        let body = try await request.collectBody(upTo: DashboardForms.maxBody)
        let given = (try? URLEncodedFormDecoder().decode(Field.self, from: String(buffer: body)))?.csrf
        guard let expected = context.sessions.session?.csrf, let given, Secrets.equal(given, expected) else {
            context.logger.notice("dashboard form refused: missing or wrong CSRF token")
            return refuse(request, context)
        }
        return try await next(request, context)
    }
}

/// Form bodies of the dashboard.
enum DashboardForms {
    /// No dashboard form is larger.
    static let maxBody = 16 * 1024

    /// The login form.
    struct Login: Decodable {
        var user: String?
        var password: String?
        var csrf: String?
    }

    /// Decodes a form body (empty fields when it does not decode).
    static func decode<T: Decodable>(_ type: T.Type, _ request: inout Request, empty: T) async throws -> T {
        let body = try await request.collectBody(upTo: maxBody)
        return (try? URLEncodedFormDecoder().decode(T.self, from: String(buffer: body))) ?? empty
    }
}
