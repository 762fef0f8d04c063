import Engine
import Foundation
import Hummingbird

/// hummingbird-auth's session storage on the `Store`, so that dashboard sessions survive restarts and work
/// across instances. Keys are stored as a SHA-256 of the cookie value: a copy of the database holds no
/// usable session.
struct SessionDriver: PersistDriver {
    let store: any Store
    let clock: @Sendable () -> Date

    private func key(_ key: String) -> String { Secrets.sha256(key) }

    private func expiry(_ duration: Duration?) -> Date? {
        duration.map { clock().addingTimeInterval(Double($0.components.seconds) + Double($0.components.attoseconds) / 1e18) }
    }

    func create<Object: Codable & Sendable>(key: String, value: Object, expires: Duration?) async throws {
        let session = StoredSession(key: self.key(key), data: try JSONEncoder().encode(value), expiresAt: expiry(expires))
        let now = clock()
        let created = try await store.transaction { tx in try await tx.auth().insertDashboardSession(session, now: now) }
        if !created { throw PersistError.duplicate }
    }

    func set<Object: Codable & Sendable>(key: String, value: Object, expires: Duration?) async throws {
        let data = try JSONEncoder().encode(value)
        let hashed = self.key(key)
        let expiresAt = expiry(expires)
        try await store.transaction { tx in try await tx.auth().saveDashboardSession(key: hashed, data: data, expiresAt: expiresAt) }
    }

    func get<Object: Codable & Sendable>(key: String, as: Object.Type) async throws -> Object? {
        try await getWithTTL(key: key, as: Object.self)?.object
    }

    func getWithTTL<Object: Codable & Sendable>(key: String, as: Object.Type) async throws -> (object: Object, ttl: Duration?)? {
        let hashed = self.key(key)
        let now = clock()
        guard let stored = try await store.read({ tx in try await tx.auth().dashboardSession(key: hashed, now: now) }) else { return nil }
        do {
            let object = try JSONDecoder().decode(Object.self, from: stored.data)
            return (object, stored.expiresAt.map { .seconds(max(0, $0.timeIntervalSince(now))) })
        } catch {
            throw PersistError.invalidConversion
        }
    }

    func remove(key: String) async throws {
        let hashed = self.key(key)
        try await store.transaction { tx in try await tx.auth().deleteDashboardSession(key: hashed) }
    }
}
