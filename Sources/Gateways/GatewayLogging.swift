import Curl
import Engine
import Foundation
import Logging
import TrustCore

/// Metadata keys the gateways log with (style rule 5: typed, `confianza.`-prefixed).
enum GatewayLogKey: String {
    case gateway = "confianza.gateway"
    case outboxID = "confianza.outbox.id"
    case contact = "confianza.contact"
    case gatewayMessageID = "confianza.gateway.message_id"
    case httpStatus = "confianza.http.status"
    case error = "confianza.error"
}

extension Logger {
    /// A logger that drops everything: the default for every API that takes one.
    @usableFromInline static let disabled = Logger(label: "confianza.gateways.disabled", factory: { _ in SwiftLogNoOpLogHandler() })
}

/// Metadata for one outbound attempt; the phone is masked.
func sendMetadata(_ gateway: String, _ message: OutboundMessage) -> Logger.Metadata {
    [
        GatewayLogKey.gateway.rawValue: .string(gateway),
        GatewayLogKey.outboxID.rawValue: .stringConvertible(message.id),
        GatewayLogKey.contact.rawValue: .string(PhoneNumber.masked(message.to)),
    ]
}

/// Shared mapping from HTTP answers and transport errors to `SendOutcome`.
enum SendOutcomes {
    /// 429 and 5xx are worth retrying; other non-2xx answers are final.
    static func isRetryable(status: Int) -> Bool {
        status == 429 || status == 408 || status >= 500
    }

    /// `Retry-After` in seconds (the delta-seconds form), if the response has one.
    static func retryAfter(_ response: HTTPResponse) -> TimeInterval? {
        guard let value = response.header("Retry-After")?.trimmingCharacters(in: .whitespaces),
            let seconds = TimeInterval(value), seconds >= 0
        else { return nil }
        return seconds
    }

    /// The outcome for an HTTP answer that is not a success.
    static func failure(_ gateway: String, _ response: HTTPResponse, detail: String = "") -> SendOutcome {
        let reason = "\(gateway) HTTP \(response.status)" + (detail.isEmpty ? "" : " " + detail)
        return isRetryable(status: response.status)
            ? .retryable(reason: reason, retryAfter: retryAfter(response)) : .permanent(reason: reason)
    }

    /// A transport error: retryable unless the request itself can never work (bad URL).
    static func transport(_ gateway: String, _ error: any Error) -> SendOutcome {
        guard let curl = error as? CurlError else {
            return .retryable(reason: "\(gateway) \(type(of: error))", retryAfter: nil)
        }
        if curl.code == .invalidRequest { return .permanent(reason: "\(gateway) \(curl.shortDescription)") }
        return .retryable(reason: "\(gateway) \(curl.shortDescription)", retryAfter: nil)
    }

    /// Logs the outcome at a level matching its severity.
    static func log(_ outcome: SendOutcome, _ logger: Logger, _ metadata: Logger.Metadata) {
        switch outcome {
        case .accepted(let id):
            var metadata = metadata
            if let id { metadata[GatewayLogKey.gatewayMessageID.rawValue] = .string(id) }
            logger.debug("message accepted by gateway", metadata: metadata)
        case .retryable(let reason, _):
            var metadata = metadata
            metadata[GatewayLogKey.error.rawValue] = .string(reason)
            logger.notice("send failed, will retry", metadata: metadata)
        case .permanent(let reason):
            var metadata = metadata
            metadata[GatewayLogKey.error.rawValue] = .string(reason)
            logger.warning("send failed permanently", metadata: metadata)
        }
    }
}
