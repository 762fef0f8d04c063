import Engine
import Foundation
import GRDB
import SQLiteStore
import Testing
import TrustCore

@Suite("SQLite speculation")
struct SQLiteSpeculationTests {
    static let rosaPhone = "+51987000004"
    static let luisPhone = "+51987000005"

    struct Roster {
        let network: Network
        let other: Network
        let rosa: Member
        let luis: Member
    }

    static func roster(_ store: SQLiteStore) async throws -> Roster {
        try await store.transaction { tx in
            let day = LocalDate(year: 2026, month: 1, day: 5)!
            let network = try await tx.insertNetwork(NewNetwork(code: "HUAMBO", name: "Huambo"))
            let other = try await tx.insertNetwork(NewNetwork(code: "CUYES", name: "Cuyes"))
            let rosa = try await tx.insertMember(NewMember(networkID: network.id, phone: rosaPhone, name: "Rosa", roster: 4, joinedOn: day))
            let luis = try await tx.insertMember(NewMember(networkID: network.id, phone: luisPhone, name: "Luis", roster: 5, joinedOn: day))
            return Roster(network: network, other: other, rosa: rosa, luis: luis)
        }
    }

    /// Runs `body` on a fresh file seeded with the roster; the file is removed afterwards.
    static func onFreshFile<T>(_ body: (SQLiteStore, Roster, TemporaryDatabase) async throws -> T) async throws -> T {
        let db = try TemporaryDatabase()
        defer { db.remove() }
        let store = try SQLiteStore(path: db.path)
        return try await body(store, try await roster(store), db)
    }

    /// What Rosa's own message reads (her rows, her state, her network, her month's meetings and contributions), and the
    /// céntimos she has pending this month.
    static func rosaSnapshot(_ store: SQLiteStore, _ r: Roster) async throws -> Speculation<Int64> {
        let speculation = try await store.speculate { tx in
            let month = LocalDate(year: 2026, month: 11, day: 1)!
            _ = try await tx.members(phone: Self.rosaPhone)
            _ = try await tx.conversationState(phone: Self.rosaPhone)
            _ = try await tx.network(id: r.network.id)
            _ = try await tx.records(of: r.network, scope: .member(r.rosa.id, since: month))
            return try await tx.contributionTotals(of: r.network, memberID: r.rosa.id, since: month).pending.cents
        }
        let snapshot = try #require(speculation)
        #expect(!snapshot.reads.untracked)
        return snapshot
    }

    /// Rosa's reads when none of them can come from the snapshot cache (a fresh file, or after everything changed).
    static func rosaReads(_ store: SQLiteStore, _ r: Roster) async throws -> SnapshotReads {
        let reads = try await rosaSnapshot(store, r).reads
        #expect(reads.keys == [.phone(Self.rosaPhone), .conversation(Self.rosaPhone), .network(r.network.id), .member(r.rosa.id)])
        #expect(reads.earlier.isEmpty)
        return reads
    }

    static func current(_ store: SQLiteStore, _ reads: SnapshotReads) async throws -> Bool {
        try await store.transaction { tx in tx.unchanged(since: reads) }
    }

    /// Rosa's snapshot on a fresh file, then `writes` in one transaction: is the snapshot still current?
    static func rosaSnapshotCurrent(
        after writes: @escaping @Sendable (any StoreTransaction, Roster, LocalDate) async throws -> Void
    ) async throws -> Bool {
        try await Self.onFreshFile { store, r, _ in
            let reads = try await rosaReads(store, r)
            let day = LocalDate(year: 2026, month: 11, day: 24)!
            try await store.transaction { tx in try await writes(tx, r, day) }
            return try await current(store, reads)
        }
    }

