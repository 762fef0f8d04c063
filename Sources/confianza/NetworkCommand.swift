import ArgumentParser
import Engine
import Foundation
import Gateways
import SQLiteStore
import TrustCore
import WebServer

/// `confianza network add CODE "Name" [--tz America/Lima]` and `confianza network list`.
struct NetworkCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "network", abstract: "Manage networks.", subcommands: [Add.self, List.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Register a network with its short code.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Short code, 3–10 letters or digits (e.g. HUAMBO).") var code: String
        @Argument(help: "Full name.") var name: String
        @Option(help: "IANA time zone.") var tz = "America/Lima"

        func run() async throws {
            let code = code.uppercased()
            guard Network.isValidCode(code) else { throw ValidationError("the code must be 3–10 letters or digits, starting with a letter") }
            guard TimeZone(identifier: tz) != nil else { throw ValidationError("unknown time zone \(tz)") }
            let config = try await ConfigLoader.make(file: global.config).appConfig(database: global.database)
            let (store, _) = try Runtime.openStore(config.database)
            let network = try await store.transaction { tx in
                if try await tx.network(code: code) != nil { throw ValidationError("network \(code) already exists") }
                return try await tx.insertNetwork(NewNetwork(code: code, name: name, timeZone: tz))
            }
            print("network \(network.code) created (\(network.name), \(network.timeZone))")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List networks and their member counts.")
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let config = try await ConfigLoader.make(file: global.config).appConfig(database: global.database)
            let (store, _) = try Runtime.openStore(config.database)
            let lines = try await store.read { tx in
                var lines: [String] = []
                for network in try await tx.networks() {
                    let members = try await tx.members(networkID: network.id).filter { $0.active && $0.role.isMember }
                    lines.append("\(network.code)\t\(network.name)\t\(members.count) members\t\(network.timeZone)")
                }
                return lines
            }
            print(lines.isEmpty ? "no networks yet: confianza network add CODE \"Name\" or confianza import members FILE.csv" : lines.joined(separator: "\n"))
        }
    }
}

/// `confianza member phone OLD NEW`: a member changed phone; their history stays.
struct MemberCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "member", abstract: "Roster care.", subcommands: [Phone.self])

    struct Phone: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Move every roster row of OLD to NEW, keeping history.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Current phone.") var old: String
        @Argument(help: "New phone.") var new: String

        func run() async throws {
            let config = try await ConfigLoader.make(file: global.config).appConfig(database: global.database)
            guard let from = PhoneNumber.normalize(old, defaultCountry: config.defaultCountry),
                let to = PhoneNumber.normalize(new, defaultCountry: config.defaultCountry)
            else { throw ValidationError("both phones must be valid numbers") }
            let (store, _) = try Runtime.openStore(config.database)
            let moved = try await store.transaction { tx in
                guard try await tx.members(phone: to).isEmpty else { throw ValidationError("\(PhoneNumber.masked(to)) is already registered") }
                let rows = try await tx.members(phone: from)
                for var row in rows {
                    row.phone = to
                    try await tx.updateMember(row)
                }
                if let state = try await tx.conversationState(phone: from) {
                    try await tx.saveConversationState(phone: to, state: state, updatedAt: Date())
                }
                return rows.count
            }
            guard moved > 0 else { throw ValidationError("no member has phone \(PhoneNumber.masked(from))") }
            print("\(moved) roster row(s) moved to the new phone; history kept")
        }
    }
}
