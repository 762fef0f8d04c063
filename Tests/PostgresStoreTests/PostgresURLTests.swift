import Foundation
import PostgresNIO
import PostgresStore
import Testing

/// `PostgresStore(url:)` parsing, no server needed.
@Suite("PostgreSQL URLs")
struct PostgresURLTests {
    @Test("TCP URL with password, port and database")
    func tcp() throws {
        let configuration = try PostgresStore.configuration(url: "postgres://alice:s%40cr%2Fet@db.internal:6543/confianza?sslmode=disable")
        #expect(configuration.host == "db.internal")
        #expect(configuration.port == 6543)
        #expect(configuration.unixSocketPath == nil)
        #expect(configuration.username == "alice")
        #expect(configuration.password == "s@cr/et")
        #expect(configuration.database == "confianza")
    }

    @Test("defaults: port 5432, no password, database named after the user")
    func defaults() throws {
        let configuration = try PostgresStore.configuration(url: "postgresql://confianza@localhost")
        #expect(configuration.host == "localhost" && configuration.port == 5432)
        #expect(configuration.password == nil)
        #expect(configuration.database == nil)
    }

    @Test("Unix socket directory in ?host=, socket file named as libpq does")
    func socket() throws {
        let configuration = try PostgresStore.configuration(url: "postgres://postgres@localhost/postgres?host=/tmp/confianza-pg")
        #expect(configuration.unixSocketPath == "/tmp/confianza-pg/.s.PGSQL.5432")
        #expect(configuration.host == nil)
        #expect(configuration.database == "postgres")
        let other = try PostgresStore.configuration(url: "postgres://u@/db?host=/run/postgresql/&port=5433")
        #expect(other.unixSocketPath == "/run/postgresql/.s.PGSQL.5433")
        #expect(other.username == "u" && other.database == "db")
    }

    @Test("not a PostgreSQL URL", arguments: ["sqlite:data/confianza.sqlite", "postgres://u@h/db?sslmode=sometimes", "mysql://u@h/db"])
    func invalid(_ url: String) {
        #expect {
            _ = try PostgresStore.configuration(url: url)
        } throws: { error in
            (error as? PostgresStoreError)?.code == .invalidURL
        }
    }
}
