import Engine
import Foundation
import PostgresNIO
import TrustCore

/// Dashboard users, sessions and API tokens: the same statements as SQLite's, with PostgreSQL's
/// `ON CONFLICT … RETURNING` in place of `changes()`.
extension PostgresTransaction: AuthStoreTransaction {
    static func user(_ row: PostgresRandomAccessRow) throws -> DashboardUser {
        DashboardUser(
            id: try row["id"].decode(Int64.self), name: try row["name"].decode(String.self),
            passwordHash: try row["password_hash"].decode(String.self),
            role: DashboardRole(rawValue: try row["role"].decode(String.self)) ?? .staff, phone: try row["phone"].decode(String?.self),
            language: try row["language"].decode(String.self), createdAt: try PostgresRows.date(row["created_at"]))
    }

    static func token(_ row: PostgresRandomAccessRow) throws -> APIToken {
        APIToken(
            id: try row["id"].decode(Int64.self), name: try row["name"].decode(String.self),
            tokenHash: try row["token_hash"].decode(String.self), createdAt: try PostgresRows.date(row["created_at"]))
    }

    func dashboardUsers() async throws -> [DashboardUser] {
        try await rows(#"SELECT * FROM dashboard_user ORDER BY name COLLATE "C""#, "dashboard_users").map(Self.user)
    }

    func dashboardUser(name: String) async throws -> DashboardUser? {
        try await rows("SELECT * FROM dashboard_user WHERE name = \(name.lowercased())", "dashboard_user").first.map(Self.user)
    }

    func dashboardUser(id: RowID) async throws -> DashboardUser? {
        try await rows("SELECT * FROM dashboard_user WHERE id = \(id)", "dashboard_user").first.map(Self.user)
    }

    func insertDashboardUser(_ new: NewDashboardUser) async throws -> DashboardUser {
        let name = new.name.lowercased()
        let row = try await rows(
            """
            INSERT INTO dashboard_user (name, password_hash, role, phone, language, created_at)
            VALUES (\(name), \(new.passwordHash), \(new.role.rawValue), \(new.phone), \(new.language),
                    \(new.createdAt.timeIntervalSince1970)) RETURNING id
            """, "insert_dashboard_user")
        return DashboardUser(
            id: try PostgresRows.id(row), name: name, passwordHash: new.passwordHash, role: new.role, phone: new.phone,
            language: new.language, createdAt: new.createdAt)
    }

    func updateDashboardUser(_ user: DashboardUser) async throws {
        try await execute(
            """
            UPDATE dashboard_user SET password_hash = \(user.passwordHash), role = \(user.role.rawValue), phone = \(user.phone),
                language = \(user.language) WHERE id = \(user.id)
            """, "update_dashboard_user")
    }

    static func session(_ row: PostgresRandomAccessRow) throws -> StoredSession {
        StoredSession(
            key: try row["key"].decode(String.self), data: try row["data"].decode(Data.self),
            expiresAt: try row["expires_at"].decode(Double?.self).map(Date.init(timeIntervalSince1970:)))
    }

    func dashboardSession(key: String, now: Date) async throws -> StoredSession? {
        try await rows(
            """
            SELECT * FROM dashboard_session
            WHERE key = \(key) AND (expires_at IS NULL OR expires_at > \(now.timeIntervalSince1970))
            """, "dashboard_session"
        ).first.map(Self.session)
    }

    func insertDashboardSession(_ session: StoredSession, now: Date) async throws -> Bool {
        // An expired row with the same key may still be there: it no longer counts.
        try await execute(
            """
            DELETE FROM dashboard_session
            WHERE key = \(session.key) AND expires_at IS NOT NULL AND expires_at <= \(now.timeIntervalSince1970)
            """, "insert_dashboard_session")
        return try await !rows(
            """
            INSERT INTO dashboard_session (key, data, expires_at)
            VALUES (\(session.key), \(session.data), \(session.expiresAt?.timeIntervalSince1970))
            ON CONFLICT (key) DO NOTHING RETURNING 1
            """, "insert_dashboard_session"
        ).isEmpty
    }

    func saveDashboardSession(key: String, data: Data, expiresAt: Date?) async throws {
        try await execute(
            """
            INSERT INTO dashboard_session (key, data, expires_at) VALUES (\(key), \(data), \(expiresAt?.timeIntervalSince1970))
            ON CONFLICT (key) DO UPDATE
                SET data = EXCLUDED.data, expires_at = COALESCE(EXCLUDED.expires_at, dashboard_session.expires_at)
            """, "save_dashboard_session")
    }

    func deleteDashboardSession(key: String) async throws {
        try await execute("DELETE FROM dashboard_session WHERE key = \(key)", "delete_dashboard_session")
    }

    func deleteExpiredDashboardSessions(now: Date) async throws -> Int {
        try await rows(
            """
            DELETE FROM dashboard_session WHERE expires_at IS NOT NULL AND expires_at <= \(now.timeIntervalSince1970) RETURNING 1
            """, "delete_expired_dashboard_sessions"
        ).count
    }

    func insertAPIToken(name: String, tokenHash: String, createdAt: Date) async throws -> APIToken {
        let row = try await rows(
            """
            INSERT INTO api_token (name, token_hash, created_at) VALUES (\(name), \(tokenHash), \(createdAt.timeIntervalSince1970))
            RETURNING id
            """, "insert_api_token")
        return APIToken(id: try PostgresRows.id(row), name: name, tokenHash: tokenHash, createdAt: createdAt)
    }

    func apiToken(hash: String) async throws -> APIToken? {
        try await rows("SELECT * FROM api_token WHERE token_hash = \(hash)", "api_token").first.map(Self.token)
    }

    func apiTokens() async throws -> [APIToken] {
        try await rows(#"SELECT * FROM api_token ORDER BY name COLLATE "C""#, "api_tokens").map(Self.token)
    }

    func deleteAPIToken(name: String) async throws -> Bool {
        try await !rows("DELETE FROM api_token WHERE name = \(name) RETURNING 1", "delete_api_token").isEmpty
    }
}
