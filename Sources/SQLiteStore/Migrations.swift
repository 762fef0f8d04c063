import GRDB

/// Named, append-only schema migrations. Never edit a shipped migration: add a new one.
enum Migrations {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1 roster, records, messages, outbox") { db in
            try db.execute(sql: """
                CREATE TABLE network (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    code TEXT NOT NULL UNIQUE,
                    name TEXT NOT NULL,
                    time_zone TEXT NOT NULL,
                    stage_override TEXT,
                    plan_started_on TEXT,
                    created_at REAL NOT NULL
                );
                CREATE TABLE member (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    network_id INTEGER NOT NULL REFERENCES network(id),
                    phone TEXT,
                    name TEXT NOT NULL,
                    gender TEXT,
                    roster INTEGER NOT NULL,
                    role TEXT NOT NULL,
                    active INTEGER NOT NULL DEFAULT 1,
                    language TEXT NOT NULL DEFAULT 'es',
                    opted_out INTEGER NOT NULL DEFAULT 0,
                    joined_on TEXT NOT NULL,
                    UNIQUE (network_id, roster),
                    UNIQUE (network_id, phone)
                );
                CREATE INDEX member_phone ON member(phone);
                CREATE TABLE meeting (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    network_id INTEGER NOT NULL REFERENCES network(id),
                    kind TEXT NOT NULL,
                    date TEXT NOT NULL,
                    has_list INTEGER NOT NULL,
                    registered_by INTEGER
                );
                CREATE INDEX meeting_network_date ON meeting(network_id, date);
                CREATE TABLE attendance (
                    meeting_id INTEGER NOT NULL REFERENCES meeting(id) ON DELETE CASCADE,
                    member_id INTEGER NOT NULL REFERENCES member(id),
                    present INTEGER NOT NULL,
                    source TEXT NOT NULL,
                    PRIMARY KEY (meeting_id, member_id)
                );
                CREATE TABLE social_event (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    network_id INTEGER NOT NULL REFERENCES network(id),
                    number INTEGER NOT NULL,
                    title TEXT NOT NULL,
                    planned_on TEXT NOT NULL,
                    held_on TEXT,
                    attendees TEXT,
                    UNIQUE (network_id, number)
                );
                CREATE TABLE contribution (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    network_id INTEGER NOT NULL REFERENCES network(id),
                    member_id INTEGER NOT NULL REFERENCES member(id),
                    amount_cents INTEGER NOT NULL CHECK (amount_cents > 0),
                    reported_on TEXT NOT NULL,
                    status TEXT NOT NULL,
                    decided_on TEXT
                );
                CREATE INDEX contribution_network_day ON contribution(network_id, reported_on);
                CREATE TABLE rating (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    network_id INTEGER NOT NULL REFERENCES network(id),
                    member_id INTEGER NOT NULL REFERENCES member(id),
                    indicator TEXT NOT NULL,
                    score INTEGER NOT NULL CHECK (score BETWEEN 1 AND 5),
                    rated_on TEXT NOT NULL,
                    meeting_id INTEGER
                );
                CREATE INDEX rating_network_day ON rating(network_id, rated_on);
                CREATE TABLE joint_project (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    network_id INTEGER NOT NULL REFERENCES network(id),
                    number INTEGER NOT NULL,
                    title TEXT NOT NULL,
                    total_cents INTEGER NOT NULL,
                    own_cents INTEGER NOT NULL,
                    started_on TEXT NOT NULL,
                    closed_on TEXT,
                    UNIQUE (network_id, number)
                );
                CREATE TABLE inbound_message (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    gateway TEXT NOT NULL,
                    message_id TEXT NOT NULL,
                    sender TEXT NOT NULL,
                    recipient TEXT NOT NULL,
                    text TEXT NOT NULL,
                    received_at REAL NOT NULL,
                    processed_at REAL NOT NULL,
                    replies TEXT NOT NULL,
                    outcome TEXT NOT NULL,
                    UNIQUE (gateway, message_id)
                );
                CREATE TABLE conversation_state (
                    phone TEXT PRIMARY KEY,
                    state BLOB NOT NULL,
                    updated_at REAL NOT NULL
                );
                CREATE TABLE unknown_notice (
                    phone TEXT NOT NULL,
                    day TEXT NOT NULL,
                    PRIMARY KEY (phone, day)
                );
                CREATE TABLE outbox (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    recipient TEXT NOT NULL,
                    text TEXT NOT NULL,
                    encoding TEXT NOT NULL,
                    segments INTEGER NOT NULL,
                    gateway TEXT NOT NULL,
                    kind TEXT NOT NULL,
                    network_id INTEGER,
                    status TEXT NOT NULL,
                    attempts INTEGER NOT NULL DEFAULT 0,
                    not_before REAL NOT NULL,
                    lease_until REAL,
                    gateway_id TEXT,
                    last_error TEXT,
                    created_at REAL NOT NULL,
                    updated_at REAL NOT NULL
                );
                CREATE INDEX outbox_due ON outbox(status, not_before);
                CREATE INDEX outbox_gateway_id ON outbox(gateway_id);
                CREATE TABLE summary_sent (
                    network_id INTEGER NOT NULL,
                    week TEXT NOT NULL,
                    recipient TEXT NOT NULL,
                    sent_at REAL NOT NULL,
                    PRIMARY KEY (network_id, week, recipient)
                );
                """)
        }
        migrator.registerMigration("v2 dashboard users, sessions, API tokens", migrate: dashboard)
        // A socio's message reads that socio's own contributions (`RecordScope.member`): by member, not by network.
        migrator.registerMigration("v3 contributions by member") { db in
            try db.execute(sql: "CREATE INDEX contribution_member_day ON contribution(member_id, reported_on)")
        }
        return migrator
    }
}
