import Conversation
import Engine
import Foundation
import Synchronization
import Testing
import TrustCore

/// A clock the tests move by hand, and a sleep that only moves it.
final class SchedulerTestClock: Sendable {
    private let state: Mutex<(now: Date, sleeps: Int)>

    init(_ start: Date) { state = Mutex((start, 0)) }

    var now: Date { state.withLock { $0.now } }

    /// How many times `sleep` was called.
    var sleeps: Int { state.withLock { $0.sleeps } }

    func set(_ date: Date) { state.withLock { $0.now = date } }

    func advance(by seconds: TimeInterval) { state.withLock { $0.now += seconds } }

    /// Moves the clock by `duration` at once; the `limit`-th call throws, as a cancelled `Task.sleep` does.
    func sleep(_ duration: Duration, limit: Int) throws {
        let count = state.withLock { state in
            state.now += Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
            state.sleeps += 1
            return state.sleeps
        }
        if count >= limit { throw CancellationError() }
    }
}

/// A network with its board, socios and (optionally) an articulador.
struct SeededNetwork {
    let network: Network
    let presidente: Member
    let secretario: Member
    let tesorero: Member
    let socios: [Member]

    var leaderPhones: Set<String> { Set([presidente, secretario, tesorero].compactMap(\.phone)) }
}

/// Shared set-up of the scheduler tests: the real message files, local instants, seeded networks.
enum SchedulerFixture {
    static let lima = TimeZone(identifier: "America/Lima")!
    static let madrid = TimeZone(identifier: "Europe/Madrid")!
    /// The articulador who follows every seeded network.
    static let articuladorPhone = "+51999000001"
    static let joined = LocalDate(year: 2026, month: 1, day: 5)!
    static let socioNames = [
        "Rosa Quispe", "Pedro Mamani", "Ana Torres", "Luis Vega", "Eva Huamán", "Juan Cruz", "Elena Rojas",
        "Hugo Sánchez",
        "Nora Flores",
    ]

    static var messagesDirectory: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
            .appendingPathComponent("config/messages").path
    }

    static func book() throws -> MessageBook { try MessageLoader.load(directory: messagesDirectory) }

    /// A local wall-clock instant in November 2026 (Monday 23 November starts ISO week 2026-W48).
    static func at(day: Int, _ hour: Int, _ minute: Int = 0, month: Int = 11, in zone: TimeZone = lima) -> Date {
        SchedulerCalendar.instant(
            on: LocalDate(year: 2026, month: month, day: day)!, at: DayTime(hour: hour, minute: minute), in: zone)
    }

    /// Creates a network with presidente (1), secretario (2), tesorero (3), `socios` socios and the shared articulador.
    static func seed(
        _ store: any Store, code: String, name: String, zone: String = "America/Lima", number: Int, socios: Int = 3,
        articulador: Bool = true, language: String = "es"
    ) async throws -> SeededNetwork {
        try await store.transaction { tx in
            let network = try await tx.insertNetwork(
                NewNetwork(
                    code: code, name: name, timeZone: zone, createdAt: Date(timeIntervalSince1970: 1_767_225_600)))
            func add(_ roster: Int, _ name: String, _ role: Role) async throws -> Member {
                try await tx.insertMember(
                    NewMember(
                        networkID: network.id, phone: phone(network: number, roster: roster), name: name,
                        roster: roster, role: role,
                        language: language, joinedOn: joined))
            }
            let presidente = try await add(1, "Julio Chávez", .presidente)
            let secretario = try await add(2, "Marta Ruiz", .secretario)
            let tesorero = try await add(3, "Carmen Díaz", .tesorero)
            var members: [Member] = []
            for index in 0..<socios {
                members.append(try await add(4 + index, socioNames[index % socioNames.count], .socio))
            }
            if articulador {
                _ = try await tx.insertMember(
                    NewMember(
                        networkID: network.id, phone: articuladorPhone, name: "Ing. Paredes", roster: 99,
                        role: .articulador,
                        language: language, joinedOn: joined))
            }
            return SeededNetwork(
                network: network, presidente: presidente, secretario: secretario, tesorero: tesorero, socios: members)
        }
    }

    /// `+5198<network><roster>`, unique per seeded network.
    static func phone(network: Int, roster: Int) -> String {
        "+5198\(network)" + String(repeating: "0", count: max(0, 6 - String(roster).count)) + "\(roster)"
    }

    /// Every outbox row, oldest first.
    static func outbox(_ store: any Store) async throws -> [OutboxRow] {
        try await store.read { tx in try await tx.outbound(limit: 10_000, status: nil) }.reversed()
    }

    /// The outbox rows of one kind, oldest first.
    static func outbox(_ store: any Store, kind: String) async throws -> [OutboxRow] {
        try await outbox(store).filter { $0.kind == kind }
    }

    /// Summaries over the real message files.
    static func summaries(_ schedule: ScheduleSettings = .defaults) throws -> Summaries {
        Summaries(book: try book(), schedule: schedule)
    }

    /// Sets a member's opt-out flag.
    static func optOut(_ store: any Store, _ member: Member) async throws {
        try await store.transaction { tx in
            var row = member
            row.optedOut = true
            try await tx.updateMember(row)
        }
    }
}

@Suite("Scheduler fixture")
struct SchedulerFixtureTests {
    @Test func instantsAreLocalWallClockTimes() {
        // Lima is UTC-5 all year; Madrid is UTC+1 in November.
        #expect(SchedulerFixture.at(day: 23, 8) == Date(timeIntervalSince1970: 1_795_438_800))
        #expect(
            SchedulerFixture.at(day: 23, 8, in: SchedulerFixture.madrid) == Date(timeIntervalSince1970: 1_795_417_200))
        #expect(ISOWeek(containing: LocalDate(year: 2026, month: 11, day: 23)!).label == "2026-W48")
    }

    @Test func seededNetworkHasABoardOfThreeWithDistinctPhones() async throws {
        let store = MemoryStore()
        let seeded = try await SchedulerFixture.seed(store, code: "HUAMBO", name: "Huambo", number: 1)
        #expect(seeded.leaderPhones.count == 3)
        let rows = try await store.read { tx in try await tx.members(networkID: seeded.network.id) }
        #expect(rows.map(\.role) == [.presidente, .secretario, .tesorero, .socio, .socio, .socio, .articulador])
    }
}
