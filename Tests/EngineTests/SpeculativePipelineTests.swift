import Conversation
import Engine
import Foundation
import GRDB
import SQLiteStore
import Testing
import TrustCore

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
