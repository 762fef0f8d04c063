import Conversation
import Engine
import Foundation
import GRDB
import SQLiteStore
import Testing
import TrustCore

/// A SQLite file in a fresh temporary folder.
struct TemporaryDatabase {
    let folder: URL
    var path: String { folder.appendingPathComponent("confianza.sqlite").path }

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("speculation-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    func remove() { try? FileManager.default.removeItem(at: folder) }
}

@Suite("Change ledger")
struct ChangeLedgerTests {
    @Test func aSnapshotIsCurrentUntilAKeyItReadIsWrittenAfterIt() {
        let ledger = ChangeLedger()
        let first = ledger.begin()
        ledger.wrote(.phone("+51987000004"), in: first)
        ledger.end(first)
        let reads = SnapshotReads(generation: ledger.completed, keys: [.phone("+51987000004"), .network(1)], untracked: false)
        #expect(ledger.unchanged(reads), "written before the snapshot: visible to it")
        let second = ledger.begin()
        ledger.wrote(.phone("+51987000005"), in: second)
        ledger.wrote(.member(7), in: second)
        #expect(ledger.unchanged(reads), "other keys")
        ledger.wrote(.network(1), in: second)
        #expect(!ledger.unchanged(reads), "written by the open transaction itself")
        ledger.end(second)
        #expect(!ledger.unchanged(reads))
    }

    @Test func readsReusedFromEarlierSnapshotsAreCheckedFromTheirOwnGeneration() {
        let ledger = ChangeLedger()
        let first = ledger.begin()
        ledger.end(first)
        let second = ledger.begin()
        ledger.wrote(.member(7), in: second)
        ledger.end(second)
        // Read at `first`, reused by a snapshot at `second`: the write of `second` is after it.
        let reused = SnapshotReads(generation: second, keys: [.conversation("+51987000004")], untracked: false, earlier: [.member(7): first])
        #expect(!ledger.unchanged(reused))
        #expect(ledger.unchanged(SnapshotReads(generation: second, keys: [.member(7)], untracked: false)), "read at `second` itself")
        #expect(!ledger.unchanged([.member(7)], since: first))
        #expect(ledger.unchanged([.member(8), .conversation("+51987000004")], since: first))
        let third = ledger.begin()
        ledger.wroteEverything(in: third)
        ledger.end(third)
        #expect(!ledger.unchanged([.member(8)], since: second))
        #expect(!ledger.unchanged(SnapshotReads(generation: third, keys: [], untracked: false, earlier: [.member(8): second])))
    }

    @Test func writingEverythingOrReadingUntrackedIsNeverCurrent() {
        let ledger = ChangeLedger()
        let keyed = SnapshotReads(generation: 0, keys: [.member(1)], untracked: false)
        #expect(ledger.unchanged(keyed))
        #expect(!ledger.unchanged(SnapshotReads(generation: 0, keys: [], untracked: true)), "unknown reads, even with no write")
        let generation = ledger.begin()
        ledger.wroteEverything(in: generation)
        ledger.end(generation)
        #expect(!ledger.unchanged(keyed))
        #expect(ledger.unchanged(SnapshotReads(generation: ledger.completed, keys: [.member(1)], untracked: false)))
    }

    @Test func aFullLedgerForgetsItsKeysAndStalesEveryOlderSnapshot() {
        let ledger = ChangeLedger()
        let old = SnapshotReads(generation: 0, keys: [.member(-1)], untracked: false)
        let generation = ledger.begin()
        for id in 0..<Int64(60_000) { ledger.wrote(.member(id), in: generation) }
        ledger.end(generation)
        #expect(!ledger.unchanged(old), "member -1 was never written, but the ledger no longer knows")
        #expect(ledger.unchanged(SnapshotReads(generation: ledger.completed, keys: [.member(3)], untracked: false)))
    }
}

@Suite("Keyed lock")
struct KeyedLockTests {
    @Test func oneKeysHoldersRunOneAtATimeInArrivalOrderAndOtherKeysDoNotWait() async throws {
        let lock = KeyedLock<String>()
        let order = OrderLog()
        await lock.lock("a")
        let waiters = Task {
            await withTaskGroup(of: Void.self) { group in
                for i in 0..<5 {
                    group.addTask { await lock.withLock("a") { await order.append(i) } }
                    // Each waiter queues before the next one starts.
                    try? await Task.sleep(for: .milliseconds(20))
                }
            }
        }
        try await Task.sleep(for: .milliseconds(150))
        await lock.withLock("b") { await order.append(-1) }
        #expect(await order.items == [-1], "b is free while a is held")
        lock.unlock("a")
        await waiters.value
        #expect(await order.items == [-1, 0, 1, 2, 3, 4])
        #expect(lock.held == 0)
    }
}

actor OrderLog {
    private(set) var items: [Int] = []
    func append(_ item: Int) { items.append(item) }
}

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
        let db = try TemporaryDatabase()
        defer { db.remove() }
        let store = try SQLiteStore(path: db.path)
        let r = try await roster(store)
        let reads = try await rosaReads(store, r)
        let day = LocalDate(year: 2026, month: 11, day: 24)!
        try await store.transaction { tx in try await writes(tx, r, day) }
        return try await current(store, reads)
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
        let db = try TemporaryDatabase()
        defer { db.remove() }
        let store = try SQLiteStore(path: db.path)
        let r = try await Self.roster(store)
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

