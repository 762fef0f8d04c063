import GRDB

extension Migrations {
    /// v2: dashboard users, sessions (stored by a hash of the cookie) and API tokens (stored hashed), and
    /// indexes for reading the inbound log by time and by sender.
    static func dashboard(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE dashboard_user (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                name TEXT NOT NULL UNIQUE,
                password_hash TEXT NOT NULL,
                role TEXT NOT NULL,
                phone TEXT,
                language TEXT NOT NULL DEFAULT 'es',
                created_at REAL NOT NULL
            );
            CREATE TABLE dashboard_session (
                key TEXT PRIMARY KEY,
                data BLOB NOT NULL,
                expires_at REAL
            );
            CREATE INDEX dashboard_session_expiry ON dashboard_session(expires_at);
            CREATE TABLE api_token (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                name TEXT NOT NULL UNIQUE,
                token_hash TEXT NOT NULL UNIQUE,
                created_at REAL NOT NULL
            );
            CREATE INDEX inbound_message_received ON inbound_message(received_at);
            CREATE INDEX inbound_message_sender ON inbound_message(sender, received_at);
            """)
    }
}
