import Conversation
import Foundation
import Logging
import ServiceLifecycle
import TrustCore

/// What one scheduler round did; nil parts failed (and were logged) or are switched off.
public struct SchedulerTick: Sendable, Equatable {
    /// Summaries and digests.
    public var summaries: SummaryRunResult?
    /// Nudges and leader notices.
    public var reminders: ReminderRunResult?

    /// - Parameters:
    ///   - summaries: the summaries part.
    ///   - reminders: the reminders part.
    public init(summaries: SummaryRunResult?, reminders: ReminderRunResult?) {
        self.summaries = summaries
        self.reminders = reminders
    }
}

/// Sends the automatic messages on time: every `tick` it runs the due weekly summaries and digests
/// (with catch-up after downtime) and the attendance reminders. All coordination goes through the
/// database (claimed keys written with the outbox rows), so any number of instances may run it.
/// Time and sleep are injected so that tests never wait.
public struct SchedulerService: Service {
    let store: any Store
    let summaries: Summaries
    let reminders: Reminders
    let settings: ScheduleSettings
    let clock: @Sendable () -> Date
    let sleep: @Sendable (Duration) async throws -> Void
    let logger: Logger

    /// - Parameters:
    ///   - store: the database.
    ///   - book: message catalogs.
    ///   - indicators: indicator settings.
    ///   - settings: schedule settings.
    ///   - gateway: the outbox gateway.
    ///   - logger: logger (no phone numbers); a no-op by default.
    ///   - clock: the current time.
    ///   - sleep: waits between rounds; throws when cancelled.
    public init(
        store: any Store, book: MessageBook, indicators: IndicatorSettings = .defaults,
        settings: ScheduleSettings = .defaults,
        gateway: String = "console",
        logger: Logger = Logger(label: "confianza.scheduler", factory: { _ in SwiftLogNoOpLogHandler() }),
        clock: @escaping @Sendable () -> Date = { Date() },
        sleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) }
    ) {
        self.store = store
        self.summaries = Summaries(
            book: book, indicators: indicators, schedule: settings, gateway: gateway, logger: logger)
        self.reminders = Reminders(book: book, schedule: settings, gateway: gateway, logger: logger)
        self.settings = settings
        self.clock = clock
        self.sleep = sleep
        self.logger = logger
    }

    /// Runs rounds until cancelled or a graceful shutdown starts.
    public func run() async throws {
        try await cancelWhenGracefulShutdown { try await self.loop() }
    }

    private func loop() async throws {
        while !Task.isCancelled {
            await tick(at: clock())
            do {
                try await sleep(.milliseconds(Int64(settings.tick * 1000)))
            } catch {
                return
            }
        }
    }

    /// One round at `now`. A failing part is logged and retried next round; it never stops the service.
    /// - Parameter now: the round's time.
    @discardableResult
    public func tick(at now: Date) async -> SchedulerTick {
        var round = SchedulerTick(summaries: nil, reminders: nil)
        do {
            round.summaries = try await summaries.runDue(store: store, now: now)
        } catch {
            logger.error("summaries round failed", metadata: [LogKey.error: "\(String(describing: type(of: error)))"])
        }
        guard settings.reminders else { return round }
        do {
            round.reminders = try await reminders.runDue(store: store, now: now)
        } catch {
            logger.error("reminders round failed", metadata: [LogKey.error: "\(String(describing: type(of: error)))"])
        }
        return round
    }
}
