import Conversation
import Engine
import Foundation
import SQLiteStore
import Synchronization
import Testing
import TrustCore

/// A store whose transactions do all their work and then fail before committing: a process that
/// died between composing the summaries and committing them.
struct CrashBeforeCommitStore: Store {
    struct Crash: Error {}
    let inner: any Store

    func transaction<T: Sendable>(_ work: @Sendable (any StoreTransaction) async throws -> T) async throws -> T {
        try await inner.transaction { tx -> T in
            _ = try await work(tx)
            throw Crash()
        }
    }

    func read<T: Sendable>(_ work: @Sendable (any StoreTransaction) async throws -> T) async throws -> T {
        try await inner.read(work)
    }

    func ping() async throws { try await inner.ping() }
}

/// A gateway that accepts everything and remembers it.
final class SchedulerRecordingSender: MessageSender {
    let gateway = "console"
    private let sent = Mutex<[OutboundMessage]>([])

    var messages: [OutboundMessage] { sent.withLock { $0 } }

    func send(_ message: OutboundMessage) async -> SendOutcome {
        sent.withLock { $0.append(message) }
        return .accepted(gatewayID: nil)
    }
}

/// A temporary SQLite file, removed with its folder when the test ends.
struct TemporarySQLiteFile {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
        "confianza-scheduler-\(UUID().uuidString)")
    var path: String { folder.appendingPathComponent("confianza.sqlite").path }

    func remove() { try? FileManager.default.removeItem(at: folder) }
}

@Suite("Scheduler races and crashes")
struct SchedulerRaceTests {
    typealias F = SchedulerFixture

    /// Two networks (Lima and Madrid) followed by one articulador: 6 summaries and 1 digest are due on Monday 08:00 Lima.
    static func seedTwo(_ store: any Store) async throws -> Set<String> {
        let huambo = try await F.seed(store, code: "HUAMBO", name: "Huambo", number: 1)
        let flores = try await F.seed(store, code: "FLORES", name: "Flores", zone: "Europe/Madrid", number: 2)
        return huambo.leaderPhones.union(flores.leaderPhones)
    }

    /// Exactly one summary row per (network, leader) and one digest.
    static func expectOneEach(_ store: any Store, leaders: Set<String>) async throws {
        let rows = try await F.outbox(store)
        let summaries = rows.filter { $0.kind == OutboxKind.summary }
        #expect(summaries.count == 6)
        #expect(Set(summaries.map(\.message.to)) == leaders)
        #expect(rows.filter { $0.kind == OutboxKind.digest }.map(\.message.to) == [F.articuladorPhone])
    }

    @Test func twoRunsRacingOnOneMemoryStoreSendOneEach() async throws {
        let store = MemoryStore()
        let leaders = try await Self.seedTwo(store)
        let monday = F.at(day: 23, 8)
        async let first = F.summaries().runDue(store: store, now: monday)
        async let second = F.summaries().runDue(store: store, now: monday)
        async let onDemand = F.summaries().run(store: store, week: ISOWeek(year: 2026, week: 47), now: monday)
        let results = try await [first, second, onDemand]
        #expect(results.map(\.enqueued).reduce(0, +) == 6)
        #expect(results.map(\.digests).reduce(0, +) == 1)
        #expect(results.map(\.alreadySent).reduce(0, +) == 14)
        try await Self.expectOneEach(store, leaders: leaders)
    }

    @Test func twoInstancesRacingOnOneSQLiteFileSendOneEach() async throws {
        let file = TemporarySQLiteFile()
        defer { file.remove() }
        let first = try SQLiteStore(path: file.path)
        let second = try SQLiteStore(path: file.path)
        let leaders = try await Self.seedTwo(first)
        let monday = F.at(day: 23, 8)
        async let a = F.summaries().runDue(store: first, now: monday)
        async let b = F.summaries().runDue(store: second, now: monday)
        async let c = F.summaries().runDue(store: second, now: monday.addingTimeInterval(1))
        let results = try await [a, b, c]
        #expect(results.map(\.enqueued).reduce(0, +) == 6)
        #expect(results.map(\.alreadySent).reduce(0, +) == 14)
        try await Self.expectOneEach(first, leaders: leaders)
        try await Self.expectOneEach(second, leaders: leaders)
    }

    @Test func twoSchedulerServicesOnOneSQLiteFileSendOneEach() async throws {
        let file = TemporarySQLiteFile()
        defer { file.remove() }
        let stores = [try SQLiteStore(path: file.path), try SQLiteStore(path: file.path)]
        let leaders = try await Self.seedTwo(stores[0])
        let book = try F.book()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for store in stores {
                let clock = SchedulerTestClock(F.at(day: 23, 7, 58))
                let service = SchedulerService(
                    store: store, book: book, clock: { clock.now }, sleep: { try clock.sleep($0, limit: 4) })
                group.addTask { try await service.run() }
            }
            try await group.waitForAll()
        }
        try await Self.expectOneEach(stores[1], leaders: leaders)
    }

    @Test(arguments: ["memory", "sqlite"])
    func aCrashBeforeCommitLosesNothingAndTheRestartSendsOnce(storeKind: String) async throws {
        let file = TemporarySQLiteFile()
        defer { file.remove() }
        let store: any Store = storeKind == "memory" ? MemoryStore() : try SQLiteStore(path: file.path)
        let leaders = try await Self.seedTwo(store)
        let monday = F.at(day: 23, 8)
        let crashed = try await F.summaries().runDue(store: CrashBeforeCommitStore(inner: store), now: monday)
        #expect(crashed.failed == ["FLORES", "HUAMBO", "digest"])
        #expect(try await F.outbox(store).isEmpty)
        // The restarted process finds every key free and sends each summary once.
        let restarted = try await F.summaries().runDue(store: store, now: monday.addingTimeInterval(60))
        #expect(restarted.enqueued == 6 && restarted.digests == 1)
        try await Self.expectOneEach(store, leaders: leaders)
    }

    @Test(arguments: ["memory", "sqlite"])
    func aRestartBetweenEnqueueAndSendSendsOnce(storeKind: String) async throws {
        let file = TemporarySQLiteFile()
        defer { file.remove() }
        let store: any Store = storeKind == "memory" ? MemoryStore() : try SQLiteStore(path: file.path)
        let leaders = try await Self.seedTwo(store)
        let monday = F.at(day: 23, 8)
        _ = try await F.summaries().runDue(store: store, now: monday)
        // The process dies before the outbox worker sent anything; the new one runs the scheduler first.
        let afterRestart = try await F.summaries().runDue(store: store, now: monday.addingTimeInterval(120))
        #expect(afterRestart.enqueued == 0 && afterRestart.digests == 0 && afterRestart.alreadySent == 7)
        let sender = SchedulerRecordingSender()
        let worker = OutboxService(store: store, senders: [sender])
        #expect(try await worker.drainOnce(now: { monday.addingTimeInterval(180) }) == 7)
        #expect(try await worker.drainOnce(now: { monday.addingTimeInterval(240) }) == 0)
        #expect(
            Set(
                sender.messages.filter {
                    $0.text.hasPrefix("Confianza Huambo") || $0.text.hasPrefix("Confianza Flores")
                }
                .map(\.to)) == leaders)
        #expect(sender.messages.count == 7)
    }
}
