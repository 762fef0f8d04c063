import Foundation
import Hummingbird
import Logging
import PostgresNIO

// Ceiling 2b: Hummingbird + one PostgreSQL insert per request (postgres-nio's pooled PostgresClient,
// 20 connections like PostgresStore's default), each its own implicit transaction: what a webhook
// costs on PostgreSQL with no batching and no logic. Same request shape as ceiling-sqlite.
//   ceiling-postgres PORT postgres://user@/database?host=/socket/dir | postgres://user@host:port/database
let arguments = Array(CommandLine.arguments.dropFirst())
guard arguments.count == 2, let port = Int(arguments[0]), let url = URLComponents(string: arguments[1]) else {
    FileHandle.standardError.write(Data("usage: ceiling-postgres PORT POSTGRES_URL\n".utf8))
    exit(2)
}
var logger = Logger(label: "ceiling-postgres")
logger.logLevel = .warning

let query = Dictionary((url.queryItems ?? []).map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { _, last in last })
let user = url.user ?? "postgres"
let database = url.path.isEmpty || url.path == "/" ? nil : String(url.path.dropFirst())
let postgresPort = url.port ?? 5432
var configuration: PostgresClient.Configuration
if let socket = query["host"], socket.hasPrefix("/") {
    configuration = .init(unixSocketPath: "\(socket)/.s.PGSQL.\(postgresPort)", username: user, password: url.password, database: database)
} else {
    configuration = .init(
        host: url.host ?? "127.0.0.1", port: postgresPort, username: user, password: url.password, database: database, tls: .disable)
}
configuration.options.maximumConnections = 20
let client = PostgresClient(configuration: configuration, backgroundLogger: logger)

let router = Router()
router.get("**") { request, _ -> String in
    let parameters = request.uri.queryParameters
    let id = parameters["id"].map(String.init) ?? UUID().uuidString
    let from = parameters["from"].map(String.init) ?? ""
    let text = parameters["text"].map(String.init) ?? ""
    let now = Date().timeIntervalSince1970
    try await client.query(
        "INSERT INTO ceiling_inbound (message_id, sender, text, received_at) VALUES (\(id), \(from), \(text), \(now)) ON CONFLICT DO NOTHING",
        logger: logger)
    return "ok\n"
}
var app = Application(
    router: router, configuration: .init(address: .hostname("127.0.0.1", port: port)), logger: logger)
app.addServices(client)
app.beforeServerStarts {
    try await client.query(
        """
        CREATE TABLE IF NOT EXISTS ceiling_inbound (
            id BIGSERIAL PRIMARY KEY, message_id TEXT NOT NULL UNIQUE, sender TEXT NOT NULL,
            text TEXT NOT NULL, received_at DOUBLE PRECISION NOT NULL)
        """, logger: logger)
}
try await app.runService()
