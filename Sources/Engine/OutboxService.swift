import Foundation
import Logging
import Metrics
import ServiceLifecycle

/// Settings of the outbox worker (config `outbox.*`).
public struct OutboxSettings: Sendable, Equatable {
    /// Rows claimed per round.
    public var batchSize: Int
    /// How long a claimed row stays leased; a worker that dies leaves it to be retried after this.
    public var lease: TimeInterval
    /// Pause between polls when the outbox is empty.
    public var pollInterval: TimeInterval
    /// Attempts before a row is dead-lettered.
    public var maxAttempts: Int
    /// First retry delay; doubles per attempt with ±50% jitter.
    public var backoffBase: TimeInterval
    /// Longest retry delay.
    public var backoffMax: TimeInterval
    /// Messages per second per gateway (0 = unlimited); e.g. 1 for a Twilio long code.
    public var ratePerSecond: Double
    /// Sends in flight at once per gateway when `ratePerSecond` is 0 (a paced gateway sends one at a time), so
    /// that one slow or hung request does not hold up the rest of the batch.
    public var concurrency: Int

    /// - Parameters:
    ///   - batchSize: rows per round.
    ///   - lease: lease seconds.
    ///   - pollInterval: idle poll seconds.
    ///   - maxAttempts: attempts before dead-letter.
    ///   - backoffBase: first retry delay.
    ///   - backoffMax: longest retry delay.
    ///   - ratePerSecond: per-gateway send rate.
    ///   - concurrency: sends in flight per gateway.
    public init(
        batchSize: Int = 16, lease: TimeInterval = 120, pollInterval: TimeInterval = 0.25, maxAttempts: Int = 8,
        backoffBase: TimeInterval = 5, backoffMax: TimeInterval = 3600, ratePerSecond: Double = 0, concurrency: Int = 4
    ) {
        self.concurrency = max(1, concurrency)
        self.batchSize = batchSize
        self.lease = lease
        self.pollInterval = pollInterval
        self.maxAttempts = maxAttempts
        self.backoffBase = backoffBase
        self.backoffMax = backoffMax
        self.ratePerSecond = ratePerSecond
    }

    /// The retry delay after `attempts` failed sends, with jitter in [0.5, 1.5).
    /// - Parameters:
    ///   - attempts: sends tried so far (≥ 1).
    ///   - jitter: a number in [0, 1).
    public func backoff(attempts: Int, jitter: Double) -> TimeInterval {
        let exponent = Double(max(0, min(attempts - 1, 30)))
        return min(backoffMax, backoffBase * pow(2, exponent)) * (0.5 + jitter)
    }
}

/// Drains the durable outbox: claims due rows with a lease, sends each through its gateway's
/// sender, records the result. Rows are written in the transaction that caused them, so nothing
/// is lost on a crash: a leased row whose worker died is claimed again once its lease expires.
public struct OutboxService: Service {
    let store: any Store
    let senders: [String: any MessageSender]
    let settings: OutboxSettings
    let logger: Logger

    /// - Parameters:
    ///   - store: the database.
    ///   - senders: one sender per gateway name.
    ///   - settings: worker settings.
    ///   - logger: logger (phones masked).
    public init(store: any Store, senders: [any MessageSender], settings: OutboxSettings = OutboxSettings(), logger: Logger = Logger(label: "confianza.outbox")) {
        self.store = store
        self.senders = Dictionary(senders.map { ($0.gateway, $0) }, uniquingKeysWith: { first, _ in first })
        self.settings = settings
        self.logger = logger
    }

