/// Why a webhook request was refused, and the HTTP status to answer it with.
///
/// `reason` is a fixed phrase chosen by the decoder (never message text, phone numbers or secrets), so
/// `description` is safe to log.
public struct GatewayError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The kind of refusal; a small closed set.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String {
            case unauthorized
            case staleTimestamp = "stale_timestamp"
            case malformed
            case unsupported
        }

        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// Missing or wrong signature or shared secret.
        public static let unauthorized = Code(.unauthorized)
        /// Signed, but the timestamp is outside the allowed clock skew (possible replay).
        public static let staleTimestamp = Code(.staleTimestamp)
        /// The request does not follow the gateway's format (missing field, bad encoding, invalid UTF-8).
        public static let malformed = Code(.malformed)
        /// Well-formed but not something Confianza handles (binary SMS, media only, other event types).
        public static let unsupported = Code(.unsupported)

        /// Stable snake_case name.
        public var description: String { base.rawValue }
    }

    /// The kind of refusal.
    public var code: Code
    /// Gateway name (`twilio`, `kannel`, `android`, `generic`, `console`).
    public var gateway: String
    /// A fixed phrase saying what was wrong.
    public var reason: String
    /// The HTTP status to answer with; chosen per gateway (Kannel texts the phone on non-2xx, Android retries).
    public var httpStatus: Int

    /// - Parameters:
    ///   - code: kind of refusal.
    ///   - gateway: gateway name.
    ///   - reason: fixed phrase, no message data.
    ///   - httpStatus: status to answer with.
    public init(code: Code, gateway: String, reason: String, httpStatus: Int) {
        self.code = code
        self.gateway = gateway
        self.reason = reason
        self.httpStatus = httpStatus
    }

    /// A bounded label for metrics, e.g. `twilio_unauthorized`.
    public var shortDescription: String { "\(gateway)_\(code)" }

    public var description: String { "GatewayError.\(code) from \(gateway): \(reason) (answer \(httpStatus))" }
}
