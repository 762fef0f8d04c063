import Conversation
import Curl
import Engine
import Foundation
import Gateways
import Logging
import SQLiteStore
import WebServer

/// The live parts built from an `AppConfig`: store, message book, bot, pipeline, gateways.
struct Runtime {
    let config: AppConfig
    let store: any Store
    let sqlite: SQLiteStore?
    let book: MessageBook
    let pipeline: InboundPipeline

    /// Opens the database (migrating it) and loads the message files.
    /// - Parameters:
    ///   - config: the configuration.
    ///   - logger: logger for the pipeline.
    ///   - store: a store opened by the caller (serve's long-lived PostgreSQL store); nil opens one.
    init(config: AppConfig, logger: Logger, store opened: (any Store)? = nil) throws {
        self.config = config
        if let opened {
            self.store = opened
            self.sqlite = nil
        } else {
            let (store, sqlite) = try Runtime.openStore(config.database)
            self.store = store
            self.sqlite = sqlite
        }
        self.book = try MessageLoader.load(directory: config.messagesDirectory)
        let bot = Bot(book: book, settings: config.conversation)
        let settings = PipelineSettings(
            defaultCountry: config.defaultCountry, outboundGateway: config.outboundGateway,
            floodLimitPerMinute: config.floodLimitPerMinute,
            // On PostgreSQL each message commits alone, concurrently with the others (several instances
            // batching the same phones in different orders could deadlock on the per-phone locks).
            maxBatch: config.database.hasPrefix("postgres") ? 1 : 64)
        self.pipeline = InboundPipeline(store: store, bot: bot, settings: settings, logger: logger)
    }

    static func openStore(_ url: String) throws -> (any Store, SQLiteStore?) {
        if url.hasPrefix("sqlite:") {
            let path = String(url.dropFirst("sqlite:".count))
            let store = try SQLiteStore(path: path.isEmpty ? "data/confianza.sqlite" : path)
            return (store, store)
        }
        return (try ScopedPostgresStore(url: url), nil)
    }

    /// Inbound gateways whose secrets are configured (the console gateway is the CLI, not a route).
    var webhooks: [any WebhookGateway] {
        var list: [any WebhookGateway] = []
        if let twilio = config.twilio { list.append(TwilioWebhook(config: twilio)) }
        if let kannel = config.kannel { list.append(KannelWebhook(config: kannel)) }
        if let android = config.android { list.append(AndroidWebhook(config: android)) }
        if let generic = config.generic { list.append(GenericWebhook(config: generic)) }
        return list
    }

    /// Outbound senders, one per configured gateway, sharing one libcurl client with a transfer thread for every
    /// send the outbox may have in flight (so a hung gateway cannot take the threads another gateway needs).
    func senders(console: @escaping @Sendable (String) -> Void = { print($0) }) -> [any MessageSender] {
        let gateways = [config.twilio != nil, config.kannel != nil, config.android != nil, config.generic != nil].filter { $0 }.count
        let client = CurlClient(configuration: .init(maxConcurrentTransfers: max(1, gateways) * config.outbox.concurrency))
        var list: [any MessageSender] = [ConsoleSender(sink: console)]
        if let twilio = config.twilio { list.append(TwilioSender(config: twilio, client: client)) }
        if let kannel = config.kannel { list.append(KannelSender(config: kannel, client: client)) }
        if let android = config.android { list.append(AndroidSender(config: android, client: client)) }
        if let generic = config.generic, !generic.outboundURL.isEmpty { list.append(GenericSender(config: generic, client: client)) }
        return list
    }
}
