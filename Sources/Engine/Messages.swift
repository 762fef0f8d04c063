import Foundation

/// One SMS as a gateway delivered it, after the gateway's signature was checked and its format decoded.
public struct InboundMessage: Sendable, Equatable {
    /// Gateway name: `twilio`, `kannel`, `android`, `generic`, `console`.
    public var gateway: String
    /// The gateway's own id for the message; the dedupe key together with `gateway`.
    public var gatewayMessageID: String
    /// Sender phone as the gateway gave it (normalised by the pipeline).
    public var from: String
    /// Our number or short code.
    public var to: String
    /// The text, valid UTF-8.
    public var text: String
    /// When the gateway received it.
    public var receivedAt: Date

    /// - Parameters:
    ///   - gateway: gateway name.
    ///   - gatewayMessageID: the gateway's message id.
    ///   - from: sender phone.
    ///   - to: our number.
    ///   - text: message text.
    ///   - receivedAt: arrival time.
    public init(gateway: String, gatewayMessageID: String, from: String, to: String, text: String, receivedAt: Date) {
        self.gateway = gateway
        self.gatewayMessageID = gatewayMessageID
        self.from = from
        self.to = to
        self.text = text
        self.receivedAt = receivedAt
    }
}

/// How a message is encoded on the air, chosen by the GSM-7 composer.
public enum SMSEncoding: String, Sendable, Codable, Equatable {
    case gsm7
    case ucs2
}

/// A message waiting in (or taken from) the durable outbox.
public struct OutboundMessage: Sendable, Equatable, Identifiable {
    /// Outbox row id; also the idempotency key we give gateways that accept one.
    public var id: Int64
    /// Destination, E.164.
    public var to: String
    /// Final text (already transliterated to GSM-7 where possible).
    public var text: String
    public var encoding: SMSEncoding
    public var segments: Int
    /// Gateway that sends it (`console`, `twilio`, `kannel`, `android`, `generic`).
    public var gateway: String
    /// Sends already tried.
    public var attempts: Int

    /// - Parameters:
    ///   - id: outbox id.
    ///   - to: destination.
    ///   - text: final text.
    ///   - encoding: GSM-7 or UCS-2.
    ///   - segments: number of SMS parts.
    ///   - gateway: the sending gateway.
    ///   - attempts: sends already tried.
    public init(id: Int64, to: String, text: String, encoding: SMSEncoding, segments: Int, gateway: String, attempts: Int = 0) {
        self.id = id
        self.to = to
        self.text = text
        self.encoding = encoding
        self.segments = segments
        self.gateway = gateway
        self.attempts = attempts
    }
}

/// What a gateway said to one send.
public enum SendOutcome: Sendable, Equatable {
    /// Accepted; the gateway's id when it gives one (used to match delivery reports).
    case accepted(gatewayID: String?)
    /// Failed in a way that may pass later (429, 5xx, timeout, connection refused).
    case retryable(reason: String, retryAfter: TimeInterval?)
    /// Failed for good (invalid number, bad credentials): dead-letter it.
    case permanent(reason: String)
}

/// Sends one outbound message through a gateway. Implementations must not throw for gateway
/// answers; they map them to `SendOutcome`.
public protocol MessageSender: Sendable {
    /// The gateway name this sender serves.
    var gateway: String { get }
    /// Sends one message.
    /// - Parameter message: the outbox row.
    func send(_ message: OutboundMessage) async -> SendOutcome
}

/// A delivery report from a gateway, matched to an outbox row.
public struct DeliveryReport: Sendable, Equatable {
    /// Our outbox id, when the gateway echoes it back (Kannel dlr-url, generic).
    public var outboxID: Int64?
    /// The gateway's id, when it reports by its own id (Twilio, Android).
    public var gatewayID: String?
    public var status: DeliveryStatus
    /// Error text from the gateway, if any.
    public var error: String?

    /// - Parameters:
    ///   - outboxID: our id.
    ///   - gatewayID: the gateway's id.
    ///   - status: the new status.
    ///   - error: error text.
    public init(outboxID: Int64?, gatewayID: String?, status: DeliveryStatus, error: String? = nil) {
        self.outboxID = outboxID
        self.gatewayID = gatewayID
        self.status = status
        self.error = error
    }
}

/// Delivery states an outbound message moves through.
public enum DeliveryStatus: String, Sendable, Codable, Equatable {
    case queued, sending, sent, delivered, failed, dead
}
