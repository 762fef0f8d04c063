public import Curl
public import Engine
import Foundation
public import Logging

/// Sends through Kannel's smsbox `sendsms` interface (gateways.md §2.5): a GET with every value escaped,
/// `coding=0|2&charset=UTF-8`, and a `dlr-url` pointing at our status route with the outbox id.
/// 202 with `0:`/`3:` → accepted (Kannel gives no id; reports come back by outbox id); 503, 5xx and network
/// errors → retryable; other 4xx → permanent.
public struct KannelSender: MessageSender {
    public let gateway = "kannel"
    private let config: KannelConfig
    private let client: CurlClient
    private let logger: Logger

    /// - Parameters:
    ///   - config: Kannel settings.
    ///   - client: the shared HTTP client.
    ///   - logger: where to log attempts (default: nowhere).
    public init(config: KannelConfig, client: CurlClient, logger: Logger = .disabled) {
        self.config = config
        self.client = client
        self.logger = logger
    }

    public func send(_ message: OutboundMessage) async -> SendOutcome {
        let metadata = sendMetadata(gateway, message)
        let outcome: SendOutcome
        do {
            let response = try await client.perform(request(for: message))
            outcome = Self.outcome(for: response)
        } catch {
            outcome = SendOutcomes.transport(gateway, error)
        }
        SendOutcomes.log(outcome, logger, metadata)
        return outcome
    }

    /// The sendsms request for one message.
    func request(for message: OutboundMessage) -> HTTPRequest {
        var fields = [
            ("username", config.username), ("password", config.password), ("to", message.to), ("text", message.text),
            ("coding", message.encoding == .ucs2 ? "2" : "0"), ("charset", "UTF-8"),
        ]
        if let from = config.from { fields.append(("from", from)) }
        if let dlrURL = dlrURL(for: message) {
            fields.append(("dlr-mask", String(config.dlrMask)))
            fields.append(("dlr-url", dlrURL))
        }
        let separator = config.sendsmsURL.contains("?") ? "&" : "?"
        return HTTPRequest(
            method: .get, url: config.sendsmsURL + separator + CurlClient.formEncode(fields),
            connectTimeout: config.connectTimeout, totalTimeout: config.totalTimeout)
    }

    /// Our status route with the secret, the outbox id and Kannel's `%d` (type) escape code; escaped once more
    /// as a whole by `formEncode`, so Kannel receives `%d` literally and expands it.
    func dlrURL(for message: OutboundMessage) -> String? {
        guard let statusURL = config.statusURL else { return nil }
        let separator = statusURL.contains("?") ? "&" : "?"
        return statusURL + separator + "key=\(CurlClient.escape(config.secret))&out=\(message.id)&type=%d"
    }

    static func outcome(for response: HTTPResponse) -> SendOutcome {
        if response.status == 202 || response.status == 200 {
            let text = response.bodyText
            if text.hasPrefix("0:") || text.hasPrefix("3:") { return .accepted(gatewayID: nil) }
            return .permanent(reason: "kannel HTTP \(response.status) unexpected answer")
        }
        return SendOutcomes.failure("kannel", response)
    }
}
