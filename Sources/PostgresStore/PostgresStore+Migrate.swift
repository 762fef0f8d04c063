import PostgresNIO

extension PostgresStore {
    /// Session advisory lock key (two-int form, a key space apart from the per-phone locks) that
    /// serialises migrations between instances starting at once.
    static let migrationLock: (Int32, Int32) = (0x436F_6E66, 1)  // "Conf", 1

    /// Applies pending migrations in order, each in its own transaction, under an advisory lock:
    /// a second instance starting at the same time waits, then finds nothing left to do.
    /// Fails when the database holds migrations this build does not know (a newer version ran).
    public func migrate() async throws {
        try await withConnection(operation: "migrate") { connection in
            let tx = PostgresTransaction(connection: connection, logger: self.logger, readOnly: false)
            let (key1, key2) = Self.migrationLock
            try await tx.execute("SELECT pg_advisory_lock(\(key1), \(key2))", "migrate")
            do {
                try await Self.applyPending(tx)
            } catch {
                await Self.unlock(tx, key1, key2)
                throw error
            }
            await Self.unlock(tx, key1, key2)
        }
    }

    /// Names of the applied migrations, oldest first (empty before the first `migrate()`).
    public func appliedMigrations() async throws -> [String] {
        try await withConnection(operation: "applied_migrations") { connection in
            let tx = PostgresTransaction(connection: connection, logger: self.logger, readOnly: true)
            let exists = try await tx.rows("SELECT to_regclass('schema_migrations') IS NOT NULL AS present", "applied_migrations")
            guard try exists.first?["present"].decode(Bool.self) == true else { return [] }
            return try await tx.rows("SELECT name FROM schema_migrations ORDER BY position", "applied_migrations")
                .map { try $0["name"].decode(String.self) }
        }
    }

    private static func applyPending(_ tx: PostgresTransaction) async throws {
        try await tx.execute(
            """
            CREATE TABLE IF NOT EXISTS schema_migrations (
                position INTEGER PRIMARY KEY,
                name TEXT NOT NULL UNIQUE,
                applied_at TIMESTAMPTZ NOT NULL DEFAULT now()
            )
            """, "migrate")
        let applied = try await tx.rows("SELECT name FROM schema_migrations ORDER BY position", "migrate")
            .map { try $0["name"].decode(String.self) }
        let known = PostgresMigrations.all.map(\.name)
        guard applied.count <= known.count, Array(known.prefix(applied.count)) == applied else {
            throw PostgresStoreError(
                .migration, operation: "migrate",
                message: "the database has migrations this build does not know (\(applied.count) applied, \(known.count) known)")
        }
        for (position, migration) in PostgresMigrations.all.enumerated().dropFirst(applied.count) {
            try await tx.execute("BEGIN", "migrate")
            do {
                for statement in migration.statements {
                    try await tx.execute(PostgresQuery(unsafeSQL: statement), "migrate")
                }
                try await tx.execute(
                    "INSERT INTO schema_migrations (position, name) VALUES (\(position + 1), \(migration.name))", "migrate")
                try await tx.execute("COMMIT", "migrate")
            } catch {
                await tx.rollback()
                throw PostgresStoreError(.migration, operation: "migrate", message: "migration \(position + 1) failed", cause: error)
            }
        }
    }

    private static func unlock(_ tx: PostgresTransaction, _ key1: Int32, _ key2: Int32) async {
        do {
            try await tx.execute("SELECT pg_advisory_unlock(\(key1), \(key2))", "migrate")
        } catch {
            // A session lock dies with its connection.
            try? await tx.connection.close()
        }
    }
}
