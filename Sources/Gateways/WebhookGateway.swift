public import Engine
public import Foundation

/// The inbound side of a gateway: verify and decode its webhooks, and format the answers.
/// Implementations are pure: no I/O, time passed in.
public protocol WebhookGateway: Sendable {
    /// Gateway name, also `InboundMessage.gateway`.
    var name: String { get }
    /// Whether `reply(to:replies:)` delivers the replies; if not, they go through the outbox.
    var carriesInlineReplies: Bool { get }
    /// Largest request body the web server should accept on this gateway's routes.
    var maxBodyBytes: Int { get }

    /// Verifies and decodes an inbound-message webhook.
    /// - Parameters:
    ///   - request: the request as received.
    ///   - now: the server clock, for replay checks and default timestamps.
    func decodeMessage(_ request: WebhookRequest, now: Date) throws(GatewayError) -> InboundMessage

    /// Verifies and decodes a delivery-status webhook.
    /// - Parameters:
    ///   - request: the request as received.
    ///   - now: the server clock.
    func decodeStatus(_ request: WebhookRequest, now: Date) throws(GatewayError) -> DeliveryReport

    /// The answer to an accepted inbound message, carrying `replies` where the gateway allows it.
    /// - Parameters:
    ///   - message: the decoded inbound message.
    ///   - replies: replies to send inline (may be empty).
    func reply(to message: InboundMessage, replies: [InlineReply]) -> WebhookResponse

    /// The answer to an accepted status webhook.
    func statusAcknowledgement() -> WebhookResponse

    /// The answer to a refused request.
    /// - Parameter error: why it was refused.
    func response(for error: GatewayError) -> WebhookResponse
}

extension WebhookGateway {
    public func statusAcknowledgement() -> WebhookResponse {
        WebhookResponse(status: 200, headers: ["Content-Type": "text/plain; charset=utf-8"])
    }

    public func response(for error: GatewayError) -> WebhookResponse {
        WebhookResponse(status: error.httpStatus, headers: ["Content-Type": "text/plain; charset=utf-8"])
    }
}

/// Limits the web server should enforce before handing a request to a gateway.
public enum GatewayLimits {
    /// Twilio inbound/status form bodies (1,600 characters percent-encoded plus ~20 fields).
    public static let twilioBodyBytes = 64 * 1024
    /// Kannel `post-url` bodies (the text only); `get-url` requests have none.
    public static let kannelBodyBytes = 16 * 1024
    /// SMS Gateway for Android JSON events.
    public static let androidBodyBytes = 64 * 1024
    /// Generic JSON gateway (§8): 1,600 characters even when every one is a `\u` escape pair.
    public static let genericBodyBytes = 32 * 1024
    /// Most characters in a generic inbound text.
    public static let genericTextCharacters = 1600
    /// Longest generic message id.
    public static let genericIDLength = 128
    /// Largest difference between a signed timestamp and the server clock (replay window).
    public static let maxClockSkew: TimeInterval = 300
}
