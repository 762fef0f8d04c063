public import Foundation

/// Twilio settings (`gateways.twilio.*`). `description` never shows the token.
public struct TwilioConfig: Sendable, CustomStringConvertible {
    /// Account SID (`AC…`), also the Basic-auth user.
    public var accountSID: String
    /// Auth token: Basic-auth password and webhook signing key.
    public var authToken: String
    /// Our number (E.164) or a Messaging Service SID (`MG…`).
    public var from: String
    /// REST base URL; tests point it at a local server.
    public var apiBaseURL: String
    /// Where Twilio posts status callbacks (`<public url>/webhooks/twilio/status`), if wanted.
    public var statusCallbackURL: String?
    /// Connect timeout for REST calls.
    public var connectTimeout: Duration
    /// Total timeout for REST calls.
    public var totalTimeout: Duration

    /// - Parameters:
    ///   - accountSID: account SID.
    ///   - authToken: auth token.
    ///   - from: sender number or Messaging Service SID.
    ///   - apiBaseURL: REST base URL (default `https://api.twilio.com`).
    ///   - statusCallbackURL: status callback URL, if any.
    ///   - connectTimeout: connect timeout (default 5 s).
    ///   - totalTimeout: total timeout (default 15 s).
    public init(
        accountSID: String, authToken: String, from: String, apiBaseURL: String = "https://api.twilio.com",
        statusCallbackURL: String? = nil, connectTimeout: Duration = .seconds(5), totalTimeout: Duration = .seconds(15)
    ) {
        self.accountSID = accountSID
        self.authToken = authToken
        self.from = from
        self.apiBaseURL = apiBaseURL
        self.statusCallbackURL = statusCallbackURL
        self.connectTimeout = connectTimeout
        self.totalTimeout = totalTimeout
    }

    public var description: String { "TwilioConfig(accountSID: \(accountSID), authToken: <redacted>, apiBaseURL: \(apiBaseURL))" }
}

/// Kannel settings (`gateways.kannel.*`). `description` never shows the secret or password.
public struct KannelConfig: Sendable, CustomStringConvertible {
    /// The `key=` query value of our `/webhooks/kannel` and `/webhooks/kannel/status` URLs.
    public var secret: String
    /// smsbox sendsms URL, e.g. `http://127.0.0.1:13013/cgi-bin/sendsms`.
    public var sendsmsURL: String
    /// `sendsms-user` name.
    public var username: String
    /// `sendsms-user` password.
    public var password: String
    /// Sender to ask for (`from=`), if any.
    public var from: String?
    /// Our delivery-report route (`<public url>/webhooks/kannel/status`); `nil` asks for no reports.
    public var statusURL: String?
    /// `dlr-mask` bits (default 31: delivered, failed, buffered, SMSC accepted, SMSC rejected).
    public var dlrMask: Int
    /// Connect timeout for sendsms calls.
    public var connectTimeout: Duration
    /// Total timeout; smsbox answers only after bearerbox accepted the message.
    public var totalTimeout: Duration

    /// - Parameters:
    ///   - secret: shared secret of our Kannel routes.
    ///   - sendsmsURL: smsbox sendsms URL.
    ///   - username: sendsms user.
    ///   - password: sendsms password.
    ///   - from: sender, if any.
    ///   - statusURL: our DLR route, if reports are wanted.
    ///   - dlrMask: DLR bits (default 31).
    ///   - connectTimeout: connect timeout (default 5 s).
    ///   - totalTimeout: total timeout (default 30 s).
    public init(
        secret: String, sendsmsURL: String, username: String, password: String, from: String? = nil,
        statusURL: String? = nil, dlrMask: Int = 31, connectTimeout: Duration = .seconds(5),
        totalTimeout: Duration = .seconds(30)
    ) {
        self.secret = secret
        self.sendsmsURL = sendsmsURL
        self.username = username
        self.password = password
        self.from = from
        self.statusURL = statusURL
        self.dlrMask = dlrMask
        self.connectTimeout = connectTimeout
        self.totalTimeout = totalTimeout
    }

