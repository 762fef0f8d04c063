import Engine
import Foundation
import Testing
import TrustCore

/// Dashboard users, sessions and API tokens (`AuthStoreTransaction`).
enum AuthCases {
    static let all = [users, sessions, expiredSessions, tokens]

    static func user(_ name: String, role: DashboardRole = .staff, phone: String? = nil) -> NewDashboardUser {
        NewDashboardUser(name: name, passwordHash: "$2b$10$hash-of-\(name)", role: role, phone: phone, language: "es", createdAt: Fixture.at(-60))
    }

    static func stored(_ store: any Store, id: RowID) async throws -> DashboardUser? {
        try await store.read { tx async throws in try await tx.auth().dashboardUser(id: id) }
    }

    static let users = StoreCase("auth: users are stored lower case, found by name and id, unique and updatable") { store in
        let (ana, jorge) = try await store.transaction { tx async throws in
            let auth = try tx.auth()
            let ana = try await auth.insertDashboardUser(user("Ana", role: .admin))
            let jorge = try await auth.insertDashboardUser(user("jorge.q", role: .articulador, phone: "+51987000009"))
            return (ana, jorge)
        }
        #expect(ana.name == "ana" && ana.id != jorge.id)
        let jorgeID = jorge.id
        let listed = try await store.read { tx async throws in try await tx.auth().dashboardUsers() }
        #expect(listed == [ana, jorge])
        #expect(try await store.read { tx async throws in try await tx.auth().dashboardUser(name: "ANA") } == ana)
        #expect(try await stored(store, id: jorgeID) == jorge)
        #expect(try await store.read { tx async throws in try await tx.auth().dashboardUser(name: "nadie") } == nil)

        await #expect(throws: (any Error).self, "a second user with the same name is refused") {
            try await store.transaction { tx async throws in _ = try await tx.auth().insertDashboardUser(user("ANA")) }
        }
        var changed = jorge
        changed.passwordHash = "$2b$10$new"
        changed.role = .staff
        changed.phone = nil
        changed.language = "en"
        changed.name = "ignored"
        changed.createdAt = Fixture.at(999)
        let update = changed
        try await store.transaction { tx async throws in try await tx.auth().updateDashboardUser(update) }
        let updated = try await stored(store, id: jorgeID)
        #expect(updated == DashboardUser(
            id: jorgeID, name: "jorge.q", passwordHash: "$2b$10$new", role: .staff, phone: nil, language: "en", createdAt: Fixture.at(-60)))
        #expect(try await store.read { tx async throws in try await tx.auth().dashboardUsers() }.count == 2)
    }

    static let sessions = StoreCase("auth: sessions insert once, save keeps the expiry when none is given, delete") { store in
        let live = StoredSession(key: "k1", data: Data([1, 2, 0, 255]), expiresAt: Fixture.at(3600))
        let forever = StoredSession(key: "k2", data: Data("{}".utf8), expiresAt: nil)
        let inserted = try await store.transaction { tx async throws in
            let auth = try tx.auth()
            return [
                try await auth.insertDashboardSession(live, now: Fixture.t0),
                try await auth.insertDashboardSession(forever, now: Fixture.t0),
                try await auth.insertDashboardSession(StoredSession(key: "k1", data: Data([9]), expiresAt: nil), now: Fixture.t0),
            ]
        }
        #expect(inserted == [true, true, false])
        #expect(try await store.read { tx async throws in try await tx.auth().dashboardSession(key: "k1", now: Fixture.t0) } == live)
        #expect(try await store.read { tx async throws in try await tx.auth().dashboardSession(key: "k2", now: Fixture.at(1e9)) } == forever)

        try await store.transaction { tx async throws in
            let auth = try tx.auth()
            try await auth.saveDashboardSession(key: "k1", data: Data([7]), expiresAt: nil)
            try await auth.saveDashboardSession(key: "k3", data: Data([3]), expiresAt: Fixture.at(10))
        }
        let k1 = try await store.read { tx async throws in try await tx.auth().dashboardSession(key: "k1", now: Fixture.t0) }
        #expect(k1 == StoredSession(key: "k1", data: Data([7]), expiresAt: Fixture.at(3600)), "a nil expiry keeps the stored one")
        let k3 = try await store.read { tx async throws in try await tx.auth().dashboardSession(key: "k3", now: Fixture.t0) }
        #expect(k3 == StoredSession(key: "k3", data: Data([3]), expiresAt: Fixture.at(10)))
        #expect(try await store.read { tx async throws in try await tx.auth().dashboardSession(key: "k3", now: Fixture.at(10)) } == nil)

        try await store.transaction { tx async throws in try await tx.auth().deleteDashboardSession(key: "k1") }
        #expect(try await store.read { tx async throws in try await tx.auth().dashboardSession(key: "k1", now: Fixture.t0) } == nil)
    }

    static let expiredSessions = StoreCase("auth: an expired session's key can be reused; expired sessions are swept") { store in
        try await store.transaction { tx async throws in
            let auth = try tx.auth()
            #expect(try await auth.insertDashboardSession(StoredSession(key: "old", data: Data([1]), expiresAt: Fixture.at(5)), now: Fixture.t0))
            #expect(try await auth.insertDashboardSession(StoredSession(key: "gone", data: Data([2]), expiresAt: Fixture.at(6)), now: Fixture.t0))
            #expect(try await auth.insertDashboardSession(StoredSession(key: "keep", data: Data([3]), expiresAt: nil), now: Fixture.t0))
        }
        let reused = try await store.transaction { tx async throws in
            try await tx.auth().insertDashboardSession(StoredSession(key: "old", data: Data([4]), expiresAt: Fixture.at(500)), now: Fixture.at(5))
        }
        #expect(reused, "expiry at or before now no longer counts")
        #expect(try await store.read { tx async throws in try await tx.auth().dashboardSession(key: "old", now: Fixture.at(100)) }?.data == Data([4]))
        let swept = try await store.transaction { tx async throws in try await tx.auth().deleteExpiredDashboardSessions(now: Fixture.at(6)) }
        #expect(swept == 1)
        #expect(try await store.transaction { tx async throws in try await tx.auth().deleteExpiredDashboardSessions(now: Fixture.at(6)) } == 0)
        #expect(try await store.read { tx async throws in try await tx.auth().dashboardSession(key: "keep", now: Fixture.at(1e9)) } != nil)
    }

    static let tokens = StoreCase("auth: tokens by hash, listed by name, names unique, revoked by name") { store in
        let (b, a) = try await store.transaction { tx async throws in
            let auth = try tx.auth()
            let b = try await auth.insertAPIToken(name: "zeta-bot", tokenHash: String(repeating: "b", count: 64), createdAt: Fixture.at(-5))
            let a = try await auth.insertAPIToken(name: "alfa", tokenHash: String(repeating: "a", count: 64), createdAt: Fixture.at(-4))
            return (b, a)
        }
        #expect(a.id != b.id)
        #expect(try await store.read { tx async throws in try await tx.auth().apiTokens() } == [a, b])
        #expect(try await store.read { tx async throws in try await tx.auth().apiToken(hash: String(repeating: "b", count: 64)) } == b)
        #expect(try await store.read { tx async throws in try await tx.auth().apiToken(hash: String(repeating: "c", count: 64)) } == nil)
        await #expect(throws: (any Error).self, "a second token with the same name is refused") {
            try await store.transaction { tx async throws in
                _ = try await tx.auth().insertAPIToken(name: "alfa", tokenHash: String(repeating: "d", count: 64), createdAt: Fixture.t0)
            }
        }
        #expect(try await store.transaction { tx async throws in try await tx.auth().deleteAPIToken(name: "alfa") })
        #expect(try await store.transaction { tx async throws in try await tx.auth().deleteAPIToken(name: "alfa") } == false)
        #expect(try await store.read { tx async throws in try await tx.auth().apiTokens() } == [b])
    }
}
