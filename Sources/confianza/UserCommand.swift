import ArgumentParser
import Engine
import Foundation
import TrustCore
import WebServer

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `confianza user add NAME --role admin|staff|articulador [--phone P]`, `user list`, `user password NAME`.
struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user", abstract: "Dashboard users.", subcommands: [Add.self, List.self, Password.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a dashboard user; the password is asked on the terminal (or read from stdin with --password-stdin).")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Login name (letters, digits, . _ -).") var name: String
        @Option(help: "admin (everything, message texts included), staff (every network), articulador (their networks).")
        var role: String
        @Option(help: "For articuladores: their phone; they see the networks where it has an articulador row.") var phone: String?
        @Option(help: "Dashboard language: es or en.") var language = "es"
        @Flag(help: "Read the password from the first line of standard input.") var passwordStdin = false

        func run() async throws {
            let config = try await ConfigLoader.make(file: global.config).appConfig(database: global.database)
            let login = name.lowercased()
            guard UserInput.validName(login) else { throw ValidationError("the name must be 2–40 letters, digits, . _ or -") }
            guard let role = DashboardRole(rawValue: role.lowercased()) else { throw ValidationError("--role must be admin, staff or articulador") }
            guard ["es", "en"].contains(language) else { throw ValidationError("--language must be es or en") }
            let normalized = try phone.map { text in
                guard let value = PhoneNumber.normalize(text, defaultCountry: config.defaultCountry) else { throw ValidationError("bad phone \(text)") }
                return value
            }
            if role == .articulador && normalized == nil { throw ValidationError("an articulador needs --phone (their networks come from it)") }
            let (store, _) = try Runtime.openStore(config.database)
            if try await store.read({ tx in try await tx.auth().dashboardUser(name: login) }) != nil {
                throw ValidationError("user \(login) already exists")
            }
            let password = try UserInput.password(fromStdin: passwordStdin, confirm: true)
            let hash = await Passwords.hash(password)
            let user = try await store.transaction { tx in
                try await tx.auth().insertDashboardUser(NewDashboardUser(
                    name: login, passwordHash: hash, role: role, phone: normalized, language: language, createdAt: Date()))
            }
            var line = "user \(user.name) created (\(user.role.rawValue))"
            if let normalized {
                let networks = try await store.read { tx in
                    var codes: [String] = []
                    for row in try await tx.members(phone: normalized) where row.role == .articulador && row.active {
                        if let network = try await tx.network(id: row.networkID) { codes.append(network.code) }
                    }
                    return codes
                }
                line += networks.isEmpty
                    ? "; \(PhoneNumber.masked(normalized)) follows no network yet (add an articulador row with import or SOCIO)"
                    : "; follows \(networks.joined(separator: ", "))"
            }
            print(line)
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List dashboard users.")
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let config = try await ConfigLoader.make(file: global.config).appConfig(database: global.database)
            let (store, _) = try Runtime.openStore(config.database)
            let users = try await store.read { tx in try await tx.auth().dashboardUsers() }
            if users.isEmpty { print("no dashboard users yet: confianza user add NAME --role admin") }
            for user in users {
                print("\(user.name)\t\(user.role.rawValue)\t\(user.phone.map(PhoneNumber.masked) ?? "-")\t\(user.language)")
            }
        }
    }

    struct Password: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Set a new password for a dashboard user.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Login name.") var name: String
        @Flag(help: "Read the password from the first line of standard input.") var passwordStdin = false

        func run() async throws {
            let config = try await ConfigLoader.make(file: global.config).appConfig(database: global.database)
            let (store, _) = try Runtime.openStore(config.database)
            let login = name.lowercased()
            guard var user = try await store.read({ tx in try await tx.auth().dashboardUser(name: login) }) else {
                throw ValidationError("no user \(login)")
            }
            user.passwordHash = await Passwords.hash(try UserInput.password(fromStdin: passwordStdin, confirm: true))
            let updated = user
            try await store.transaction { tx in try await tx.auth().updateDashboardUser(updated) }
            print("password of \(login) changed")
        }
    }
}

/// Reading names and passwords from the operator.
enum UserInput {
    static func validName(_ name: String) -> Bool {
        (2...40).contains(name.count) && name.unicodeScalars.allSatisfy { scalar in
            (scalar >= "a" && scalar <= "z") || (scalar >= "0" && scalar <= "9") || ".-_".unicodeScalars.contains(scalar)
        }
    }

    /// A password from the terminal without echo (asked twice), or the first line of stdin.
    static func password(fromStdin: Bool, confirm: Bool) throws -> String {
        let password: String
        if fromStdin {
            guard let line = readLine(strippingNewline: true) else { throw ValidationError("no password on standard input") }
            password = line
        } else {
            guard isatty(STDIN_FILENO) == 1 else { throw ValidationError("no terminal to ask the password on; use --password-stdin") }
            let first = try ask("Password: ")
            if confirm, try ask("Again: ") != first { throw ValidationError("the two passwords differ") }
            password = first
        }
        guard password.count >= Passwords.minimumLength else {
            throw ValidationError("the password must have at least \(Passwords.minimumLength) characters")
        }
        return password
    }

    private static func ask(_ prompt: String) throws -> String {
        guard let raw = getpass(prompt) else { throw ValidationError("could not read the password") }
        return String(cString: raw)
    }
}