    public func run() async throws {
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            let sent: Int
            do {
                sent = try await drainOnce()
            } catch {
                logger.error("outbox round failed", metadata: [LogKey.error: "\(String(describing: type(of: error)))"])
                sent = 0
            }
            if sent == 0 {
                try? await Task.sleep(for: .milliseconds(Int(settings.pollInterval * 1000)))
            }
        }
    }

    /// Claims and sends one batch of due rows; returns how many were attempted.
    /// - Parameter now: the time to claim at (injected in tests).
    @discardableResult
    public func drainOnce(now: @escaping @Sendable () -> Date = { Date() }) async throws -> Int {
        let claimedAt = now()
        let leaseUntil = claimedAt.addingTimeInterval(settings.lease)
        let batch = try await store.transaction { tx in
            try await tx.claimOutbound(now: claimedAt, limit: settings.batchSize, leaseUntil: leaseUntil)
        }
        await updateGauges(now: claimedAt)
        // Each gateway drains its share of the batch on its own, so a hung gateway never holds up another; within
        // a gateway up to `concurrency` sends are in flight unless it is paced. Every result is committed as soon
        // as it is known, so a crash resends at most the messages in flight.
        let gateways = Dictionary(grouping: batch, by: \.gateway)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for messages in gateways.values {
                group.addTask { try await drain(messages, now: now) }
            }
            try await group.waitForAll()
        }
        return batch.count
    }

    /// Sends one gateway's messages of a batch. Messages to one phone keep their claim order (a reply before the
    /// next question); different phones go in parallel, up to `concurrency` at once.
    private func drain(_ messages: [OutboundMessage], now: @escaping @Sendable () -> Date) async throws {
        if settings.ratePerSecond > 0 {
            for message in messages {
                try await deliver(message, now: now)
                await pace()
            }
            return
        }
        var lanes: [[OutboundMessage]] = []
        var laneOf: [String: Int] = [:]
        for message in messages {
            if let lane = laneOf[message.to] {
                lanes[lane].append(message)
            } else {
                laneOf[message.to] = lanes.count
                lanes.append([message])
            }
        }
        try await withThrowingTaskGroup(of: Void.self) { group in
            var inFlight = 0
            for lane in lanes {
                if inFlight == settings.concurrency {
                    try await group.next()
                    inFlight -= 1
                }
                group.addTask { for message in lane { try await deliver(message, now: now) } }
                inFlight += 1
            }
            try await group.waitForAll()
        }
    }

    /// Sends one message and commits its result.
    private func deliver(_ message: OutboundMessage, now: @Sendable () -> Date) async throws {
        let started = ContinuousClock.now
        let outcome = await send(message)
        let elapsed = ContinuousClock.now - started
        Timer(label: "confianza_gateway_latency_seconds", dimensions: [("gateway", message.gateway)])
            .recordNanoseconds(elapsed.components.seconds * 1_000_000_000 + elapsed.components.attoseconds / 1_000_000_000)
        let result = decide(outcome, for: message, now: now())
        try await store.transaction { tx in try await tx.completeOutbound(id: message.id, result: result, now: now()) }
    }

    private func send(_ message: OutboundMessage) async -> SendOutcome {
        guard let sender = senders[message.gateway] else {
            return .permanent(reason: "no sender configured for gateway \(message.gateway)")
        }
        return await sender.send(message)
    }

    /// Maps a gateway's answer to the outbox result, with backoff and dead-lettering.
    func decide(_ outcome: SendOutcome, for message: OutboundMessage, now: Date) -> OutboundResult {
        var log = logger
        log[metadataKey: LogKey.outboxID] = "\(message.id)"
        log[metadataKey: LogKey.gateway] = "\(message.gateway)"
        switch outcome {
        case .accepted(let gatewayID):
            Counter(label: "confianza_outbound_total", dimensions: [("gateway", message.gateway), ("result", "sent")]).increment()
            Counter(label: "confianza_outbound_segments_total", dimensions: [("gateway", message.gateway)]).increment(by: message.segments)
            return .sent(gatewayID: gatewayID)
        case .retryable(let reason, let retryAfter):
            if message.attempts >= settings.maxAttempts {
                Counter(label: "confianza_outbound_total", dimensions: [("gateway", message.gateway), ("result", "dead")]).increment()
                log.warning("outbound dead-lettered after retries", metadata: [LogKey.error: "\(reason)"])
                return .dead(reason: "gave up after \(message.attempts) attempts: \(reason)")
            }
            Counter(label: "confianza_outbound_total", dimensions: [("gateway", message.gateway), ("result", "retried")]).increment()
            let delay = max(retryAfter ?? 0, settings.backoff(attempts: message.attempts, jitter: Double.random(in: 0..<1)))
            log.info("outbound will be retried", metadata: [LogKey.error: "\(reason)"])
            return .retry(at: now.addingTimeInterval(delay), reason: reason)
        case .permanent(let reason):
            Counter(label: "confianza_outbound_total", dimensions: [("gateway", message.gateway), ("result", "failed")]).increment()
            log.warning("outbound failed permanently", metadata: [LogKey.error: "\(reason)"])
            return .dead(reason: reason)
        }
    }

    private func pace() async {
        guard settings.ratePerSecond > 0 else { return }
        try? await Task.sleep(for: .milliseconds(Int(1000 / settings.ratePerSecond)))
    }

    private func updateGauges(now: Date) async {
        guard let stats = try? await store.read({ tx in try await tx.outboxStats(now: now) }) else { return }
        Gauge(label: "confianza_outbox_depth").record(stats.pending)
        Gauge(label: "confianza_outbox_dead").record(stats.dead)
        Gauge(label: "confianza_outbox_oldest_age_seconds").record(stats.oldestDueAge)
    }
}
