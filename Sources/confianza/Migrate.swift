import ArgumentParser
import Engine
import Foundation
import Gateways
import SQLiteStore
import WebServer

/// `confianza migrate`: applies pending schema migrations (serve also does it at start).
struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Apply database migrations.")

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let config = try await ConfigLoader.make(file: global.config).appConfig(database: global.database)
        let (store, sqlite) = try Runtime.openStore(config.database)
        try await store.ping()
        if let postgres = store as? ScopedPostgresStore {
            try await postgres.migrate()
        }
        if let sqlite {
            try sqlite.migrate()
            for name in try sqlite.appliedMigrations() { print("applied: \(name)") }
        }
        print("database is up to date")
    }
}
