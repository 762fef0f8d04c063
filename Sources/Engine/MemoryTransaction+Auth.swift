import Foundation
import TrustCore

/// Dashboard users, sessions and API tokens of the memory store.
struct MemoryAuthTables {
    var users: [RowID: DashboardUser] = [:]
    var sessions: [String: StoredSession] = [:]
    var tokens: [RowID: APIToken] = [:]
}

extension MemoryTransaction: AuthStoreTransaction {
    private func writable() throws {
        if readOnly { throw MemoryStoreError(description: "write in a read-only transaction") }
    }

    func dashboardUsers() async throws -> [DashboardUser] {
        tables.auth.users.values.sorted { $0.name < $1.name }
    }

    func dashboardUser(name: String) async throws -> DashboardUser? {
        tables.auth.users.values.first { $0.name == name.lowercased() }
    }

    func dashboardUser(id: RowID) async throws -> DashboardUser? { tables.auth.users[id] }

    func insertDashboardUser(_ new: NewDashboardUser) async throws -> DashboardUser {
        try writable()
        let name = new.name.lowercased()
        guard !tables.auth.users.values.contains(where: { $0.name == name }) else {
            throw MemoryStoreError(description: "user \(name) exists")
        }
        let user = DashboardUser(
            id: tables.newID(), name: name, passwordHash: new.passwordHash, role: new.role, phone: new.phone, language: new.language,
            createdAt: new.createdAt)
        tables.auth.users[user.id] = user
        return user
    }

    func updateDashboardUser(_ user: DashboardUser) async throws {
        try writable()
        guard var stored = tables.auth.users[user.id] else { return }
        stored.passwordHash = user.passwordHash
        stored.role = user.role
        stored.phone = user.phone
        stored.language = user.language
        tables.auth.users[user.id] = stored
    }

    func dashboardSession(key: String, now: Date) async throws -> StoredSession? {
        guard let session = tables.auth.sessions[key] else { return nil }
        if let expiry = session.expiresAt, expiry <= now { return nil }
        return session
    }

    func insertDashboardSession(_ session: StoredSession, now: Date) async throws -> Bool {
        try writable()
        if try await dashboardSession(key: session.key, now: now) != nil { return false }
        tables.auth.sessions[session.key] = session
        return true
    }

    func saveDashboardSession(key: String, data: Data, expiresAt: Date?) async throws {
        try writable()
        let expiry = expiresAt ?? tables.auth.sessions[key]?.expiresAt
        tables.auth.sessions[key] = StoredSession(key: key, data: data, expiresAt: expiry)
    }

    func deleteDashboardSession(key: String) async throws {
        try writable()
        tables.auth.sessions[key] = nil
    }

    func deleteExpiredDashboardSessions(now: Date) async throws -> Int {
        try writable()
        let expired = tables.auth.sessions.values.filter { ($0.expiresAt ?? .distantFuture) <= now }.map(\.key)
        for key in expired { tables.auth.sessions[key] = nil }
        return expired.count
    }

    func insertAPIToken(name: String, tokenHash: String, createdAt: Date) async throws -> APIToken {
        try writable()
        guard !tables.auth.tokens.values.contains(where: { $0.name == name || $0.tokenHash == tokenHash }) else {
            throw MemoryStoreError(description: "token \(name) exists")
        }
        let token = APIToken(id: tables.newID(), name: name, tokenHash: tokenHash, createdAt: createdAt)
        tables.auth.tokens[token.id] = token
        return token
    }

    func apiToken(hash: String) async throws -> APIToken? {
        tables.auth.tokens.values.first { $0.tokenHash == hash }
    }

    func apiTokens() async throws -> [APIToken] { tables.auth.tokens.values.sorted { $0.name < $1.name } }

    func deleteAPIToken(name: String) async throws -> Bool {
        try writable()
        guard let token = tables.auth.tokens.values.first(where: { $0.name == name }) else { return false }
        tables.auth.tokens[token.id] = nil
        return true
    }
}
