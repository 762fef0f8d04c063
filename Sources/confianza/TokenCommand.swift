import ArgumentParser
import Engine
import Foundation
import WebServer

/// `confianza token create NAME`, `token list`, `token revoke NAME`: bearer tokens of the JSON API.
struct TokenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token", abstract: "API tokens.", subcommands: [Create.self, List.self, Revoke.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create an API token; it is printed once and stored only as a hash.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "A name for the token (who uses it).") var name: String

        func run() async throws {
            let name = self.name.lowercased()
            guard UserInput.validName(name) else { throw ValidationError("the name must be 2–40 letters, digits, . _ or -") }
            let config = try await ConfigLoader.make(file: global.config).appConfig(database: global.database)
            let (store, _) = try Runtime.openStore(config.database)
            let token = APITokens.generate()
            try await store.transaction { tx in
                let auth = try tx.auth()
                if try await auth.apiTokens().contains(where: { $0.name == name }) { throw ValidationError("a token named \(name) exists") }
                _ = try await auth.insertAPIToken(name: name, tokenHash: APITokens.hash(token), createdAt: Date())
            }
            print(token)
            FileHandle.standardError.write(Data("token \(name) created; it is shown only now. Use: Authorization: Bearer <token>\n".utf8))
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List API tokens (names and creation times only).")
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let config = try await ConfigLoader.make(file: global.config).appConfig(database: global.database)
            let (store, _) = try Runtime.openStore(config.database)
            let tokens = try await store.read { tx in try await tx.auth().apiTokens() }
            if tokens.isEmpty { print("no API tokens yet: confianza token create NAME") }
            let iso = ISO8601DateFormatter()
            for token in tokens { print("\(token.name)\tcreated \(iso.string(from: token.createdAt))") }
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Delete an API token; requests with it are refused from now on.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The token's name.") var name: String

        func run() async throws {
            let config = try await ConfigLoader.make(file: global.config).appConfig(database: global.database)
            let (store, _) = try Runtime.openStore(config.database)
            let name = self.name.lowercased()
            guard try await store.transaction({ tx in try await tx.auth().deleteAPIToken(name: name) }) else {
                throw ValidationError("no token named \(name)")
            }
            print("token \(name) revoked")
        }
    }
}
