import Conversation
import Engine
import Foundation
import Gateways
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import TrustCore
import WebServer

/// An application over the memory store with the generic and Kannel gateways enabled.
struct WebFixture {
    static let genericSecret = "s3cr3t"
    static let kannelSecret = "k4nn3l"
    static let rosaPhone = "+51987000004"

    let store: MemoryStore
    var config: AppConfig
    let dependencies: AppDependencies
    let clock: Date

    static var messagesDirectory: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("config/messages").path
    }

    /// - Parameters:
    ///   - now: the application's clock.
    ///   - wrap: the store the application runs on, around the memory store (which the test reads directly).
    static func make(
        now: Date = Date(timeIntervalSince1970: 1_764_072_000), wrap: (MemoryStore) -> any Store = { $0 }
    ) async throws -> WebFixture {
        let store = MemoryStore()
        _ = try await store.transaction { tx in
            let network = try await tx.insertNetwork(NewNetwork(code: "HUAMBO", name: "Lacteos Huambocancha"))
            return try await tx.insertMember(NewMember(
                networkID: network.id, phone: rosaPhone, name: "Rosa Quispe", roster: 4, joinedOn: LocalDate(year: 2026, month: 1, day: 1)!))
        }
        var config = AppConfig()
        config.publicURL = "https://confianza.example.org"
        config.generic = GenericConfig(secret: genericSecret, outboundURL: "", outboundSecret: genericSecret)
        config.kannel = KannelConfig(secret: kannelSecret, sendsmsURL: "http://127.0.0.1:1/cgi-bin/sendsms", username: "u", password: "p")
        let book = try MessageLoader.load(directory: messagesDirectory)
        let served = wrap(store)
        let pipeline = InboundPipeline(store: served, bot: Bot(book: book))
        let dependencies = AppDependencies(
            store: served, pipeline: pipeline,
            webhooks: [GenericWebhook(config: config.generic!), KannelWebhook(config: config.kannel!)],
            clock: { now })
        return WebFixture(store: store, config: config, dependencies: dependencies, clock: now)
    }

    var application: some ApplicationProtocol { buildApplication(config: config, dependencies: dependencies) }

    /// A signed generic-gateway body and its headers.
    func genericRequest(id: String, text: String, from: String = rosaPhone, secret: String = genericSecret) -> (ByteBuffer, HTTPFields) {
        let body = #"{"id":"\#(id)","from":"\#(from)","to":"12345","text":"\#(text)"}"#
        return signed(Array(body.utf8), secret: secret)
    }

    func signed(_ bytes: [UInt8], secret: String = genericSecret) -> (ByteBuffer, HTTPFields) {
        let timestamp = String(Int(clock.timeIntervalSince1970))
        let signature = GenericWebhook.signature(body: bytes, timestamp: timestamp, secret: secret)
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        headers[HTTPField.Name("X-Confianza-Timestamp")!] = timestamp
        headers[HTTPField.Name("X-Confianza-Signature")!] = signature
        return (ByteBuffer(bytes: bytes), headers)
    }

    func inboundCount() async throws -> Int {
        try await store.read { tx in
            var count = 0
            for id in ["g1", "g2", "g3", "bad", "big", "utf"] where try await tx.inbound(gateway: "generic", messageID: id) != nil { count += 1 }
            return count
        }
    }
}

/// The JSON answer of the generic gateway.
struct GenericAnswer: Decodable, Equatable {
    struct Reply: Decodable, Equatable {
        var to: String
        var text: String
    }
    var id: String
    var replies: [Reply]
}
