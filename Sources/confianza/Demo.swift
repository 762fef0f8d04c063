import ArgumentParser
import Engine
import Foundation
import TrustCore
import WebServer

/// `confianza demo`: a demo programme with three networks of deliberately different health, fifteen weeks
/// of history written through the store port, and two dashboard logins.
struct Demo: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Create a demo programme (HUAMBO, CUYES, FLORES, an articulador, 15 weeks of history) and dashboard logins.")

    @OptionGroup var global: GlobalOptions

    @Option(help: "Pretend today is this day (YYYY-MM-DD); the history ends the week before. Default: today in Lima.")
    var today: String?

    @Option(help: "Seed of the generated history (the same seed and day give the same data).")
    var seed: UInt64 = 2026

    func run() async throws {
        let config = try await ConfigLoader.make(file: global.config).appConfig(database: global.database)
        let lima = TimeZone(identifier: "America/Lima") ?? .gmt
        let day: LocalDate
        if let today {
            guard let parsed = LocalDate(iso: today) else { throw ValidationError("--today must be YYYY-MM-DD") }
            day = parsed
        } else {
            day = LocalDate(Date(), in: lima)
        }
        let (store, _) = try Runtime.openStore(config.database)
        let passwords = (admin: Secrets.random(bytes: 9), articulador: Secrets.random(bytes: 9))
        let hashes = (admin: await Passwords.hash(passwords.admin), articulador: await Passwords.hash(passwords.articulador))
        let now = day.start(in: lima).addingTimeInterval(9 * 3600)
        let seed = seed
        let summary = try await store.transaction { tx in
            var taken: [String] = []
            for plan in DemoProgramme.networks {
                if try await tx.network(code: plan.code) != nil { taken.append(plan.code) }
            }
            for name in ["admin", DemoProgramme.articuladorLogin] {
                if try await tx.auth().dashboardUser(name: name) != nil { taken.append("user \(name)") }
            }
            guard taken.isEmpty else {
                throw ValidationError("the demo is already here (\(taken.joined(separator: ", ")) exist); use a fresh database, e.g. --database sqlite:data/demo.sqlite")
            }
            var writer = DemoProgramme(tx: tx, today: day, now: now, random: SplitMix64(seed: seed))
            let lines = try await writer.write()
            _ = try await tx.auth().insertDashboardUser(NewDashboardUser(name: "admin", passwordHash: hashes.admin, role: .admin, createdAt: now))
            _ = try await tx.auth().insertDashboardUser(NewDashboardUser(
                name: DemoProgramme.articuladorLogin, passwordHash: hashes.articulador, role: .articulador,
                phone: DemoProgramme.articuladorPhone, createdAt: now))
            return lines
        }
        for line in summary { print(line) }
        print("")
        print("Dashboard logins (shown only now):")
        print("  admin / \(passwords.admin)        (admin: every network, message texts)")
        print("  \(DemoProgramme.articuladorLogin) / \(passwords.articulador)        (articulador: her networks)")
        print("More users: confianza user add NAME --role admin|staff|articulador [--phone P]")
        print("Then: confianza serve, open http://\(config.host):\(config.port)/ ; SMS as the articulador: confianza chat --phone \(DemoProgramme.articuladorPhone) REDES")
    }
}

/// The demo's draws from `SplitMix64` (TrustCore): the same seed gives the same demo.
extension SplitMix64 {
    /// True with probability `p`.
    mutating func chance(_ p: Double) -> Bool { Double.random(in: 0..<1, using: &self) < p }

    /// A whole number in a range.
    mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &self) }
}
