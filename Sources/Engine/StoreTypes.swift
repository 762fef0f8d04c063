import Foundation
import TrustCore

/// A processed inbound message as the audit log keeps it.
public struct InboundRecord: Sendable, Equatable {
    public var gateway: String
    public var messageID: String
    /// Normalised sender (E.164), or the raw text when it could not be normalised.
    public var from: String
    public var to: String
    public var text: String
    public var receivedAt: Date
    public var processedAt: Date
    /// The replies to the sender, in order; returned again on a gateway retry.
    public var replies: [String]
    /// Short outcome label (`ok`, `unknown_phone`, `flood`, …) for the log and metrics.
    public var outcome: String

    /// - Parameters:
    ///   - gateway: gateway name.
    ///   - messageID: gateway's message id.
    ///   - from: sender.
    ///   - to: our number.
    ///   - text: the text.
    ///   - receivedAt: arrival.
    ///   - processedAt: processing time.
    ///   - replies: replies to the sender.
    ///   - outcome: outcome label.
    public init(
        gateway: String, messageID: String, from: String, to: String, text: String, receivedAt: Date,
        processedAt: Date, replies: [String], outcome: String
    ) {
        self.gateway = gateway
        self.messageID = messageID
        self.from = from
        self.to = to
        self.text = text
        self.receivedAt = receivedAt
        self.processedAt = processedAt
        self.replies = replies
        self.outcome = outcome
    }
}

/// A network to create.
public struct NewNetwork: Sendable, Equatable {
    public var code: String
    public var name: String
    public var timeZone: String
    public var createdAt: Date

    /// - Parameters:
    ///   - code: short code (upper case, 3–10 letters).
    ///   - name: display name.
    ///   - timeZone: IANA identifier.
    ///   - createdAt: creation time.
    public init(code: String, name: String, timeZone: String = "America/Lima", createdAt: Date = Date()) {
        self.code = code
        self.name = name
        self.timeZone = timeZone
        self.createdAt = createdAt
    }
}

/// A roster row to create.
public struct NewMember: Sendable, Equatable {
    public var networkID: RowID
    public var phone: String
    public var name: String
    public var gender: Gender?
    /// Roster number; the next free one when nil.
    public var roster: Int?
    public var role: Role
    public var language: String
    public var joinedOn: LocalDate

    /// - Parameters:
    ///   - networkID: the network.
    ///   - phone: E.164 phone.
    ///   - name: name.
    ///   - gender: optional gender.
    ///   - roster: roster number or nil.
    ///   - role: role.
    ///   - language: message language.
    ///   - joinedOn: day joined.
    public init(
        networkID: RowID, phone: String, name: String, gender: Gender? = nil, roster: Int? = nil, role: Role = .socio,
        language: String = "es", joinedOn: LocalDate
    ) {
        self.networkID = networkID
        self.phone = phone
        self.name = name
        self.gender = gender
        self.roster = roster
        self.role = role
        self.language = language
        self.joinedOn = joinedOn
    }
}

/// A message to put in the outbox.
public struct NewOutbound: Sendable, Equatable {
    public var to: String
    public var text: String
    public var encoding: SMSEncoding
    public var segments: Int
    public var gateway: String
    /// Earliest send time (quiet hours, scheduled prompts).
    public var notBefore: Date
    /// What caused it (`reply`, `prompt`, `summary`, …), for metrics and the dashboard.
    public var kind: String
    /// Network it is about, for cost per network.
    public var networkID: RowID?
    public var createdAt: Date

    /// - Parameters:
    ///   - to: destination.
    ///   - text: final text.
    ///   - encoding: GSM-7 or UCS-2.
    ///   - segments: SMS parts.
    ///   - gateway: sending gateway.
    ///   - notBefore: earliest send time.
    ///   - kind: cause label.
    ///   - networkID: related network.
    ///   - createdAt: creation time.
    public init(
        to: String, text: String, encoding: SMSEncoding, segments: Int, gateway: String, notBefore: Date, kind: String,
        networkID: RowID?, createdAt: Date
    ) {
        self.to = to
        self.text = text
        self.encoding = encoding
        self.segments = segments
        self.gateway = gateway
        self.notBefore = notBefore
        self.kind = kind
        self.networkID = networkID
        self.createdAt = createdAt
    }
}

/// How one send attempt ended, as the outbox records it.
public enum OutboundResult: Sendable, Equatable {
    case sent(gatewayID: String?)
    case retry(at: Date, reason: String)
    case dead(reason: String)
}

/// One outbox row with its bookkeeping, for the dashboard and tests.
public struct OutboxRow: Sendable, Equatable {
    public var message: OutboundMessage
    public var status: DeliveryStatus
    public var kind: String
    public var networkID: RowID?
    public var gatewayID: String?
    public var lastError: String?
    public var createdAt: Date
    public var updatedAt: Date

    /// - Parameters:
    ///   - message: the message.
    ///   - status: delivery status.
    ///   - kind: cause label.
    ///   - networkID: related network.
    ///   - gatewayID: gateway's id.
    ///   - lastError: last failure reason.
    ///   - createdAt: creation time.
    ///   - updatedAt: last change.
    public init(
        message: OutboundMessage, status: DeliveryStatus, kind: String, networkID: RowID?, gatewayID: String?,
        lastError: String?, createdAt: Date, updatedAt: Date
    ) {
        self.message = message
        self.status = status
        self.kind = kind
        self.networkID = networkID
        self.gatewayID = gatewayID
        self.lastError = lastError
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}

/// Outbox depth and age, for `/metrics` and `/ready`.
public struct OutboxStats: Sendable, Equatable {
    /// Rows waiting to be sent (queued or leased).
    public var pending: Int
    /// Dead-lettered rows.
    public var dead: Int
    /// Age in seconds of the oldest due row (0 when none).
    public var oldestDueAge: TimeInterval

    /// - Parameters:
    ///   - pending: rows waiting.
    ///   - dead: dead rows.
    ///   - oldestDueAge: seconds.
    public init(pending: Int, dead: Int, oldestDueAge: TimeInterval) {
        self.pending = pending
        self.dead = dead
        self.oldestDueAge = oldestDueAge
    }
}

/// The order delivery statuses move in; every store applies it so a late report never moves a
/// message back.
public enum OutboxStatusOrder {
    /// queued 0 < sending 1 < sent 2 < delivered / failed 3; dead is final (9).
    public static func rank(_ status: DeliveryStatus) -> Int {
        switch status {
        case .queued: 0
        case .sending: 1
        case .sent: 2
        case .delivered, .failed: 3
        case .dead: 9
        }
    }
}
