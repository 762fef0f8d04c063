import Foundation
import TrustCore

/// What a dashboard user may do: admins see message texts and manage everything, staff see every network
/// without message texts, articuladores see only the networks their phone follows.
public enum DashboardRole: String, Sendable, Codable, CaseIterable, Hashable {
    case admin, staff, articulador
}

/// A person who logs in to the dashboard.
public struct DashboardUser: Sendable, Codable, Equatable, Identifiable {
    public var id: RowID
    /// Login name, unique, lower case.
    public var name: String
    /// Bcrypt hash of the password (never the password).
    public var passwordHash: String
    public var role: DashboardRole
    /// For articuladores: the phone whose articulador roster rows decide which networks they see.
    public var phone: String?
    /// Dashboard language (`es`, `en`).
    public var language: String
    public var createdAt: Date

    /// - Parameters:
    ///   - id: row id.
    ///   - name: login name.
    ///   - passwordHash: bcrypt hash.
    ///   - role: role.
    ///   - phone: linked phone (articuladores).
    ///   - language: dashboard language.
    ///   - createdAt: creation time.
    public init(
        id: RowID, name: String, passwordHash: String, role: DashboardRole, phone: String?, language: String, createdAt: Date
    ) {
        self.id = id
        self.name = name
        self.passwordHash = passwordHash
        self.role = role
        self.phone = phone
        self.language = language
        self.createdAt = createdAt
    }
}

/// A dashboard user to create.
public struct NewDashboardUser: Sendable, Equatable {
    public var name: String
    public var passwordHash: String
    public var role: DashboardRole
    public var phone: String?
    public var language: String
    public var createdAt: Date

    /// - Parameters:
    ///   - name: login name (stored lower case).
    ///   - passwordHash: bcrypt hash.
    ///   - role: role.
    ///   - phone: linked phone (articuladores).
    ///   - language: dashboard language.
    ///   - createdAt: creation time.
    public init(name: String, passwordHash: String, role: DashboardRole, phone: String? = nil, language: String = "es", createdAt: Date) {
        self.name = name
        self.passwordHash = passwordHash
        self.role = role
        self.phone = phone
        self.language = language
        self.createdAt = createdAt
    }
}

/// A stored dashboard session: opaque data (JSON owned by the web server) with its expiry.
public struct StoredSession: Sendable, Equatable {
    /// The session key as the web server gives it (a hash of the cookie value, never the cookie itself).
    public var key: String
    public var data: Data
    /// Nil: never expires.
    public var expiresAt: Date?

    /// - Parameters:
    ///   - key: session key.
    ///   - data: opaque session data.
    ///   - expiresAt: expiry.
    public init(key: String, data: Data, expiresAt: Date?) {
        self.key = key
        self.data = data
        self.expiresAt = expiresAt
    }
}

/// An API bearer token as stored: its name and the SHA-256 of the secret, never the secret.
public struct APIToken: Sendable, Equatable, Identifiable {
    public var id: RowID
    public var name: String
    /// Lower-case hex SHA-256 of the token text.
    public var tokenHash: String
    public var createdAt: Date

    /// - Parameters:
    ///   - id: row id.
    ///   - name: unique name.
    ///   - tokenHash: hex SHA-256 of the token.
    ///   - createdAt: creation time.
    public init(id: RowID, name: String, tokenHash: String, createdAt: Date) {
        self.id = id
        self.name = name
        self.tokenHash = tokenHash
        self.createdAt = createdAt
    }
}

/// Dashboard users, sessions and API tokens. A separate port from `StoreTransaction` so that a store can
/// add it on its own; every store's transaction conforms to both (memory, SQLite, PostgreSQL).
public protocol AuthStoreTransaction: StoreTransaction {
    // MARK: Users
    /// All users, by name.
    func dashboardUsers() async throws -> [DashboardUser]
    /// The user with this login name (compared lower case).
    func dashboardUser(name: String) async throws -> DashboardUser?
    /// The user with this id.
    func dashboardUser(id: RowID) async throws -> DashboardUser?
    /// Creates a user; the name must be unique.
    func insertDashboardUser(_ user: NewDashboardUser) async throws -> DashboardUser
    /// Replaces a user's password hash, role, phone and language.
    func updateDashboardUser(_ user: DashboardUser) async throws

    // MARK: Sessions
    /// The session with this key, if it exists and has not expired at `now`.
    func dashboardSession(key: String, now: Date) async throws -> StoredSession?
    /// Creates a session; false (and nothing written) when the key exists and has not expired.
    func insertDashboardSession(_ session: StoredSession, now: Date) async throws -> Bool
    /// Creates or replaces a session's data; a nil `expiresAt` keeps the stored expiry.
    func saveDashboardSession(key: String, data: Data, expiresAt: Date?) async throws
    /// Removes a session (logout).
    func deleteDashboardSession(key: String) async throws
    /// Removes sessions expired at `now`; returns how many.
    func deleteExpiredDashboardSessions(now: Date) async throws -> Int

    // MARK: API tokens
    /// Stores a token (hashed); the name must be unique.
    func insertAPIToken(name: String, tokenHash: String, createdAt: Date) async throws -> APIToken
    /// The token with this hash.
    func apiToken(hash: String) async throws -> APIToken?
    /// All tokens, by name.
    func apiTokens() async throws -> [APIToken]
    /// Removes the token with this name; false when there was none.
    func deleteAPIToken(name: String) async throws -> Bool
}

/// The store in use does not implement an optional port yet.
public struct StoreCapabilityError: Error, CustomStringConvertible {
    /// The missing port.
    public var capability: String
    public var description: String { "this database does not support \(capability) yet" }
}

extension StoreTransaction {
    /// This transaction's users, sessions and tokens; throws when the store does not keep them.
    public func auth() throws -> any AuthStoreTransaction {
        guard let auth = self as? any AuthStoreTransaction else { throw StoreCapabilityError(capability: "dashboard users") }
        return auth
    }
}
