import Engine
import Foundation
import Logging
import PostgresStore
import Synchronization
import Testing

/// Phones are masked in every log line, also at trace level, where postgres-nio logs every statement it sends and every
/// row it receives: it writes bound values and row data as `****`. This keeps that true for the version we build with.
@Suite(
    "PostgreSQL store logging", .serialized,
    .enabled(if: PostgresTestDatabase.url != nil, PostgresTestDatabase.skipReason))
struct PostgresLoggingTests {
    @Test("at trace level no line of the pool or the store carries a bound or returned phone")
    func noBoundValuesInLogs() async throws {
        let lines = LogLines()
        var logger = Logger(label: "confianza.postgres") { _ in RecordingLogHandler(lines: lines) }
        logger.logLevel = .trace
        try await PostgresTestDatabase.withStores { db in
            let store = PostgresStore(configuration: db.configuration, logger: logger)
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await store.run() }
                defer { group.cancelAll() }
                let phone = "+51987654321"
                try await store.transaction { tx in
                    try await tx.insertInbound(InboundRecord(
                        gateway: "kannel", messageID: "log-1", from: phone, to: "4455", text: "APORTE 20",
                        receivedAt: Date(timeIntervalSince1970: 1_764_000_000), processedAt: Date(timeIntervalSince1970: 1_764_000_001),
                        replies: ["Gracias"], outcome: "ok"))
                }
                #expect(try await store.read { tx in try await tx.inbound(gateway: "kannel", messageID: "log-1") }?.from == phone)
                let logged = lines.all
                #expect(logged.allSatisfy { !$0.contains("987654321") }, "a log line carries the phone: \(logged.filter { $0.contains("987654321") }.prefix(3))")
                #expect(logged.contains { $0.contains("INSERT INTO inbound_message") }, "the statements are logged at trace level")
            }
        }
    }
}

/// Every line logged, rendered with its metadata.
final class LogLines: Sendable {
    private let lines = Mutex<[String]>([])

    func append(_ line: String) { lines.withLock { $0.append(line) } }
    var all: [String] { lines.withLock { $0 } }
}

struct RecordingLogHandler: LogHandler {
    let lines: LogLines
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let merged = metadata.merging(event.metadata ?? [:]) { $1 }
        lines.append("\(event.message) \(merged)")
    }
}
