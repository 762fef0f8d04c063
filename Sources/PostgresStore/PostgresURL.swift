import Foundation
import PostgresNIO

/// Turns a libpq-style URL into a `PostgresClient.Configuration`:
/// `postgres://user[:password]@host[:port]/database[?sslmode=disable|prefer|require|verify-full]`,
/// or a Unix socket with `?host=/socket/dir` (the socket is `dir/.s.PGSQL.PORT`, as libpq names it).
enum PostgresURL {
    static func configuration(_ text: String) throws -> PostgresClient.Configuration {
        func invalid(_ why: String) -> PostgresStoreError {
            PostgresStoreError(.invalidURL, operation: "parse_url", message: why)
        }
        guard let url = URLComponents(string: text) else { throw invalid("not a URL") }
        guard let scheme = url.scheme?.lowercased(), scheme == "postgres" || scheme == "postgresql" else {
            throw invalid("scheme must be postgres:// or postgresql://")
        }
        let query = Dictionary((url.queryItems ?? []).map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { _, last in last })
        let username = url.percentEncodedUser?.removingPercentEncoding ?? query["user"] ?? "postgres"
        let password = url.percentEncodedPassword?.removingPercentEncoding ?? query["password"]
        var database = url.percentEncodedPath.removingPercentEncoding ?? ""
        if database.hasPrefix("/") { database.removeFirst() }
        if database.isEmpty { database = query["dbname"] ?? "" }
        let port = url.port ?? query["port"].flatMap(Int.init) ?? 5432
        guard (1...65_535).contains(port) else { throw invalid("port out of range") }

        var configuration: PostgresClient.Configuration
        if let socketDirectory = query["host"], socketDirectory.hasPrefix("/") {
            let socket = socketDirectory.hasSuffix("/") ? socketDirectory : socketDirectory + "/"
            configuration = .init(
                unixSocketPath: socket + ".s.PGSQL.\(port)", username: username, password: password,
                database: database.isEmpty ? nil : database)
        } else {
            let host = url.host.flatMap { $0.isEmpty ? nil : $0 } ?? query["host"] ?? "localhost"
            configuration = .init(
                host: host, port: port, username: username, password: password, database: database.isEmpty ? nil : database,
                tls: try tls(query["sslmode"] ?? "prefer", invalid: invalid))
        }
        if let application = query["application_name"] {
            configuration.options.additionalStartupParameters.append(("application_name", application))
        }
        return configuration
    }

    private static func tls(
        _ mode: String, invalid: (String) -> PostgresStoreError
    ) throws -> PostgresClient.Configuration.TLS {
        switch mode {
        case "disable":
            return .disable
        case "allow", "prefer":
            var tls = TLSConfiguration.makeClientConfiguration()
            tls.certificateVerification = .none
            return .prefer(tls)
        case "require":
            // libpq's `require` encrypts without checking the certificate.
            var tls = TLSConfiguration.makeClientConfiguration()
            tls.certificateVerification = .none
            return .require(tls)
        case "verify-ca", "verify-full":
            return .require(.makeClientConfiguration())
        default:
            throw invalid("unknown sslmode \(mode)")
        }
    }
}
