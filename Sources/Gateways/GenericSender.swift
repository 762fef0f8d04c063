public import Curl
public import Engine
public import Foundation
public import Logging

/// Sends through the generic JSON gateway (gateways.md §8): a signed POST of
/// `{"id", "to", "text", "encoding", "segments"}`. 2xx → accepted (with `gateway_id` if the body has one);
/// 429/5xx/timeouts → retryable; other 4xx → permanent.
public struct GenericSender: MessageSender {
    public let gateway = "generic"
    private let config: GenericConfig
    private let client: CurlClient
    private let logger: Logger
    private let now: @Sendable () -> Date

    /// - Parameters:
    ///   - config: generic gateway settings.
    ///   - client: the shared HTTP client.
    ///   - logger: where to log attempts (default: nowhere).
    ///   - now: clock for the signature timestamp.
    public init(
        config: GenericConfig, client: CurlClient, logger: Logger = .disabled, now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.config = config
        self.client = client
        self.logger = logger
        self.now = now
    }

    public func send(_ message: OutboundMessage) async -> SendOutcome {
        let metadata = sendMetadata(gateway, message)
        let outcome: SendOutcome
        do {
            let response = try await client.perform(try request(for: message))
            outcome = Self.outcome(for: response)
        } catch {
            outcome = SendOutcomes.transport(gateway, error)
        }
        SendOutcomes.log(outcome, logger, metadata)
        return outcome
    }

    /// The signed request for one message.
    func request(for message: OutboundMessage) throws -> HTTPRequest {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let body = Array(try encoder.encode(Body(
            id: String(message.id), to: message.to, text: message.text, encoding: message.encoding.rawValue,
            segments: message.segments)))
        let timestamp = String(Int64(now().timeIntervalSince1970))
        return HTTPRequest(
            method: .post, url: config.outboundURL,
            headers: [
                ("Content-Type", "application/json"),
                ("X-Confianza-Timestamp", timestamp),
                ("X-Confianza-Signature", GenericWebhook.signature(body: body, timestamp: timestamp, secret: config.outboundSecret)),
            ],
            body: body, connectTimeout: config.connectTimeout, totalTimeout: config.totalTimeout)
    }

    static func outcome(for response: HTTPResponse) -> SendOutcome {
        if (200..<300).contains(response.status) {
            let answer = try? JSONDecoder().decode(Answer.self, from: Data(response.body))
            return .accepted(gatewayID: answer?.gatewayID)
        }
        return SendOutcomes.failure("generic", response)
    }

    private struct Body: Encodable {
        var id: String
        var to: String
        var text: String
        var encoding: String
        var segments: Int
    }

    private struct Answer: Decodable {
        var gatewayID: String?
        enum CodingKeys: String, CodingKey { case gatewayID = "gateway_id" }
    }
}
