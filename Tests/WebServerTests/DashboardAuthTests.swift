import Engine
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import WebServer

@Suite("Dashboard login, sessions and CSRF")
struct DashboardAuthTests {
    static let pages = ["/", "/networks/HUAMBO", "/networks/CUYES", "/messages", "/problems", "/export/indicators.csv", "/export/messages.csv"]

    @Test func everyPageSendsAVisitorWithoutSessionToTheLogin() async throws {
        let f = try await DashboardFixture.make()
        try await f.application.test(.router) { client in
            for page in Self.pages {
                let response = try await client.send(page)
                #expect(response.status == .seeOther, "\(page)")
                #expect(response.headers[.location] == "/login", "\(page)")
            }
            for form in ["/logout", "/problems/\(f.deadID)/retry"] {
                let response = try await client.send(form, .post, body: "csrf=x")
                #expect(response.status == .seeOther, "\(form)")
                #expect(response.headers[.location] == "/login", "\(form)")
            }
            var forged = HTTPFields()
            forged[.cookie] = "confianza_session=not-a-session"
            #expect(try await client.send("/", headers: forged).status == .seeOther)
        }
        #expect(try await f.store.read { tx in try await tx.outbound(limit: 5, status: .dead).count } == 1)
    }

    @Test func theLoginFormCarriesATokenAndAStrictCookie() async throws {
        let f = try await DashboardFixture.make()
        try await f.application.test(.router) { client in
            let response = try await client.send("/login")
            #expect(response.status == .ok)
            let html = String(buffer: response.body)
            #expect(html.contains(#"<form class="login" method="post" action="/login">"#))
            #expect(html.contains("Contraseña"))
            let cookie = try #require(response.headers[values: .setCookie].first { $0.hasPrefix("confianza_login=") })
            #expect(cookie.contains("HttpOnly"))
            #expect(cookie.contains("SameSite=Strict"))
            #expect(cookie.contains("Secure"))
            let token = try #require(type(of: client).csrfField(in: html))
            #expect(token.count >= 32)
            #expect(cookie.hasPrefix("confianza_login=\(token);"))
            #expect(response.headers[.contentSecurityPolicy]?.contains("default-src 'none'") == true)
        }
    }

    @Test func aWrongPasswordOrUnknownUserIs401WithoutASession() async throws {
        let f = try await DashboardFixture.make()
        try await f.application.test(.router) { client in
            for (user, password) in [("admin", "wrong password!"), ("nobody", DashboardFixture.password), ("", "")] {
                let (cookie, token) = try await client.loginForm()
                var headers = HTTPFields()
                headers[.cookie] = cookie
                headers[.contentType] = "application/x-www-form-urlencoded"
                let response = try await client.send(
                    "/login", .post, headers: headers, body: "user=\(user)&password=\(password.replacingOccurrences(of: " ", with: "+"))&csrf=\(token)")
                #expect(response.status == .unauthorized, "\(user)")
                #expect(String(buffer: response.body).contains("Usuario o contraseña incorrectos."))
                #expect(!response.headers[values: .setCookie].contains { $0.hasPrefix("confianza_session=") })
            }
            #expect(try await client.login("admin", password: "wrong password!") == nil)
        }
    }

    @Test func aLoginWithoutTheFormTokenIs403() async throws {
        let f = try await DashboardFixture.make()
        try await f.application.test(.router) { client in
            let (cookie, token) = try await client.loginForm()
            var headers = HTTPFields()
            headers[.contentType] = "application/x-www-form-urlencoded"
            let body = "user=admin&password=\(DashboardFixture.password.replacingOccurrences(of: " ", with: "+"))"
            #expect(try await client.send("/login", .post, headers: headers, body: body).status == .forbidden)
            headers[.cookie] = cookie
            #expect(try await client.send("/login", .post, headers: headers, body: body + "&csrf=wrong").status == .forbidden)
            #expect(try await client.send("/login", .post, headers: headers, body: body + "&csrf=\(token)").status == .seeOther)
        }
    }

