import Engine
import Foundation
import GRDB
import TrustCore

extension SQLiteTransaction: AuthStoreTransaction {
    static func user(_ row: Row) -> DashboardUser {
        DashboardUser(
            id: row["id"], name: row["name"], passwordHash: row["password_hash"],
            role: DashboardRole(rawValue: row["role"]) ?? .staff, phone: row["phone"], language: row["language"],
            createdAt: SQLiteRows.date(row["created_at"]))
    }

    static func token(_ row: Row) -> APIToken {
        APIToken(id: row["id"], name: row["name"], tokenHash: row["token_hash"], createdAt: SQLiteRows.date(row["created_at"]))
    }

    func dashboardUsers() async throws -> [DashboardUser] {
        try access { db in try Row.cachedAll(db, sql: "SELECT * FROM dashboard_user ORDER BY name").map(Self.user) }
    }

    func dashboardUser(name: String) async throws -> DashboardUser? {
        try access { db in
            try Row.cachedOne(db, sql: "SELECT * FROM dashboard_user WHERE name = ?", arguments: [name.lowercased()]).map(Self.user)
        }
    }

    func dashboardUser(id: RowID) async throws -> DashboardUser? {
        try access { db in try Row.cachedOne(db, sql: "SELECT * FROM dashboard_user WHERE id = ?", arguments: [id]).map(Self.user) }
    }

    func insertDashboardUser(_ new: NewDashboardUser) async throws -> DashboardUser {
        let name = new.name.lowercased()
        return try access { db in
            try db.cachedExecute(
                sql: "INSERT INTO dashboard_user (name, password_hash, role, phone, language, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                arguments: [name, new.passwordHash, new.role.rawValue, new.phone, new.language, new.createdAt.timeIntervalSince1970])
            return DashboardUser(
                id: db.lastInsertedRowID, name: name, passwordHash: new.passwordHash, role: new.role, phone: new.phone,
                language: new.language, createdAt: new.createdAt)
        }
    }

    func updateDashboardUser(_ user: DashboardUser) async throws {
        try access { db in
            try db.cachedExecute(
                sql: "UPDATE dashboard_user SET password_hash = ?, role = ?, phone = ?, language = ? WHERE id = ?",
                arguments: [user.passwordHash, user.role.rawValue, user.phone, user.language, user.id])
        }
    }

    func dashboardSession(key: String, now: Date) async throws -> StoredSession? {
        try access { db in
            try Row.cachedOne(
                db, sql: "SELECT * FROM dashboard_session WHERE key = ? AND (expires_at IS NULL OR expires_at > ?)",
                arguments: [key, now.timeIntervalSince1970]
            ).map { row in
                StoredSession(key: row["key"], data: row["data"], expiresAt: (row["expires_at"] as Double?).map(SQLiteRows.date))
            }
        }
    }

    func insertDashboardSession(_ session: StoredSession, now: Date) async throws -> Bool {
        try access { db in
            // An expired row with the same key may still be there: it no longer counts.
            try db.cachedExecute(
                sql: "DELETE FROM dashboard_session WHERE key = ? AND expires_at IS NOT NULL AND expires_at <= ?",
                arguments: [session.key, now.timeIntervalSince1970])
            try db.cachedExecute(
                sql: "INSERT OR IGNORE INTO dashboard_session (key, data, expires_at) VALUES (?, ?, ?)",
                arguments: [session.key, session.data, session.expiresAt?.timeIntervalSince1970])
            return db.changesCount == 1
        }
    }

    func saveDashboardSession(key: String, data: Data, expiresAt: Date?) async throws {
        try access { db in
            try db.cachedExecute(
                sql: """
                    INSERT INTO dashboard_session (key, data, expires_at) VALUES (?, ?, ?)
                    ON CONFLICT (key) DO UPDATE SET data = excluded.data, expires_at = COALESCE(excluded.expires_at, expires_at)
                    """,
                arguments: [key, data, expiresAt?.timeIntervalSince1970])
        }
    }

    func deleteDashboardSession(key: String) async throws {
        try access { db in try db.cachedExecute(sql: "DELETE FROM dashboard_session WHERE key = ?", arguments: [key]) }
    }

    func deleteExpiredDashboardSessions(now: Date) async throws -> Int {
        try access { db in
            try db.cachedExecute(
                sql: "DELETE FROM dashboard_session WHERE expires_at IS NOT NULL AND expires_at <= ?", arguments: [now.timeIntervalSince1970])
            return db.changesCount
        }
    }

    func insertAPIToken(name: String, tokenHash: String, createdAt: Date) async throws -> APIToken {
        try access { db in
            try db.cachedExecute(
                sql: "INSERT INTO api_token (name, token_hash, created_at) VALUES (?, ?, ?)",
                arguments: [name, tokenHash, createdAt.timeIntervalSince1970])
            return APIToken(id: db.lastInsertedRowID, name: name, tokenHash: tokenHash, createdAt: createdAt)
        }
    }

    func apiToken(hash: String) async throws -> APIToken? {
        try access { db in try Row.cachedOne(db, sql: "SELECT * FROM api_token WHERE token_hash = ?", arguments: [hash]).map(Self.token) }
    }

    func apiTokens() async throws -> [APIToken] {
        try access { db in try Row.cachedAll(db, sql: "SELECT * FROM api_token ORDER BY name").map(Self.token) }
    }

    func deleteAPIToken(name: String) async throws -> Bool {
        try access { db in
            try db.cachedExecute(sql: "DELETE FROM api_token WHERE name = ?", arguments: [name])
            return db.changesCount > 0
        }
    }
}
