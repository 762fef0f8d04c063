/// One HTTP request for `CurlClient`.
public struct HTTPRequest: Sendable, CustomStringConvertible {
    /// HTTP method.
    public enum Method: String, Sendable, Hashable {
        case get = "GET", head = "HEAD", post = "POST", put = "PUT", patch = "PATCH", delete = "DELETE"
    }

    public var method: Method
    /// Absolute `http` or `https` URL, query already escaped (see `CurlClient.escape(_:)`).
    public var url: String
    /// Header fields in order; repeated names are sent as given.
    public var headers: [(String, String)]
    /// Request body; `nil` sends none.
    public var body: [UInt8]?
    /// HTTP Basic credentials.
    public var basicAuth: (user: String, password: String)?
    /// Time allowed to establish the connection (TCP + TLS).
    public var connectTimeout: Duration
    /// Time allowed for the whole transfer, connection included.
    public var totalTimeout: Duration

    /// - Parameters:
    ///   - method: HTTP method.
    ///   - url: absolute URL.
    ///   - headers: header fields in order.
    ///   - body: request body, if any.
    ///   - basicAuth: HTTP Basic credentials, if any.
    ///   - connectTimeout: connect timeout (default 5 s).
    ///   - totalTimeout: total timeout (default 15 s).
    public init(
        method: Method = .get, url: String, headers: [(String, String)] = [], body: [UInt8]? = nil,
        basicAuth: (user: String, password: String)? = nil,
        connectTimeout: Duration = .seconds(5), totalTimeout: Duration = .seconds(15)
    ) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.basicAuth = basicAuth
        self.connectTimeout = connectTimeout
        self.totalTimeout = totalTimeout
    }

    /// Method and URL without its query (which may carry credentials), never the body.
    public var description: String {
        let base = url.split(separator: "?", maxSplits: 1).first.map(String.init) ?? url
        return "\(method.rawValue) \(base)"
    }
}

/// The answer to an `HTTPRequest`.
public struct HTTPResponse: Sendable {
    /// HTTP status code.
    public var status: Int
    /// Header fields of the final response, in order.
    public var headers: [(String, String)]
    public var body: [UInt8]
    /// Connections libcurl opened for this transfer (0 when a kept-alive one was reused).
    public var newConnections: Int

    /// - Parameters:
    ///   - status: HTTP status code.
    ///   - headers: header fields in order.
    ///   - body: response body.
    ///   - newConnections: connections opened for the transfer.
    public init(status: Int, headers: [(String, String)] = [], body: [UInt8] = [], newConnections: Int = 0) {
        self.status = status
        self.headers = headers
        self.body = body
        self.newConnections = newConnections
    }

    /// The first value of a header, matched case-insensitively.
    /// - Parameter name: header name.
    public func header(_ name: String) -> String? {
        let wanted = name.lowercased()
        return headers.first { $0.0.lowercased() == wanted }?.1
    }

    /// The body as UTF-8 text (invalid bytes replaced).
    public var bodyText: String { String(decoding: body, as: UTF8.self) }
}