    @Test func aGoodLoginSetsAnHttpOnlyLaxSecureCookieKeptInTheStore() async throws {
        let f = try await DashboardFixture.make(sqlite: true)
        let login = try await f.application.test(.router) { client in
            let (cookie, token) = try await client.loginForm()
            var headers = HTTPFields()
            headers[.cookie] = cookie
            headers[.contentType] = "application/x-www-form-urlencoded"
            let response = try await client.send(
                "/login", .post, headers: headers, body: "user=Admin&password=correct+horse+battery&csrf=\(token)")
            #expect(response.status == .seeOther)
            #expect(response.headers[.location] == "/")
            let session = try #require(response.headers[values: .setCookie].first { $0.hasPrefix("confianza_session=") })
            #expect(session.contains("HttpOnly"))
            #expect(session.contains("SameSite=Lax"))
            #expect(session.contains("Secure"))
            #expect(session.contains("Path=/"))
            return try #require(try await client.login("admin"))
        }
        // A new application over the same database (a restart, another instance) knows the session.
        let again = DashboardFixture(store: f.store, config: f.config, dependencies: f.dependencies, deadID: f.deadID)
        try await again.application.test(.router) { client in
            let response = try await client.send("/", headers: login.headers)
            #expect(response.status == .ok)
            #expect(String(buffer: response.body).contains("HUAMBO"))
        }
    }

    @Test func aFormWithoutTheSessionTokenIs403AndLogoutEndsTheSession() async throws {
        let f = try await DashboardFixture.make()
        try await f.application.test(.router) { client in
            let login = try #require(try await client.login("admin"))
            #expect(!login.csrf.isEmpty)
            let missing = try await client.send("/logout", .post, headers: login.formHeaders, body: "")
            #expect(missing.status == .forbidden)
            #expect(String(buffer: missing.body).contains("Formulario vencido"))
            #expect(try await client.send("/logout", .post, headers: login.formHeaders, body: "csrf=\(login.csrf)x").status == .forbidden)
            #expect(try await client.send("/problems/\(f.deadID)/retry", .post, headers: login.formHeaders, body: "").status == .forbidden)
            #expect(try await client.send("/", headers: login.headers).status == .ok)
            let out = try await client.send("/logout", .post, headers: login.formHeaders, body: "csrf=\(login.csrf)")
            #expect(out.status == .seeOther)
            #expect(out.headers[.location] == "/login")
            #expect(try await client.send("/", headers: login.headers).status == .seeOther)
        }
        #expect(try await f.store.read { tx in try await tx.outbound(limit: 5, status: .dead).count } == 1)
    }

    @Test func anArticuladorSeesOnlyTheNetworksTheirPhoneFollows() async throws {
        let f = try await DashboardFixture.make()
        try await f.application.test(.router) { client in
            let login = try #require(try await client.login("lucia"))
            let list = String(buffer: try await client.send("/", headers: login.headers).body)
            #expect(list.contains("/networks/HUAMBO"))
            #expect(!list.contains("CUYES"))
            #expect(try await client.send("/networks/HUAMBO", headers: login.headers).status == .ok)
            let other = try await client.send("/networks/CUYES", headers: login.headers)
            #expect(other.status == .forbidden)
            #expect(!String(buffer: other.body).contains("Cuyes de Anta"))
            #expect(try await client.send("/messages", headers: login.headers).status == .forbidden)
            #expect(try await client.send("/problems", headers: login.headers).status == .forbidden)
            let retry = try await client.send("/problems/\(f.deadID)/retry", .post, headers: login.formHeaders, body: "csrf=\(login.csrf)")
            #expect(retry.status == .forbidden)
            let csv = String(buffer: try await client.send("/export/indicators.csv", headers: login.headers).body)
            #expect(csv.contains("HUAMBO"))
            #expect(!csv.contains("CUYES"))
        }
        #expect(try await f.store.read { tx in try await tx.outbound(limit: 5, status: .dead).count } == 1)
    }

    @Test func englishIsChosenWithLangAndRemembered() async throws {
        let f = try await DashboardFixture.make()
        try await f.application.test(.router) { client in
            let login = try #require(try await client.login("staff"))
            #expect(String(buffer: try await client.send("/", headers: login.headers).body).contains("Redes, la más débil primero"))
            #expect(String(buffer: try await client.send("/?lang=en", headers: login.headers).body).contains("Networks, weakest first"))
            let later = String(buffer: try await client.send("/networks/HUAMBO", headers: login.headers).body)
            #expect(later.contains("Members and their activity"))
            #expect(later.contains(#"<html lang="en">"#))
        }
    }
}
