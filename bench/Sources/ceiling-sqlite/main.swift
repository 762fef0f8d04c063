import Foundation
import GRDB
import Hummingbird
import Logging

// Ceiling 2: Hummingbird + one SQLite insert per request, each its own transaction, WAL with
// synchronous=FULL (one fsync per request): what a webhook costs with no batching and no logic.
//   ceiling-sqlite PORT DATABASE_FILE
let arguments = Array(CommandLine.arguments.dropFirst())
let port = arguments.first.flatMap { Int($0) } ?? 8092
let path = arguments.count > 1 ? arguments[1] : NSTemporaryDirectory() + "ceiling-sqlite.sqlite"
var logger = Logger(label: "ceiling-sqlite")
logger.logLevel = .warning

var configuration = Configuration()
configuration.prepareDatabase { db in
    try db.execute(sql: "PRAGMA synchronous = FULL")
}
let pool = try DatabasePool(path: path, configuration: configuration)  // DatabasePool is always WAL
try await pool.write { db in
    try db.execute(
        sql: """
            CREATE TABLE IF NOT EXISTS inbound(
                id INTEGER PRIMARY KEY, message_id TEXT NOT NULL UNIQUE, sender TEXT NOT NULL,
                text TEXT NOT NULL, received_at REAL NOT NULL)
            """)
}

let router = Router()
router.get("**") { request, _ -> String in
    let query = request.uri.queryParameters
    let id = query["id"].map(String.init) ?? UUID().uuidString
    let from = query["from"].map(String.init) ?? ""
    let text = query["text"].map(String.init) ?? ""
    try await pool.write { db in
        try db.execute(
            sql: "INSERT OR IGNORE INTO inbound(message_id, sender, text, received_at) VALUES (?, ?, ?, ?)",
            arguments: [id, from, text, Date().timeIntervalSince1970])
    }
    return "ok\n"
}
let app = Application(
    router: router, configuration: .init(address: .hostname("127.0.0.1", port: port)), logger: logger)
try await app.runService()
