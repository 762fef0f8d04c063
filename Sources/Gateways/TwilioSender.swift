public import Curl
public import Engine
import Foundation
public import Logging

/// Sends through Twilio's REST API (gateways.md §1.5): form POST to `Messages.json` with HTTP Basic.
/// 2xx (201) → accepted with the `sid`; 429/5xx → retryable (Retry-After honoured); other 4xx → permanent,
/// with Twilio's error code (e.g. 21211 invalid number) but not its message, which can quote the number.
public struct TwilioSender: MessageSender {
    public let gateway = "twilio"
    private let config: TwilioConfig
    private let client: CurlClient
    private let logger: Logger

    /// - Parameters:
    ///   - config: Twilio settings.
    ///   - client: the shared HTTP client.
    ///   - logger: where to log attempts (default: nowhere).
    public init(config: TwilioConfig, client: CurlClient, logger: Logger = .disabled) {
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

    /// The REST request for one message.
    func request(for message: OutboundMessage) -> HTTPRequest {
        var fields = [("To", message.to)]
        fields.append(config.from.hasPrefix("MG") ? ("MessagingServiceSid", config.from) : ("From", config.from))
        fields.append(("Body", message.text))
        if let callback = config.statusCallbackURL { fields.append(("StatusCallback", callback)) }
        let base = config.apiBaseURL.hasSuffix("/") ? String(config.apiBaseURL.dropLast()) : config.apiBaseURL
        return HTTPRequest(
            method: .post,
            url: "\(base)/2010-04-01/Accounts/\(CurlClient.escape(config.accountSID))/Messages.json",
            headers: [("Content-Type", "application/x-www-form-urlencoded"), ("Accept", "application/json")],
            body: Array(CurlClient.formEncode(fields).utf8),
            basicAuth: (user: config.accountSID, password: config.authToken),
            connectTimeout: config.connectTimeout, totalTimeout: config.totalTimeout)
    }

    static func outcome(for response: HTTPResponse) -> SendOutcome {
        let answer = try? JSONDecoder().decode(Answer.self, from: Data(response.body))
        if (200..<300).contains(response.status) {
            return .accepted(gatewayID: answer?.sid)
        }
        return SendOutcomes.failure("twilio", response, detail: answer?.code.map { "code \($0)" } ?? "")
    }

    private struct Answer: Decodable {
        var sid: String?
        var code: Int?
    }
}