    public var description: String {
        "KannelConfig(sendsmsURL: \(sendsmsURL), username: \(username), password: <redacted>, secret: <redacted>)"
    }
}

/// SMS Gateway for Android settings (`gateways.android.*`). `description` never shows secrets.
public struct AndroidConfig: Sendable, CustomStringConvertible {
    /// API base: `http://<device>:8080` (local) or `https://api.sms-gate.app/3rdparty/v1` (cloud).
    public var url: String
    /// Basic-auth user.
    public var username: String
    /// Basic-auth password.
    public var password: String
    /// Webhook signing key.
    public var signingKey: String
    /// SIM slot to send from (1–3), or the app's default.
    public var simNumber: Int?
    /// Seconds a message may wait on the device, or no limit.
    public var ttl: Int?
    /// Replay window for `X-Timestamp`.
    public var maxClockSkew: TimeInterval
    /// Connect timeout.
    public var connectTimeout: Duration
    /// Total timeout.
    public var totalTimeout: Duration

    /// - Parameters:
    ///   - url: API base URL.
    ///   - username: Basic-auth user.
    ///   - password: Basic-auth password.
    ///   - signingKey: webhook signing key.
    ///   - simNumber: SIM slot, if fixed.
    ///   - ttl: message lifetime in seconds, if any.
    ///   - maxClockSkew: replay window (default 300 s).
    ///   - connectTimeout: connect timeout (default 5 s).
    ///   - totalTimeout: total timeout (default 15 s).
    public init(
        url: String, username: String, password: String, signingKey: String, simNumber: Int? = nil, ttl: Int? = nil,
        maxClockSkew: TimeInterval = GatewayLimits.maxClockSkew, connectTimeout: Duration = .seconds(5),
        totalTimeout: Duration = .seconds(15)
    ) {
        self.url = url
        self.username = username
        self.password = password
        self.signingKey = signingKey
        self.simNumber = simNumber
        self.ttl = ttl
        self.maxClockSkew = maxClockSkew
        self.connectTimeout = connectTimeout
        self.totalTimeout = totalTimeout
    }

    public var description: String {
        "AndroidConfig(url: \(url), username: \(username), password: <redacted>, signingKey: <redacted>)"
    }
}

/// Generic JSON gateway settings (`gateways.generic.*`, gateways.md §8). `description` never shows secrets.
public struct GenericConfig: Sendable, CustomStringConvertible {
    /// Secret that signs inbound webhooks.
    public var secret: String
    /// Where outbound messages are POSTed.
    public var outboundURL: String
    /// Secret that signs outbound requests.
    public var outboundSecret: String
    /// Country code for normalising inbound numbers.
    public var defaultCountry: String
    /// Replay window for `X-Confianza-Timestamp`.
    public var maxClockSkew: TimeInterval
    /// Connect timeout.
    public var connectTimeout: Duration
    /// Total timeout.
    public var totalTimeout: Duration

    /// - Parameters:
    ///   - secret: inbound signing secret.
    ///   - outboundURL: outbound endpoint.
    ///   - outboundSecret: outbound signing secret.
    ///   - defaultCountry: default country code (default `+51`).
    ///   - maxClockSkew: replay window (default 300 s).
    ///   - connectTimeout: connect timeout (default 5 s).
    ///   - totalTimeout: total timeout (default 15 s).
    public init(
        secret: String, outboundURL: String, outboundSecret: String, defaultCountry: String = "+51",
        maxClockSkew: TimeInterval = GatewayLimits.maxClockSkew, connectTimeout: Duration = .seconds(5),
        totalTimeout: Duration = .seconds(15)
    ) {
        self.secret = secret
        self.outboundURL = outboundURL
        self.outboundSecret = outboundSecret
        self.defaultCountry = defaultCountry
        self.maxClockSkew = maxClockSkew
        self.connectTimeout = connectTimeout
        self.totalTimeout = totalTimeout
    }

    public var description: String {
        "GenericConfig(outboundURL: \(outboundURL), secret: <redacted>, outboundSecret: <redacted>)"
    }
}
