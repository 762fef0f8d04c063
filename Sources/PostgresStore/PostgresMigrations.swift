/// One named schema step. Never edit a shipped migration: append a new one.
struct PostgresMigration: Sendable {
    /// Unique name, recorded in `schema_migrations`.
    var name: String
    /// Statements run in order inside one transaction (one statement each: the extended query
    /// protocol takes no multi-statement strings).
    var statements: [String]
}

/// The ordered migrations. Same tables, columns and keys as SQLite's (`Migrations.swift` in
/// SQLiteStore) with PostgreSQL types: BIGSERIAL ids, DATE days, DOUBLE PRECISION instants (seconds
/// since 1970, so instants round-trip exactly as in SQLite), BYTEA state, arrays for lists.
enum PostgresMigrations {
    static let all: [PostgresMigration] = [v1, v2, v3]

    static let v1 = PostgresMigration(
        name: "v1 roster, records, messages, outbox",
        statements: [
            """
            CREATE TABLE network (
                id BIGSERIAL PRIMARY KEY,
                code TEXT NOT NULL UNIQUE,
                name TEXT NOT NULL,
                time_zone TEXT NOT NULL,
                stage_override TEXT,
                plan_started_on DATE,
                created_at DOUBLE PRECISION NOT NULL
            )
            """,
            """
            CREATE TABLE member (
                id BIGSERIAL PRIMARY KEY,
                network_id BIGINT NOT NULL REFERENCES network(id),
                phone TEXT,
                name TEXT NOT NULL,
                gender TEXT,
                roster INTEGER NOT NULL,
                role TEXT NOT NULL,
                active BOOLEAN NOT NULL DEFAULT TRUE,
                language TEXT NOT NULL DEFAULT 'es',
                opted_out BOOLEAN NOT NULL DEFAULT FALSE,
                joined_on DATE NOT NULL,
                UNIQUE (network_id, roster),
                UNIQUE (network_id, phone)
            )
            """,
            "CREATE INDEX member_phone ON member(phone)",
            """
            CREATE TABLE meeting (
                id BIGSERIAL PRIMARY KEY,
                network_id BIGINT NOT NULL REFERENCES network(id),
                kind TEXT NOT NULL,
                date DATE NOT NULL,
                has_list BOOLEAN NOT NULL,
                registered_by BIGINT
            )
            """,
            "CREATE INDEX meeting_network_date ON meeting(network_id, date)",
            """
            CREATE TABLE attendance (
                meeting_id BIGINT NOT NULL REFERENCES meeting(id) ON DELETE CASCADE,
                member_id BIGINT NOT NULL REFERENCES member(id),
                present BOOLEAN NOT NULL,
                source TEXT NOT NULL,
                PRIMARY KEY (meeting_id, member_id)
            )
            """,
            """
            CREATE TABLE social_event (
                id BIGSERIAL PRIMARY KEY,
                network_id BIGINT NOT NULL REFERENCES network(id),
                number INTEGER NOT NULL,
                title TEXT NOT NULL,
                planned_on DATE NOT NULL,
                held_on DATE,
                attendees BIGINT[],
                UNIQUE (network_id, number)
            )
            """,
            """
            CREATE TABLE contribution (
                id BIGSERIAL PRIMARY KEY,
                network_id BIGINT NOT NULL REFERENCES network(id),
                member_id BIGINT NOT NULL REFERENCES member(id),
                amount_cents BIGINT NOT NULL CHECK (amount_cents > 0),
                reported_on DATE NOT NULL,
                status TEXT NOT NULL,
                decided_on DATE
            )
            """,
            "CREATE INDEX contribution_network_day ON contribution(network_id, reported_on)",
            """
            CREATE TABLE rating (
                id BIGSERIAL PRIMARY KEY,
                network_id BIGINT NOT NULL REFERENCES network(id),
                member_id BIGINT NOT NULL REFERENCES member(id),
                indicator TEXT NOT NULL,
                score INTEGER NOT NULL CHECK (score BETWEEN 1 AND 5),
                rated_on DATE NOT NULL,
                meeting_id BIGINT
            )
            """,
            "CREATE INDEX rating_network_day ON rating(network_id, rated_on)",
            """
            CREATE TABLE joint_project (
                id BIGSERIAL PRIMARY KEY,
                network_id BIGINT NOT NULL REFERENCES network(id),
                number INTEGER NOT NULL,
                title TEXT NOT NULL,
                total_cents BIGINT NOT NULL,
                own_cents BIGINT NOT NULL,
                started_on DATE NOT NULL,
                closed_on DATE,
                UNIQUE (network_id, number)
            )
            """,
            """
            CREATE TABLE inbound_message (
                id BIGSERIAL PRIMARY KEY,
                gateway TEXT NOT NULL,
                message_id TEXT NOT NULL,
                sender TEXT NOT NULL,
                recipient TEXT NOT NULL,
                text TEXT NOT NULL,
                received_at DOUBLE PRECISION NOT NULL,
                processed_at DOUBLE PRECISION NOT NULL,
                replies TEXT[] NOT NULL,
                outcome TEXT NOT NULL,
                UNIQUE (gateway, message_id)
            )
            """,
            """
            CREATE TABLE conversation_state (
                phone TEXT PRIMARY KEY,
                state BYTEA NOT NULL,
                updated_at DOUBLE PRECISION NOT NULL
            )
            """,
            """
            CREATE TABLE unknown_notice (
                phone TEXT NOT NULL,
                day DATE NOT NULL,
                PRIMARY KEY (phone, day)
            )
            """,
            """
            CREATE TABLE outbox (
                id BIGSERIAL PRIMARY KEY,
                recipient TEXT NOT NULL,
                text TEXT NOT NULL,
                encoding TEXT NOT NULL,
                segments INTEGER NOT NULL,
                gateway TEXT NOT NULL,
                kind TEXT NOT NULL,
                network_id BIGINT,
                status TEXT NOT NULL,
                attempts INTEGER NOT NULL DEFAULT 0,
                not_before DOUBLE PRECISION NOT NULL,
                lease_until DOUBLE PRECISION,
                gateway_id TEXT,
                last_error TEXT,
                created_at DOUBLE PRECISION NOT NULL,
                updated_at DOUBLE PRECISION NOT NULL
            )
            """,
            "CREATE INDEX outbox_due ON outbox(status, not_before)",
            "CREATE INDEX outbox_gateway_id ON outbox(gateway_id)",
            """
            CREATE TABLE summary_sent (
                network_id BIGINT NOT NULL,
                week TEXT NOT NULL,
                recipient TEXT NOT NULL,
                sent_at DOUBLE PRECISION NOT NULL,
                PRIMARY KEY (network_id, week, recipient)
            )
            """,
        ])

