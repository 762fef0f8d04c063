import ArgumentParser
import Engine
import Foundation
import Gateways
import SQLiteStore
import TrustCore
import WebServer

/// `confianza import members FILE.csv`.
struct Import: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Import data from CSV.", subcommands: [Members.self])

    struct Members: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import a roster: header network,phone,name,role,gender,roster (optional network_name,language).")

        @OptionGroup var global: GlobalOptions

        @Argument(help: "The CSV file (UTF-8).")
        var file: String

        @Flag(help: "Refuse network codes that do not exist yet instead of creating them.")
        var strictNetworks = false

        @Flag(help: "Import the good rows even when some rows are bad.")
        var skipBad = false

        func run() async throws {
            let config = try await ConfigLoader.make(file: global.config).appConfig(database: global.database)
            guard let data = FileManager.default.contents(atPath: file) else { throw ValidationError("cannot read \(file)") }
            let (store, _) = try Runtime.openStore(config.database)
            let today = LocalDate(Date(), in: TimeZone(identifier: "America/Lima")!)
            let report = try await MemberImport.run(
                data: data, store: store, defaultCountry: config.defaultCountry, strictNetworks: strictNetworks, skipBad: skipBad,
                today: today)
            for problem in report.problems { print(problem) }
            if report.aborted {
                print("nothing imported: \(report.problems.count) bad row(s). Fix them, or use --skip-bad to import the rest.")
                throw ExitCode(1)
            }
            if !report.createdNetworks.isEmpty { print("networks created: \(report.createdNetworks.joined(separator: ", "))") }
            print("\(report.imported) member(s) imported\(report.problems.isEmpty ? "" : ", \(report.problems.count) row(s) skipped")")
        }
    }
}
