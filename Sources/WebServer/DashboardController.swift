import Engine
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdAuth
import Logging
import TrustCore

/// The dashboard for programme staff: login with sessions kept in the store, CSRF-protected forms, the
/// network list worst-first, one page per network, the message log and delivery problems.
struct DashboardController {
    let config: AppConfig
    let dependencies: AppDependencies
    let renderer = DashboardRenderer()

    /// How long a login lasts.
    static let sessionLifetime: Duration = .seconds(8 * 3600)
    static let sessionCookie = "confianza_session"
    static let loginCookie = "confianza_login"

    var secureCookies: Bool { config.publicURL.lowercased().hasPrefix("https://") }

    func addRoutes(to router: Router<BasicRequestContext>) {
        let sessions = SessionMiddlewareConfiguration(
            sessionCookieParameters: .init(name: Self.sessionCookie, path: "/", secure: secureCookies, sameSite: .lax),
            keyPrefix: "dashboard.", defaultSessionExpiration: Self.sessionLifetime)
        let web = router.group(context: DashboardContext.self)
            .add(middleware: SessionMiddleware<DashboardContext>(storage: SessionDriver(store: dependencies.store, clock: dependencies.clock), configuration: sessions))
            .add(middleware: DashboardAuthenticator(store: dependencies.store))
        web.get("/login") { request, context in loginPage(request, context, failed: false, user: "") }
        web.post("/login") { request, context in try await login(request, context) }

        let pages = web.group()
            .add(middleware: RequireLoginMiddleware())
            .add(middleware: CSRFMiddleware(refuse: { request, context in
                let chrome = chrome(request, context)
                return renderer.message(chrome.t["csrf_title"] ?? "", chrome.t["csrf_text"] ?? "", chrome: chrome, status: .forbidden)
            }))
        pages.post("/logout") { _, context in
            context.sessions.clearSession()
            return Response.redirect(to: "/login", type: .normal)
        }
        DashboardPages(controller: self).addRoutes(to: pages)
    }

    // MARK: Login

    private func loginPage(_ request: Request, _ context: DashboardContext, failed: Bool, user: String) -> Response {
        let token = Secrets.random(bytes: 24)
        let chrome = chrome(request, context, signedIn: false)
        var response = renderer.page(
            "login", title: chrome.t["login_title"] ?? "", ["csrf": token, "failed": failed, "user": user], chrome: chrome,
            status: failed ? .unauthorized : .ok)
        let cookie = Cookie(
            name: Self.loginCookie, value: token, maxAge: 3600, path: "/login", secure: secureCookies, httpOnly: true, sameSite: .strict)
        response.headers[values: .setCookie].append(cookie.description)
        return response
    }

    private func login(_ request: Request, _ context: DashboardContext) async throws -> Response {
        var request = request
        let form = try await DashboardForms.decode(DashboardForms.Login.self, &request, empty: .init())
        guard let expected = request.cookies[Self.loginCookie]?.value, let given = form.csrf, Secrets.equal(expected, given) else {
            let chrome = chrome(request, context, signedIn: false)
            return renderer.message(chrome.t["csrf_title"] ?? "", chrome.t["csrf_text"] ?? "", chrome: chrome, status: .forbidden)
        }
        let name = (form.user ?? "").trimmingCharacters(in: .whitespaces).lowercased()
        let password = form.password ?? ""
        let user = name.isEmpty ? nil : try await dependencies.store.read { tx in try await tx.auth().dashboardUser(name: name) }
        guard let user else {
            await Passwords.verifyAgainstNothing(password)
            context.logger.notice("dashboard login refused")
            return loginPage(request, context, failed: true, user: name)
        }
        guard await Passwords.verify(password, hash: user.passwordHash) else {
            context.logger.notice("dashboard login refused")
            return loginPage(request, context, failed: true, user: name)
        }
        let now = dependencies.clock()
        _ = try await dependencies.store.transaction { tx in try await tx.auth().deleteExpiredDashboardSessions(now: now) }
        context.sessions.createSession(DashboardSession(userID: user.id, csrf: Secrets.random(bytes: 32)), expiresIn: Self.sessionLifetime)
        context.logger.info("dashboard login", metadata: ["confianza.dashboard.user": "\(user.name)"])
        var response = Response.redirect(to: "/", type: .normal)
        let expired = Cookie(name: Self.loginCookie, value: "", maxAge: 0, path: "/login", secure: secureCookies, httpOnly: true)
        response.headers[values: .setCookie].append(expired.description)
        return response
    }

    // MARK: Frame

    /// The page frame: language (`?lang=` wins and is remembered in the session, then the user's setting,
    /// then Spanish), the viewer and the time.
    func chrome(_ request: Request, _ context: DashboardContext, signedIn: Bool = true) -> DashboardRenderer.Chrome {
        let asked = request.uri.queryParameters.get("lang").map { DashboardStrings.language($0) }
        if let asked, signedIn, context.sessions.session != nil, context.sessions.session?.language != asked {
            context.sessions.withLockedSession { data in data?.language = asked }
        }
        let viewer = signedIn ? context.identity : nil
        let language = asked ?? context.sessions.session?.language ?? viewer.map { DashboardStrings.language($0.user.language) } ?? "es"
        let model = viewer.flatMap { viewer in
            context.sessions.session.map { DashboardRenderer.ViewerModel(name: viewer.user.name, isStaff: viewer.isStaff, csrf: $0.csrf) }
        }
        return .init(language: language, viewer: model, now: DashboardFormat.time(dependencies.clock()))
    }
}
