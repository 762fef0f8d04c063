import Conversation
import Engine
import Foundation
import Gateways
import TrustCore

/// Everything the server needs to know, as plain values. The executable fills it from
/// `config/confianza.yaml` and `CONFIANZA_*` variables; tests build it directly.
public struct AppConfig: Sendable {
    /// Bind address (`server.host`).
    public var host: String
    /// Bind port (`server.port`); 0 picks a free one.
    public var port: Int
    /// Public base URL that gateways call (`server.public_url`); Twilio signs it.
    public var publicURL: String
    /// `sqlite:PATH` or `postgres://…` (`database`).
    public var database: String
    /// Gateway that sends outbox messages (`gateways.outbound`).
    public var outboundGateway: String
    /// Country code for numbers without one (`phones.default_country`).
    public var defaultCountry: String
    /// Folder with one YAML file per language (`messages.directory`).
    public var messagesDirectory: String
    /// Conversation lifetimes (`conversation.*`).
    public var conversation: BotSettings
    /// Outbox worker (`outbox.*`).
    public var outbox: OutboxSettings
    /// Indicator weights, targets, thresholds (`indicators.*`).
    public var indicators: IndicatorSettings
    /// Weekly summaries, quiet hours, caps, reminders (`schedule.*`).
    public var schedule: ScheduleSettings
    /// Per-phone flood limit per minute (`limits.flood_per_minute`).
    public var floodLimitPerMinute: Int
    /// Seconds the outbox may lag before `/ready` fails (`limits.ready_outbox_age_seconds`).
    public var readyOutboxAge: TimeInterval
    /// Seconds a webhook waits for its transaction before it answers 503 and lets the transaction
    /// finish in the background (`limits.webhook_deadline_seconds`).
    public var webhookDeadline: TimeInterval
    /// Gateways; a gateway whose secret is unset is disabled.
    public var twilio: TwilioConfig?
    public var kannel: KannelConfig?
    public var android: AndroidConfig?
    public var generic: GenericConfig?
    /// `text` or `json` log lines (`log.format`).
    public var logFormat: String
    /// Log level (`log.level`).
    public var logLevel: String

    /// The embedded defaults: SQLite under `data/`, console gateway, loopback.
    public init() {
        host = "127.0.0.1"
        port = 8080
        publicURL = "http://127.0.0.1:8080"
        database = "sqlite:data/confianza.sqlite"
        outboundGateway = "console"
        defaultCountry = "+51"
        messagesDirectory = "config/messages"
        conversation = BotSettings()
        outbox = OutboxSettings()
        indicators = IndicatorSettings()
        schedule = ScheduleSettings()
        floodLimitPerMinute = 20
        readyOutboxAge = 600
        webhookDeadline = 10
        logFormat = "text"
        logLevel = "info"
    }

    /// The public URL without a trailing slash.
    public var publicBase: String { publicURL.hasSuffix("/") ? String(publicURL.dropLast()) : publicURL }
}
