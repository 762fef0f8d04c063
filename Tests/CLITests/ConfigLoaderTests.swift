import Foundation
import Gateways
import Testing
import WebServer

@testable import confianza

@Suite("Configuration loading")
struct ConfigLoaderTests {
    func file(_ yaml: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("confianza-\(UUID().uuidString).yaml").path
        try yaml.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func defaultsNeedNoFile() async throws {
        let config = try await ConfigLoader.make(file: nil, environment: [:]).appConfig(database: nil)
        #expect(config.port == 8080)
        #expect(config.database == "sqlite:data/confianza.sqlite")
        #expect(config.outboundGateway == "console")
        #expect(config.kannel == nil)
    }

    @Test func theFileIsReadAndTheEnvironmentWins() async throws {
        let path = try file("server:\n  port: 9000\ngateways:\n  kannel:\n    secret: abc\n    username: u\n")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let config = try await ConfigLoader.make(file: path, environment: ["CONFIANZA_SERVER_PORT": "9100", "OTHER_PORT": "1"])
            .appConfig(database: nil)
        #expect(config.port == 9100)
        #expect(config.kannel?.secret == "abc")
        #expect(config.kannel?.username == "u")
    }

    @Test func theDatabaseFlagWins() async throws {
        let config = try await ConfigLoader.make(file: nil, environment: ["CONFIANZA_DATABASE": "sqlite:/tmp/a.sqlite"])
            .appConfig(database: "sqlite:/tmp/b.sqlite")
        #expect(config.database == "sqlite:/tmp/b.sqlite")
    }

    @Test func anInvalidValueNamesItsKey() async throws {
        let loader = try await ConfigLoader.make(file: nil, environment: ["CONFIANZA_SERVER_PORT": "eighty"])
        #expect {
            try loader.appConfig(database: nil)
        } throws: { error in
            String(describing: error).contains("server.port") && String(describing: error).contains("CONFIANZA_SERVER_PORT")
        }
        let range = try await ConfigLoader.make(file: nil, environment: ["CONFIANZA_OUTBOX_MAX_ATTEMPTS": "0"])
        #expect(throws: ConfigError.self) { try range.appConfig(database: nil) }
    }

    @Test func theWebhookDeadlineHasADefaultIsReadAndMustBePositive() async throws {
        #expect(try await ConfigLoader.make(file: nil, environment: [:]).appConfig(database: nil).webhookDeadline == 10)
        let path = try file("limits:\n  webhook_deadline_seconds: 3\n")
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(try await ConfigLoader.make(file: path, environment: [:]).appConfig(database: nil).webhookDeadline == 3)
        let fromEnvironment = try await ConfigLoader.make(file: path, environment: ["CONFIANZA_LIMITS_WEBHOOK_DEADLINE_SECONDS": "2.5"])
        #expect(try fromEnvironment.appConfig(database: nil).webhookDeadline == 2.5)
        for bad in ["0", "-1", "soon"] {
            let loader = try await ConfigLoader.make(file: nil, environment: ["CONFIANZA_LIMITS_WEBHOOK_DEADLINE_SECONDS": bad])
            #expect {
                try loader.appConfig(database: nil)
            } throws: { error in
                let text = String(describing: error)
                return text.contains("limits.webhook_deadline_seconds") && text.contains("CONFIANZA_LIMITS_WEBHOOK_DEADLINE_SECONDS")
            }
        }
    }

    @Test func anOutboundGatewayWithoutSettingsIsRefused() async throws {
        let loader = try await ConfigLoader.make(file: nil, environment: ["CONFIANZA_GATEWAYS_OUTBOUND": "kannel"])
        #expect {
            try loader.appConfig(database: nil)
        } throws: { error in
            String(describing: error).contains("gateways.outbound")
        }
    }

    @Test func aMissingConfigFileNamedOnTheCommandLineIsAnError() async throws {
        await #expect(throws: ConfigError.self) { try await ConfigLoader.make(file: "/nonexistent/confianza.yaml", environment: [:]) }
    }
}
