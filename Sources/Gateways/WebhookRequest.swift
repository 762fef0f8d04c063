public import Engine

/// A webhook request as the web server received it, before any interpretation.
public struct WebhookRequest: Sendable {
    /// HTTP method, upper case.
    public var method: String
    /// The full URL the gateway requested, built from the configured public base URL (not the local listener),
    /// with the path and the query string exactly as received (Twilio signs it byte for byte).
    public var url: String
    /// Header fields in order.
    public var headers: [(String, String)]
    /// The raw body bytes.
    public var body: [UInt8]

    /// - Parameters:
    ///   - method: HTTP method.
    ///   - url: full public URL with the raw query string.
    ///   - headers: header fields.
    ///   - body: raw body.
    public init(method: String, url: String, headers: [(String, String)] = [], body: [UInt8] = []) {
        self.method = method.uppercased()
        self.url = url
        self.headers = headers
        self.body = body
    }

    /// The raw query string (after `?`, before any `#`), or empty.
    public var query: Substring {
        // By bytes: `?` and `#` are ASCII, and a search by Character costs grapheme breaking over the whole URL.
        let bytes = url.utf8
        guard let mark = bytes.firstIndex(of: UInt8(ascii: "?")) else { return "" }
        let start = bytes.index(after: mark)
        return url[start..<(bytes[start...].firstIndex(of: UInt8(ascii: "#")) ?? bytes.endIndex)]
    }

    /// The first value of a header, matched case-insensitively.
    /// - Parameter name: header name.
    public func header(_ name: String) -> String? {
        let wanted = name.lowercased()
        return headers.first { $0.0.lowercased() == wanted }?.1
    }
}

/// What the web server should answer to a webhook.
public struct WebhookResponse: Sendable, Equatable {
    /// HTTP status.
    public var status: Int
    /// Header fields to set, including `Content-Type`.
    public var headers: [String: String]
    public var body: [UInt8]

    /// - Parameters:
    ///   - status: HTTP status.
    ///   - headers: header fields.
    ///   - body: body bytes.
    public init(status: Int, headers: [String: String] = [:], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// The body as UTF-8 text.
    public var bodyText: String { String(decoding: body, as: UTF8.self) }
}

/// A reply to send inline in the webhook answer, as composed by the conversation.
public struct InlineReply: Sendable, Equatable {
    /// Destination (normally the sender of the inbound message).
    public var to: String
    /// Final text.
    public var text: String
    /// Encoding chosen by the composer; Kannel needs it to ask for UCS-2.
    public var encoding: SMSEncoding

    /// - Parameters:
    ///   - to: destination.
    ///   - text: final text.
    ///   - encoding: GSM-7 or UCS-2.
    public init(to: String, text: String, encoding: SMSEncoding) {
        self.to = to
        self.text = text
        self.encoding = encoding
    }
}