    /// Same as SQLite's v2 (`Migrations+Dashboard.swift`): users, sessions stored by a hash of the
    /// cookie, API tokens stored hashed, and indexes for reading the inbound log by time and sender.
    static let v2 = PostgresMigration(
        name: "v2 dashboard users, sessions, API tokens",
        statements: [
            """
            CREATE TABLE dashboard_user (
                id BIGSERIAL PRIMARY KEY,
                name TEXT NOT NULL UNIQUE,
                password_hash TEXT NOT NULL,
                role TEXT NOT NULL,
                phone TEXT,
                language TEXT NOT NULL DEFAULT 'es',
                created_at DOUBLE PRECISION NOT NULL
            )
            """,
            """
            CREATE TABLE dashboard_session (
                key TEXT PRIMARY KEY,
                data BYTEA NOT NULL,
                expires_at DOUBLE PRECISION
            )
            """,
            "CREATE INDEX dashboard_session_expiry ON dashboard_session(expires_at)",
            """
            CREATE TABLE api_token (
                id BIGSERIAL PRIMARY KEY,
                name TEXT NOT NULL UNIQUE,
                token_hash TEXT NOT NULL UNIQUE,
                created_at DOUBLE PRECISION NOT NULL
            )
            """,
            "CREATE INDEX inbound_message_received ON inbound_message(received_at)",
            "CREATE INDEX inbound_message_sender ON inbound_message(sender, received_at)",
        ])

    /// A socio's message reads that socio's own contributions (`RecordScope.member`): by member, not by network.
    static let v3 = PostgresMigration(
        name: "v3 contributions by member",
        statements: ["CREATE INDEX contribution_member_day ON contribution(member_id, reported_on)"])
}
