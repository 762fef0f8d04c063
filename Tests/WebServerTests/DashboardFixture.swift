import Conversation
import Engine
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SQLiteStore
import TrustCore
import WebServer

/// A dashboard over a store with two networks (HUAMBO with records, CUYES empty), an articulador who follows
/// HUAMBO only, an admin, a staff user, a few logged messages and one dead outbox row.
struct DashboardFixture {
    static let password = "correct horse battery"
    static let articuladorPhone = "+51987000100"
    static let rosaPhone = "+51987000004"
    static let now = Date(timeIntervalSince1970: 1_764_072_000)  // 2025-11-25 12:00 UTC, a Tuesday

    let store: any Store
    let config: AppConfig
    let dependencies: AppDependencies
    let deadID: Int64

    static func make(sqlite: Bool = false) async throws -> DashboardFixture {
        let store: any Store = sqlite ? try SQLiteStore.inMemory() : MemoryStore()
        let hash = await Passwords.hash(password, cost: 4)
        let deadID = try await store.transaction { tx in try await seed(tx, hash: hash) }
        var config = AppConfig()
        config.publicURL = "https://confianza.example.org"
        let book = try MessageLoader.load(directory: WebFixture.messagesDirectory)
        let dependencies = AppDependencies(
            store: store, pipeline: InboundPipeline(store: store, bot: Bot(book: book)), webhooks: [], clock: { now })
        return DashboardFixture(store: store, config: config, dependencies: dependencies, deadID: deadID)
    }

    var application: some ApplicationProtocol { buildApplication(config: config, dependencies: dependencies) }

    private static func seed(_ tx: any StoreTransaction, hash: String) async throws -> Int64 {
        let joined = LocalDate(year: 2025, month: 6, day: 1)!
        let huambo = try await tx.insertNetwork(NewNetwork(code: "HUAMBO", name: "Lacteos Huambocancha"))
        let cuyes = try await tx.insertNetwork(NewNetwork(code: "CUYES", name: "Cuyes de Anta"))
        var ids: [RowID] = []
        let people: [(String, String, Gender, Role)] = [
            ("+51987000001", "Ana Torres", .female, .presidente), ("+51987000002", "Juan Chavez", .male, .tesorero),
            ("+51987000003", "Pedro Cerna", .male, .socio), (rosaPhone, "Rosa Quispe", .female, .socio),
        ]
        for (phone, name, gender, role) in people {
            ids.append(try await tx.insertMember(NewMember(
                networkID: huambo.id, phone: phone, name: name, gender: gender, role: role, joinedOn: joined)).id)
        }
        let articulador = try await tx.insertMember(NewMember(
            networkID: huambo.id, phone: articuladorPhone, name: "Lucia Mendoza", gender: .female, role: .articulador, joinedOn: joined))
        _ = try await tx.insertMember(NewMember(networkID: cuyes.id, phone: "+51987000201", name: "Hilda Mamani", role: .presidente, joinedOn: joined))
        // Four weeks of meetings, ratings and contributions in HUAMBO.
        for week in 0..<6 {
            let day = LocalDate(year: 2025, month: 10, day: 15)!.adding(days: 7 * week)
            _ = try await tx.apply(.registerMeeting(
                networkID: huambo.id, kind: week == 3 ? .extraordinary : .ordinary, date: day, registeredBy: ids[0],
                present: week % 2 == 0 ? ids : Array(ids.prefix(3))))
            _ = try await tx.apply(.rate(Rating(networkID: huambo.id, memberID: ids[3], indicator: .q1, score: 4, ratedOn: day)))
            if case .contribution(let id)? = try await tx.apply(.reportContribution(
                networkID: huambo.id, memberID: ids[3], amount: Money(soles: 20 + Int64(week)), on: day, status: .pending)) {
                _ = try await tx.apply(.decideContribution(id: id, status: .confirmed, on: day.adding(days: 2)))
            }
        }
        for indicator in [RatedIndicator.q5, .e3, .e4] {
            _ = try await tx.apply(.rate(Rating(
                networkID: huambo.id, memberID: articulador.id, indicator: indicator, score: 4, ratedOn: LocalDate(year: 2025, month: 11, day: 3)!)))
        }
        let auth = try tx.auth()
        for (name, role, phone) in [("admin", DashboardRole.admin, nil), ("staff", .staff, nil), ("lucia", .articulador, articuladorPhone)] {
            _ = try await auth.insertDashboardUser(NewDashboardUser(name: name, passwordHash: hash, role: role, phone: phone, createdAt: now))
        }
        try await tx.insertInbound(InboundRecord(
            gateway: "generic", messageID: "m1", from: rosaPhone, to: "12345", text: "APORTE 20 secreto", receivedAt: now.addingTimeInterval(-600),
            processedAt: now.addingTimeInterval(-599), replies: ["ok"], outcome: "ok"))
        let id = try await tx.enqueue(NewOutbound(
            to: rosaPhone, text: "Asistio a la reunion?", encoding: .gsm7, segments: 1, gateway: "console", notBefore: now.addingTimeInterval(-900),
            kind: "prompt", networkID: huambo.id, createdAt: now.addingTimeInterval(-900)))
        try await tx.completeOutbound(id: id, result: .dead(reason: "gateway answered 400: unreachable"), now: now.addingTimeInterval(-800))
        return id
    }
}

/// A logged-in browser: the session cookie and the CSRF token of the session's forms.
struct DashboardLogin {
    var cookie: String
    var csrf: String

    var headers: HTTPFields {
        var headers = HTTPFields()
        headers[.cookie] = cookie
        return headers
    }

    var formHeaders: HTTPFields {
        var headers = self.headers
        headers[.contentType] = "application/x-www-form-urlencoded"
        return headers
    }
}

extension TestClientProtocol {
    /// One request; the response.
    func send(_ uri: String, _ method: HTTPRequest.Method = .get, headers: HTTPFields = [:], body: String? = nil) async throws -> TestResponse {
        try await executeRequest(uri: uri, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) })
    }

    /// Logs in through the login form like a browser; nil when the login was refused.
    func login(_ user: String, password: String = DashboardFixture.password) async throws -> DashboardLogin? {
        let (loginCookie, token) = try await loginForm()
        var headers = HTTPFields()
        headers[.cookie] = loginCookie
        headers[.contentType] = "application/x-www-form-urlencoded"
        let body = "user=\(user)&password=\(password.replacingOccurrences(of: " ", with: "+"))&csrf=\(token)"
        let response = try await send("/login", .post, headers: headers, body: body)
        guard response.status == .seeOther, let session = Self.cookie(named: "confianza_session", in: response) else { return nil }
        var pageHeaders = HTTPFields()
        pageHeaders[.cookie] = session
        let page = try await send("/", headers: pageHeaders)
        return DashboardLogin(cookie: session, csrf: Self.csrfField(in: String(buffer: page.body)) ?? "")
    }

    /// The login page's cookie (`name=value`) and its form token.
    func loginForm() async throws -> (String, String) {
        let response = try await send("/login")
        return (Self.cookie(named: "confianza_login", in: response) ?? "", Self.csrfField(in: String(buffer: response.body)) ?? "")
    }

    /// `name=value` of a cookie the response sets.
    static func cookie(named name: String, in response: TestResponse) -> String? {
        response.headers[values: .setCookie].first { $0.hasPrefix(name + "=") }.flatMap { $0.split(separator: ";").first.map(String.init) }
    }

    static func csrfField(in html: String) -> String? {
        guard let range = html.range(of: #"name="csrf" value=""#) else { return nil }
        return String(html[range.upperBound...].prefix { $0 != "\"" })
    }
}
