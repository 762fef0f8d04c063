import ArgumentParser
import Engine
import Foundation
import Gateways
import Logging
import SQLiteStore
import WebServer

/// `confianza chat --phone +51987000001 [TEXT]`: talk to the bot as that phone, through the same
/// pipeline and database as the webhooks. Without TEXT it reads lines until end of input.
struct Chat: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Talk to the bot as a phone (console gateway).")

    @OptionGroup var global: GlobalOptions

    @Option(help: "The phone to write as, e.g. +51987000001 or 987000001.")
    var phone: String

    @Argument(help: "The message; omit it for an interactive session.")
    var text: [String] = []

    func run() async throws {
        let config = try await ConfigLoader.make(file: global.config).appConfig(database: global.database)
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = .warning
            return handler
        }
        let runtime = try Runtime(config: config, logger: Logger(label: "confianza.chat"))
        // Messages the bot sends to other phones (prompts, forwarded questions) are printed when
        // the console gateway is the outbound one; otherwise `serve` sends them.
        let outbox = OutboxService(
            store: runtime.store, senders: runtime.senders(console: { print("  \($0)") }), settings: config.outbox)
        if !text.isEmpty {
            try await say(text.joined(separator: " "), runtime: runtime, outbox: outbox, outbound: config.outboundGateway)
            return
        }
        print("Confianza chat as \(phone). Type a message, or Ctrl-D to end.")
        while true {
            print("> ", terminator: "")
            guard let line = readLine() else { break }
            if line.trimmingCharacters(in: .whitespaces).isEmpty { continue }
            try await say(line, runtime: runtime, outbox: outbox, outbound: config.outboundGateway)
        }
    }

    private func say(_ line: String, runtime: Runtime, outbox: OutboxService, outbound: String) async throws {
        let message = InboundMessage(
            gateway: "console", gatewayMessageID: UUID().uuidString, from: phone, to: "confianza", text: line, receivedAt: Date())
        let outcome = try await runtime.pipeline.handle(message, inlineReply: true)
        if outcome.outcome == "bad_phone" { print("(not a valid phone number: \(phone))") }
        for reply in outcome.replies { print("< \(reply.text)") }
        if outbound == "console" { while try await outbox.drainOnce() > 0 {} }
    }
}
