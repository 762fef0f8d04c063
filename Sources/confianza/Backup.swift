import ArgumentParser
import Engine
import Foundation
import Gateways
import SQLiteStore
import WebServer

/// `confianza backup FILE`: a consistent copy of the live SQLite database (online backup API).
struct Backup: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a consistent copy of the database to FILE.",
        discussion: "For SQLite this uses the online backup API while the server runs. For PostgreSQL use pg_dump.")

    @OptionGroup var global: GlobalOptions

    @Argument(help: "Destination file.")
    var file: String

    func run() async throws {
        let config = try await ConfigLoader.make(file: global.config).appConfig(database: global.database)
        let (_, sqlite) = try Runtime.openStore(config.database)
        guard let sqlite else { throw ValidationError("backup works on SQLite; for PostgreSQL run pg_dump") }
        try await sqlite.backup(to: file)
        print("backup written to \(file); restore by stopping the server and copying it over the database file")
    }
}
