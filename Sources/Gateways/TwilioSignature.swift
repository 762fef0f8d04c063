import Crypto
import Foundation

/// Twilio's `X-Twilio-Signature` (gateways.md §1.2): base64(HMAC-SHA1(auth token, URL + each parameter name and
/// value, sorted by name then value in byte order, no separators)).
public enum TwilioSignature {
    /// Computes the signature for a URL and decoded POST parameters.
    /// - Parameters:
    ///   - url: the full URL Twilio requested, exactly as requested.
    ///   - parameters: decoded POST parameters (empty for GET webhooks), in any order, repeats allowed.
    ///   - authToken: the account's auth token.
    public static func compute(url: String, parameters: [(String, String)], authToken: String) -> String {
        compute(url: url, rawParameters: parameters.map { (Array($0.0.utf8), Array($0.1.utf8)) }, authToken: authToken)
    }

    /// Checks a signature the way Twilio's SDKs do: against the URL with its port removed and with its port kept
    /// (or the scheme's default port added); for a `bodySHA256` URL, also checks the body hash and signs no
    /// parameters. Comparisons are constant-time.
    /// - Parameters:
    ///   - signature: the `X-Twilio-Signature` header.
    ///   - url: the full URL Twilio requested.
    ///   - parameters: decoded POST parameters.
    ///   - body: the raw body (only used for `bodySHA256` URLs).
    ///   - authToken: the account's auth token.
    public static func isValid(
        _ signature: String, url: String, parameters: [(String, String)], body: [UInt8] = [], authToken: String
    ) -> Bool {
        isValid(
            signature, url: url, rawParameters: parameters.map { (Array($0.0.utf8), Array($0.1.utf8)) }, body: body,
            authToken: authToken)
    }

    static func isValid(
        _ signature: String, url: String, rawParameters: [([UInt8], [UInt8])], body: [UInt8], authToken: String
    ) -> Bool {
        var signed = rawParameters
        if let bodyHash = queryValue("bodySHA256", in: url) {
            guard Signing.constantTimeEquals(Signing.sha256Hex(body), bodyHash.lowercased()) else { return false }
            signed = []
        }
        let variants = portVariants(of: url)
        // Both variants are always computed so the time taken does not reveal which one matched.
        let withoutPort = Signing.constantTimeEquals(compute(url: variants.withoutPort, rawParameters: signed, authToken: authToken), signature)
        let withPort = Signing.constantTimeEquals(compute(url: variants.withPort, rawParameters: signed, authToken: authToken), signature)
        return withoutPort || withPort
    }

    /// Signs raw (decoded, not necessarily UTF-8) parameter bytes.
    static func compute(url: String, rawParameters: [([UInt8], [UInt8])], authToken: String) -> String {
        let sorted = rawParameters.sorted { lhs, rhs in
            lhs.0 == rhs.0 ? lhs.1.lexicographicallyPrecedes(rhs.1) : lhs.0.lexicographicallyPrecedes(rhs.0)
        }
        var message = Array(url.utf8)
        for (name, value) in sorted {
            message += name
            message += value
        }
        let mac = HMAC<Insecure.SHA1>.authenticationCode(
            for: message, using: SymmetricKey(data: Array(authToken.utf8)))
        return Data(mac).base64EncodedString()
    }

    /// The URL with any port removed, and with its port kept or the scheme's default added.
    static func portVariants(of url: String) -> (withoutPort: String, withPort: String) {
        guard let schemeEnd = url.range(of: "://") else { return (url, url) }
        let scheme = url[..<schemeEnd.lowerBound].lowercased()
        let authorityStart = schemeEnd.upperBound
        let authorityEnd = url[authorityStart...].firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? url.endIndex
        let authority = url[authorityStart..<authorityEnd]
        let hostStart = authority.lastIndex(of: "@").map { authority.index(after: $0) } ?? authority.startIndex
        let hostPort = authority[hostStart...]
        // An IPv6 literal's colons are inside brackets; a port colon comes after `]`.
        let searchFrom = hostPort.lastIndex(of: "]") ?? hostPort.startIndex
        let prefix = url[..<hostStart]
        let suffix = url[authorityEnd...]
        if let colon = hostPort[searchFrom...].lastIndex(of: ":") {
            let host = hostPort[..<colon]
            return (String(prefix + host + suffix), url)
        }
        let defaultPort = scheme == "https" ? "443" : "80"
        return (url, String(prefix + hostPort + ":" + defaultPort + suffix))
    }

    private static func queryValue(_ name: String, in url: String) -> String? {
        guard let mark = url.firstIndex(of: "?") else { return nil }
        let query = url[url.index(after: mark)...].prefix { $0 != "#" }
        for pair in query.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            if parts.first == Substring(name) { return parts.count > 1 ? String(parts[1]) : "" }
        }
        return nil
    }
}