    @Test func writesOfOtherPhonesMembersAndNetworksLeaveAMembersSnapshotCurrent() async throws {
        #expect(try await Self.rosaSnapshotCurrent { tx, r, day in
            try await tx.saveConversationState(phone: Self.luisPhone, state: Data("{}".utf8), updatedAt: Date())
            _ = try await tx.apply(.reportContribution(networkID: r.network.id, memberID: r.luis.id, amount: Money(soles: 5), on: day, status: .pending))
            _ = try await tx.apply(.planEvent(networkID: r.other.id, title: "Feria", plannedOn: day))
            // Events and projects are the board's: a member's message reads neither.
            _ = try await tx.apply(.planEvent(networkID: r.network.id, title: "Feria", plannedOn: day))
            _ = try await tx.enqueue(NewOutbound(to: Self.rosaPhone, text: "hola", encoding: .gsm7, segments: 1, gateway: "console", notBefore: Date(), kind: "reply", networkID: nil, createdAt: Date()))
        })
    }

    @Test("a write to anything a member's message read makes its snapshot stale", arguments: 0..<6)
    func writesThatStaleAMembersSnapshot(_ which: Int) async throws {
        #expect(try await !Self.rosaSnapshotCurrent { tx, r, day in
            switch which {
            case 0: try await tx.saveConversationState(phone: Self.rosaPhone, state: Data("{}".utf8), updatedAt: Date())
            case 1: _ = try await tx.apply(.reportContribution(networkID: r.network.id, memberID: r.rosa.id, amount: Money(soles: 5), on: day, status: .pending))
            case 2: _ = try await tx.apply(.registerMeeting(networkID: r.network.id, kind: .ordinary, date: day, registeredBy: nil, present: [r.luis.id]))
            case 3: _ = try await tx.apply(.startPlan(networkID: r.network.id, on: day))
            case 4: _ = try await tx.insertMember(NewMember(networkID: r.network.id, phone: "+51987000009", name: "Ana", role: .articulador, joinedOn: day))
            default: _ = try await tx.apply(.setLanguage(phone: Self.luisPhone, language: "en"))
            }
        })
    }

    @Test func aLaterSnapshotReusesWhatNothingHasWrittenSinceAndTheWriterChecksEachReadFromItsOwnGeneration() async throws {
        try await Self.onFreshFile { store, r, _ in
            let day = LocalDate(year: 2026, month: 11, day: 24)!
            _ = try await Self.rosaReads(store, r)
            // Luis's contribution and Rosa's own conversation state: neither is in her cached rows, network or month.
            try await store.transaction { tx in
                _ = try await tx.apply(.reportContribution(networkID: r.network.id, memberID: r.luis.id, amount: Money(soles: 5), on: day, status: .pending))
                try await tx.saveConversationState(phone: Self.rosaPhone, state: Data("{}".utf8), updatedAt: Date())
            }
            let second = try await Self.rosaSnapshot(store, r)
            #expect(second.reads.keys.isEmpty, "nothing is read again: the state is the one the writer committed")
            #expect(Set(second.reads.earlier.keys) == [.phone(Self.rosaPhone), .conversation(Self.rosaPhone), .network(r.network.id), .member(r.rosa.id)])
            #expect(second.value == 0)
            #expect(try await store.speculate { tx in try await tx.conversationState(phone: Self.rosaPhone) }?.value == Data("{}".utf8))
            #expect(try await Self.current(store, second.reads))
            // Rosa's own contribution: the snapshot that reused her month is stale, the next one reads it again.
            try await store.transaction { tx in
                _ = try await tx.apply(.reportContribution(networkID: r.network.id, memberID: r.rosa.id, amount: Money(soles: 7), on: day, status: .pending))
            }
            #expect(try await !Self.current(store, second.reads), "her month changed after the generation it was read at")
            let third = try await Self.rosaSnapshot(store, r)
            #expect(third.value == 700)
            #expect(third.reads.keys.contains(.member(r.rosa.id)))
            #expect(try await Self.current(store, third.reads))
            // A meeting of her network stales every cached month of it.
            try await store.transaction { tx in
                _ = try await tx.apply(.registerMeeting(networkID: r.network.id, kind: .ordinary, date: day, registeredBy: nil, present: [r.luis.id]))
            }
            let fourth = try await Self.rosaSnapshot(store, r)
            #expect(fourth.reads.keys.isSuperset(of: [.network(r.network.id), .member(r.rosa.id)]))
            #expect(fourth.reads.earlier.keys.contains(.phone(Self.rosaPhone)), "her roster rows are still reused")
        }
    }

    struct Refused: Error {}

    @Test func aStateWrittenByAUnitThatRolledBackIsNeverTakenFromTheCache() async throws {
        try await Self.onFreshFile { store, r, _ in
            _ = try await Self.rosaReads(store, r)
            // A whole transaction that fails, and a savepoint that rolls back inside one that commits.
            await #expect(throws: Refused.self) {
                try await store.transaction { tx in
                    try await tx.saveConversationState(phone: Self.rosaPhone, state: Data("{\"lost\":1}".utf8), updatedAt: Date())
                    throw Refused()
                }
            }
            try await store.transaction { tx in
                try await tx.saveConversationState(phone: Self.luisPhone, state: Data("{\"kept\":1}".utf8), updatedAt: Date())
                _ = try? await tx.savepoint {
                    try await tx.saveConversationState(phone: Self.rosaPhone, state: Data("{\"lost\":2}".utf8), updatedAt: Date())
                    throw Refused()
                }
            }
            let rosa = try #require(try await store.speculate { tx in try await tx.conversationState(phone: Self.rosaPhone) })
            #expect(rosa.value == nil, "read from the file, where neither state is")
            #expect(rosa.reads.keys == [.conversation(Self.rosaPhone)])
            #expect(try await Self.current(store, rosa.reads))
            let luis = try #require(try await store.speculate { tx in try await tx.conversationState(phone: Self.luisPhone) })
            #expect(luis.value == Data("{\"kept\":1}".utf8))
            #expect(luis.reads.keys.isEmpty && luis.reads.earlier.keys.contains(.conversation(Self.luisPhone)))
        }
    }

    @Test func aBoardReadIsStaleAfterAnyMembersContributionInItsNetwork() async throws {
        try await Self.onFreshFile { store, r, _ in
            let day = LocalDate(year: 2026, month: 11, day: 24)!
            let board = try #require(try await store.speculate { tx in
                try await tx.records(of: r.network, scope: .board(contributionsSince: day)).contributions.count
            })
            #expect(board.reads.keys == [.network(r.network.id), .memberRows(network: r.network.id), .activities(network: r.network.id)])
            try await store.transaction { tx in
                _ = try await tx.apply(.reportContribution(networkID: r.network.id, memberID: r.luis.id, amount: Money(soles: 5), on: day, status: .pending))
            }
            #expect(try await !Self.current(store, board.reads))
            let again = try #require(try await store.speculate { tx in
                try await tx.records(of: r.network, scope: .board(contributionsSince: day)).events.count
            })
            #expect(try await Self.current(store, again.reads))
            try await store.transaction { tx in _ = try await tx.apply(.planEvent(networkID: r.network.id, title: "Feria", plannedOn: day)) }
            #expect(try await !Self.current(store, again.reads), "the board reads the events")
            let third = try #require(try await store.speculate { tx in
                try await tx.records(of: r.network, scope: .board(contributionsSince: day)).events.count
            })
            #expect(third.value == 1)
        }
    }

    @Test func readsTheStoreDoesNotTrackAreNeverTrusted() async throws {
        try await Self.onFreshFile { store, _, _ in
            let untracked = try #require(try await store.speculate { tx in try await tx.networks().count })
            #expect(untracked.value == 2)
            #expect(untracked.reads.untracked)
            #expect(try await !Self.current(store, untracked.reads))
        }
    }

    @Test func anotherProcesssCommitStalesEverySnapshotTakenBeforeIt() async throws {
        try await Self.onFreshFile { store, r, db in
            // The writer notes the file's data version at the start of each write transaction.
            try await store.transaction { _ in }
            let reads = try await Self.rosaReads(store, r)
            // A second connection stands for another process (e.g. `confianza member phone` while serve runs).
            let outsider = try DatabaseQueue(path: db.path)
            try await outsider.write { db in
                try db.execute(sql: "UPDATE member SET name = 'Rosa Q.' WHERE id = ?", arguments: [r.rosa.id])
            }
            try outsider.close()
            #expect(try await !Self.current(store, reads))
            let fresh = try await Self.rosaReads(store, r)
            #expect(try await Self.current(store, fresh), "a snapshot after it is current again")
        }
    }

    @Test func theSnapshotSeesCommittedDataAndAnInMemoryStoreDoesNotSpeculate() async throws {
        try await Self.onFreshFile { store, _, _ in
            let names = try await store.speculate { tx in try await tx.members(phone: Self.rosaPhone).map(\.name) }
            #expect(names?.value == ["Rosa"])
            let memory = try SQLiteStore.inMemory()
            #expect(try await memory.speculate { _ in 1 } == nil)
        }
    }
}
