public import Curl
public import Engine
import Foundation
public import Logging

/// Sends through SMS Gateway for Android (gateways.md §3.5): JSON POST to `<url>/messages` with HTTP Basic and
/// our outbox id as the message id, so a retried send cannot duplicate: 409 (same id exists) counts as accepted.
/// 2xx → accepted; 429/5xx → retryable; other 4xx → permanent.
public struct AndroidSender: MessageSender {
    public let gateway = "android"
    private let config: AndroidConfig
    private let client: CurlClient
    private let logger: Logger

    /// The message id we give SMSGate for an outbox row (≤ 36 characters).
    /// - Parameter outboxID: outbox row id.
    public static func messageID(forOutboxID outboxID: Int64) -> String { "confianza-outbox-\(outboxID)" }

    /// The outbox id inside a message id we gave, if it is one of ours.
    /// - Parameter messageID: `payload.messageId` from a status event.
    public static func outboxID(fromMessageID messageID: String) -> Int64? {
        let prefix = "confianza-outbox-"
        guard messageID.hasPrefix(prefix) else { return nil }
        return Int64(messageID.dropFirst(prefix.count))
    }

    /// - Parameters:
    ///   - config: Android gateway settings.
    ///   - client: the shared HTTP client.
    ///   - logger: where to log attempts (default: nowhere).
    public init(config: AndroidConfig, client: CurlClient, logger: Logger = .disabled) {
        self.config = config
        self.client = client
        self.logger = logger
    }

    public func send(_ message: OutboundMessage) async -> SendOutcome {
        let metadata = sendMetadata(gateway, message)
        let outcome: SendOutcome
        do {
            let response = try await client.perform(try request(for: message))
            outcome = Self.outcome(for: response, messageID: Self.messageID(forOutboxID: message.id))
        } catch {
            outcome = SendOutcomes.transport(gateway, error)
        }
        SendOutcomes.log(outcome, logger, metadata)
        return outcome
    }

    /// The REST request for one message.
    func request(for message: OutboundMessage) throws -> HTTPRequest {
        let body = Body(
            textMessage: .init(text: message.text), phoneNumbers: [message.to],
            id: Self.messageID(forOutboxID: message.id), simNumber: config.simNumber, ttl: config.ttl,
            withDeliveryReport: true)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let base = config.url.hasSuffix("/") ? String(config.url.dropLast()) : config.url
        return HTTPRequest(
            method: .post, url: base + "/messages",
            headers: [("Content-Type", "application/json"), ("Accept", "application/json")],
            body: Array(try encoder.encode(body)), basicAuth: (user: config.username, password: config.password),
            connectTimeout: config.connectTimeout, totalTimeout: config.totalTimeout)
    }

    static func outcome(for response: HTTPResponse, messageID: String) -> SendOutcome {
        if (200..<300).contains(response.status) {
            let answer = try? JSONDecoder().decode(Answer.self, from: Data(response.body))
            return .accepted(gatewayID: answer?.id ?? messageID)
        }
        // Our id is already there: an earlier attempt got through but its answer was lost.
        if response.status == 409 { return .accepted(gatewayID: messageID) }
        return SendOutcomes.failure("android", response)
    }

    private struct Body: Encodable {
        struct Text: Encodable { var text: String }
        var textMessage: Text
        var phoneNumbers: [String]
        var id: String
        var simNumber: Int?
        var ttl: Int?
        var withDeliveryReport: Bool
    }

    private struct Answer: Decodable {
        var id: String?
    }
}