    struct Refused: Error {}

    @Test func aStateWrittenByAUnitThatRolledBackIsNeverTakenFromTheCache() async throws {
        let db = try TemporaryDatabase()
        defer { db.remove() }
        let store = try SQLiteStore(path: db.path)
        let r = try await Self.roster(store)
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

    @Test func aBoardReadIsStaleAfterAnyMembersContributionInItsNetwork() async throws {
        let db = try TemporaryDatabase()
        defer { db.remove() }
        let store = try SQLiteStore(path: db.path)
        let r = try await Self.roster(store)
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

    @Test func readsTheStoreDoesNotTrackAreNeverTrusted() async throws {
        let db = try TemporaryDatabase()
        defer { db.remove() }
        let store = try SQLiteStore(path: db.path)
        _ = try await Self.roster(store)
        let untracked = try #require(try await store.speculate { tx in try await tx.networks().count })
        #expect(untracked.value == 2)
        #expect(untracked.reads.untracked)
        #expect(try await !Self.current(store, untracked.reads))
    }

    @Test func anotherProcesssCommitStalesEverySnapshotTakenBeforeIt() async throws {
        let db = try TemporaryDatabase()
        defer { db.remove() }
        let store = try SQLiteStore(path: db.path)
        let r = try await Self.roster(store)
        // The writer notes the file's data version at the start of each write transaction.
        try await store.transaction { _ in }
        let reads = try await Self.rosaReads(store, r)
        // A second connection stands for another process (e.g. `confianza member phone` while serve runs).
        let outsider = try DatabaseQueue(path: db.path)
        try await outsider.write { db in
            try db.execute(sql: "UPDATE member SET name = 'Rosa Q.' WHERE id = ?", arguments: [r.rosa.id])
        }
        try await outsider.close()
        #expect(try await !Self.current(store, reads))
        let fresh = try await Self.rosaReads(store, r)
        #expect(try await Self.current(store, fresh), "a snapshot after it is current again")
    }

    @Test func theSnapshotSeesCommittedDataAndAnInMemoryStoreDoesNotSpeculate() async throws {
        let db = try TemporaryDatabase()
        defer { db.remove() }
        let store = try SQLiteStore(path: db.path)
        let r = try await Self.roster(store)
        let names = try await store.speculate { tx in try await tx.members(phone: Self.rosaPhone).map(\.name) }
        #expect(names?.value == ["Rosa"])
        let memory = try SQLiteStore.inMemory()
        #expect(try await memory.speculate { _ in 1 } == nil)
    }
}

/// The pipeline with speculation gives what it gives without: a burst of concurrent conversations on a SQLite file
/// (conversation steps beside the writer, some found stale and redone) ends with the same records and the same
/// replies as the same conversations one message at a time on the memory store.
@Suite("Speculative pipeline")
struct SpeculativePipelineTests {
    static let socios = 24

    static func setUp(_ store: any Store) async throws -> (InboundPipeline, Network, [Member]) {
        let book = try MessageLoader.load(directory: EngineFixture.messagesDirectory)
        let pipeline = InboundPipeline(store: store, bot: Bot(book: book), settings: PipelineSettings(floodLimitPerMinute: 1000))
        let (network, members) = try await store.transaction { tx in
            let day = LocalDate(year: 2026, month: 1, day: 5)!
            let network = try await tx.insertNetwork(NewNetwork(code: "HUAMBO", name: "Lácteos Huambocancha"))
            _ = try await tx.insertMember(NewMember(networkID: network.id, phone: "+51987000001", name: "Julio", roster: 1, role: .presidente, joinedOn: day))
            var members: [Member] = []
            for i in 0..<socios {
                members.append(try await tx.insertMember(NewMember(
                    networkID: network.id, phone: "+519871\(String(format: "%05d", i))", name: "Socio \(i)", roster: 10 + i, joinedOn: day)))
            }
            return (network, members)
        }
        return (pipeline, network, members)
    }

    /// Each socio's conversation: answers the open meeting, reports and confirms a contribution, asks for a summary.
    static func script(_ i: Int) -> [String] {
        i % 3 == 0 ? ["asisti", "si", "aporte \(10 + i)", "1", "mio"] : ["aporte \(10 + i)", "1", "hola", "asisti", i % 2 == 0 ? "si" : "no"]
    }

    struct Result: Equatable {
        var replies: [String: [String]] = [:]
        var attendance: [String] = []
        var contributions: [String] = []
        var events: [String] = []
    }

    static func run(_ store: any Store, concurrently: Bool) async throws -> Result {
        let (pipeline, network, members) = try await setUp(store)
        let phones = members.map { $0.phone ?? "" }
        let start = EngineFixture.now
        // The board registers the meeting first (without a list: every member is asked), while the burst starts.
        let leader = try await pipeline.handle(
            EngineFixture.message("REUNION ORD HOY 0", id: "lead", from: "+51987000001", at: start), inlineReply: true, now: start)
        #expect(leader.outcome == "ok")
        let conversation: @Sendable (Int) async throws -> (String, [String]) = { i in
            let phone = phones[i]
            var replies: [String] = []
            for (step, text) in script(i).enumerated() {
                let at = start + Double(1 + step)
                let outcome = try await pipeline.handle(EngineFixture.message(text, id: "\(i)-\(step)", from: phone, at: at), inlineReply: true, now: at)
                replies.append(contentsOf: outcome.replies.map(\.text))
            }
            return (phone, replies)
        }
        // Meanwhile the presidente plans events: each writes the network's shared records, which every socio's
        // message reads, so speculations taken before it are stale and redone in the writer.
        let board: @Sendable () async throws -> (String, [String]) = {
            var replies: [String] = []
            for n in 0..<6 {
                let at = start + Double(1 + n)
                let outcome = try await pipeline.handle(
                    EngineFixture.message("EVENTO Feria \(n) 15/12", id: "ev\(n)", from: "+51987000001", at: at), inlineReply: true, now: at)
                replies.append(contentsOf: outcome.replies.map(\.text))
            }
            return ("+51987000001", replies)
        }
        var result = Result()
        if concurrently {
            try await withThrowingTaskGroup(of: (String, [String]).self) { group in
                group.addTask { try await board() }
                for i in 0..<socios { group.addTask { try await conversation(i) } }
                for try await (phone, replies) in group { result.replies[phone] = replies }
            }
        } else {
            let (phone, replies) = try await board()
            result.replies[phone] = replies
            for i in 0..<socios {
                let (phone, replies) = try await conversation(i)
                result.replies[phone] = replies
            }
        }
        let records = try await store.read { tx in try await tx.records(networkID: network.id, since: nil) }
        let byID = Dictionary(uniqueKeysWithValues: members.map { ($0.id, $0.phone ?? "") })
        result.attendance = records.attendance.map { "\(byID[$0.memberID] ?? "?") \($0.present)" }.sorted()
        result.contributions = records.contributions.map { "\(byID[$0.memberID] ?? "?") \($0.amount.cents) \($0.status)" }.sorted()
        result.events = records.events.map { "\($0.number) \($0.title)" }
        return result
    }

    @Test func aConcurrentBurstOnSQLiteEndsAsTheSameConversationsOneByOneInMemory() async throws {
        let expected = try await Self.run(MemoryStore(), concurrently: false)
        #expect(expected.contributions.count == Self.socios)
        #expect(expected.attendance.count == Self.socios)
        #expect(expected.events.count == 6)
        for round in 0..<3 {
            let db = try TemporaryDatabase()
            defer { db.remove() }
            let actual = try await Self.run(try SQLiteStore(path: db.path), concurrently: true)
            #expect(actual == expected, "round \(round)")
        }
    }
}

@Suite("Conversation state cache")
struct StateRoundTripTests {
    /// The pipeline keeps the state it just wrote as decoded for those bytes: that holds only if decoding the encoding
    /// gives the same state back, for every state a step can make (dates with any fraction of a second included).
    @Test func everyStateAStepMakesDecodesBackToItself() async throws {
        let book = try MessageLoader.load(directory: EngineFixture.messagesDirectory)
        let f = try await EngineFixture.make(store: MemoryStore())
        let bot = Bot(book: book)
        var state = ConversationState()
        let texts = ["aporte 20", "1", "hola", "3", "asisti", "opinar", "4", "mas", "corregir", "menu", "2"]
        for (i, text) in texts.enumerated() {
            let context = ConversationContext(
                phone: EngineFixture.rosaPhone, memberships: [Membership(member: f.rosa, network: f.network)])
            let now = EngineFixture.now + Double(i) * 61.123456789
            state = bot.step(state: state, text: text, context: context, now: now).state
            let decoded = try JSONDecoder().decode(ConversationState.self, from: try JSONEncoder().encode(state))
            #expect(decoded == state, "after \(text)")
        }
    }
}
