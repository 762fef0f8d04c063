import CCurl

/// An error from libcurl or from the client around it.
///
/// `description` names the failure, curl's code and curl's generic text for it, and the operation; it never
/// contains URLs, credentials or bodies. curl's per-transfer error buffer (which can name hosts and ports) is
/// kept in `detail` and shown only by `debugDescription`.
public struct CurlError: Error, Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible {
    /// What kind of failure this is; a small closed set, usable for decisions and metric labels.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String {
            case globalInitFailed = "global_init_failed"
            case handleUnavailable = "handle_unavailable"
            case optionRejected = "option_rejected"
            case invalidRequest = "invalid_request"
            case couldNotResolveHost = "could_not_resolve_host"
            case couldNotConnect = "could_not_connect"
            case timedOut = "timed_out"
            case tlsFailure = "tls_failure"
            case responseTooLarge = "response_too_large"
            case transferFailed = "transfer_failed"
            case cancelled = "cancelled"
            case clientShutDown = "client_shut_down"
        }

        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// `curl_global_init` failed.
        public static let globalInitFailed = Code(.globalInitFailed)
        /// `curl_easy_init` returned no handle.
        public static let handleUnavailable = Code(.handleUnavailable)
        /// `curl_easy_setopt` refused an option.
        public static let optionRejected = Code(.optionRejected)
        /// Malformed URL or unsupported protocol.
        public static let invalidRequest = Code(.invalidRequest)
        /// DNS resolution failed.
        public static let couldNotResolveHost = Code(.couldNotResolveHost)
        /// TCP connection refused or unreachable.
        public static let couldNotConnect = Code(.couldNotConnect)
        /// Connect or total timeout reached.
        public static let timedOut = Code(.timedOut)
        /// TLS handshake or certificate verification failed.
        public static let tlsFailure = Code(.tlsFailure)
        /// The response body exceeded the client's limit.
        public static let responseTooLarge = Code(.responseTooLarge)
        /// Any other failure while sending or receiving.
        public static let transferFailed = Code(.transferFailed)
        /// The calling task was cancelled.
        public static let cancelled = Code(.cancelled)
        /// The client was released before the request ran.
        public static let clientShutDown = Code(.clientShutDown)

        /// Stable snake_case name.
        public var description: String { base.rawValue }
    }

    /// What kind of failure this is.
    public var code: Code
    /// The numeric `CURLcode`, when libcurl reported one.
    public var curlCode: Int?
    /// libcurl's generic text for `curlCode` (`curl_easy_strerror`).
    public var curlMessage: String?
    /// libcurl's error buffer for the transfer; may name the host and port, so only in `debugDescription`.
    public var detail: String?
    /// The call that failed, e.g. `curl_easy_perform` or `curl_easy_setopt(CURLOPT_URL)`.
    public var operation: String
    /// Source file of the failing call.
    public var file: String
    /// Source line of the failing call.
    public var line: Int

    /// - Parameters:
    ///   - code: the kind of failure.
    ///   - curlCode: libcurl's numeric code, if any.
    ///   - curlMessage: libcurl's text for the code.
    ///   - detail: libcurl's error buffer.
    ///   - operation: the failing call.
    ///   - file: source file.
    ///   - line: source line.
    public init(
        code: Code, curlCode: Int? = nil, curlMessage: String? = nil, detail: String? = nil, operation: String,
        file: String = #fileID, line: Int = #line
    ) {
        self.code = code
        self.curlCode = curlCode
        self.curlMessage = curlMessage
        self.detail = detail
        self.operation = operation
        self.file = file
        self.line = line
    }

    /// A bounded label for metrics, e.g. `curl_timed_out`.
    public var shortDescription: String { "curl_\(code)" }

    /// Whether trying again later may succeed (network trouble rather than a bad request).
    public var isTransient: Bool {
        switch code {
        case .couldNotResolveHost, .couldNotConnect, .timedOut, .transferFailed, .clientShutDown: true
        default: false
        }
    }

    public var description: String {
        var text = "CurlError.\(code) in \(operation)"
        if let curlCode { text += " (CURLcode \(curlCode)" + (curlMessage.map { ": \($0)" } ?? "") + ")" }
        return text
    }

    public var debugDescription: String {
        description + (detail.map { " — \($0)" } ?? "") + " at \(file):\(line)"
    }
}

extension CurlError {
    /// Builds the error for a failing libcurl call, classifying its code.
    init(curl result: CURLcode, detail: String?, operation: String, file: String, line: Int) {
        let text = curl_easy_strerror(result).map { String(cString: $0) }
        let cleanDetail = detail.flatMap { $0.isEmpty ? nil : $0 }
        self.init(
            code: Self.classify(result), curlCode: Int(result.rawValue), curlMessage: text, detail: cleanDetail,
            operation: operation, file: file, line: line
        )
    }

    private static func classify(_ result: CURLcode) -> Code {
        switch result {
        case CURLE_OPERATION_TIMEDOUT: .timedOut
        case CURLE_COULDNT_CONNECT: .couldNotConnect
        case CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY: .couldNotResolveHost
        case CURLE_SSL_CONNECT_ERROR, CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CERTPROBLEM, CURLE_SSL_CIPHER,
            CURLE_SSL_CACERT_BADFILE, CURLE_SSL_ISSUER_ERROR, CURLE_SSL_ENGINE_NOTFOUND:
            .tlsFailure
        case CURLE_UNSUPPORTED_PROTOCOL, CURLE_URL_MALFORMAT: .invalidRequest
        case CURLE_UNKNOWN_OPTION, CURLE_BAD_FUNCTION_ARGUMENT, CURLE_NOT_BUILT_IN: .optionRejected
        case CURLE_ABORTED_BY_CALLBACK: .cancelled
        case CURLE_FAILED_INIT: .handleUnavailable
        default: .transferFailed
        }
    }
}
