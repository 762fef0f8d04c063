import Engine
import Foundation
import PostgresNIO
import TrustCore

extension PostgresStore {
    /// Copies a whole installation (`confianza transfer`) into this database, which must be migrated
    /// to the same migrations as the source and hold no rows: all tables in ONE transaction, ids kept,
    /// each id sequence moved past the highest id the source handed out.
    /// - Parameter dump: the source's tables.
    /// - Throws: `StoreTransferError` when the schema differs or the target has rows (nothing written).
    public func load(_ dump: StoreDump) async throws {
        try await withConnection(operation: "load") { connection in
            let tx = PostgresTransaction(connection: connection, logger: self.logger, readOnly: false)
            try await tx.execute("BEGIN", "load")
            do {
                try await Self.copy(dump, tx)
            } catch {
                await tx.rollback()
                throw error
            }
            try await tx.execute("COMMIT", "load")
        }
    }

    /// Migrates this database, copies `dump` into it (`load`), then counts every table again after
    /// the commit. The caller decides what a mismatch means (the CLI exits non-zero).
    /// - Parameter dump: the source's tables.
    /// - Returns: source and target rows per table, in `StoreTables.all` order.
    public func transfer(_ dump: StoreDump) async throws -> [TransferCount] {
        try await migrate()
        try await load(dump)
        let counts = Dictionary(uniqueKeysWithValues: try await tableCounts().map { ($0.table, $0.rows) })
        return dump.tables.map { TransferCount(table: $0.table.name, source: $0.rows.count, target: counts[$0.table.name] ?? 0) }
    }

    /// Rows per table, in `StoreTables.all` order (for checking a copy).
    public func tableCounts() async throws -> [(table: String, rows: Int)] {
        try await read { tx in
            guard let tx = tx as? PostgresTransaction else { return [] }
            return try await Self.counts(tx)
        }
    }

    static func counts(_ tx: PostgresTransaction) async throws -> [(table: String, rows: Int)] {
        var counts: [(table: String, rows: Int)] = []
        for table in StoreTables.all {
            let row = try await tx.rows(PostgresQuery(unsafeSQL: "SELECT COUNT(*) AS n FROM \(table.name)"), "count")
            counts.append((table.name, try row.first?["n"].decode(Int.self) ?? 0))
        }
        return counts
    }

    private static func copy(_ dump: StoreDump, _ tx: PostgresTransaction) async throws {
        let applied = try await tx.rows("SELECT name FROM schema_migrations ORDER BY position", "load")
            .map { try $0["name"].decode(String.self) }
        guard applied == dump.migrations else {
            throw StoreTransferError(
                "the source has migrations \(dump.migrations) but the target \(applied): run the same confianza version on both")
        }
        // Nobody writes while we look and copy: a server started on the target waits for the commit.
        let names = StoreTables.all.map(\.name).joined(separator: ", ")
        try await tx.execute(PostgresQuery(unsafeSQL: "LOCK TABLE \(names) IN EXCLUSIVE MODE"), "load")
        let filled = try await counts(tx).filter { $0.rows > 0 }
        guard filled.isEmpty else {
            let list = filled.map { "\($0.table) (\($0.rows))" }.joined(separator: ", ")
            throw StoreTransferError("the target database is not empty: \(list); transfer only into a new database")
        }
        for rows in dump.tables {
            try await insert(rows, tx)
            if rows.table.hasIDSequence, let last = rows.lastID, last > 0 {
                // The next id is last + 1, as the source's AUTOINCREMENT would hand out.
                try await tx.execute(
                    "SELECT setval(pg_get_serial_sequence(\(rows.table.name), 'id'), \(last), true)", "load")
            }
        }
    }

    /// Multi-row INSERTs of a few hundred rows each, every value bound and cast to its column's type.
    private static func insert(_ rows: TableRows, _ tx: PostgresTransaction) async throws {
        let table = rows.table
        let columns = table.columns.map(\.name).joined(separator: ", ")
        let perStatement = max(1, 2000 / table.columns.count)
        var start = 0
        while start < rows.rows.count {
            let chunk = rows.rows[start..<min(start + perStatement, rows.rows.count)]
            var bindings = PostgresBindings(capacity: chunk.count * table.columns.count)
            var tuples: [String] = []
            for row in chunk {
                var placeholders: [String] = []
                for (column, value) in zip(table.columns, row) {
                    try bind(value, as: column, table: table.name, into: &bindings)
                    placeholders.append("$\(bindings.count)::\(sqlType(column.kind))")
                }
                tuples.append("(" + placeholders.joined(separator: ", ") + ")")
            }
            let sql = "INSERT INTO \(table.name) (\(columns)) VALUES " + tuples.joined(separator: ", ")
            try await tx.execute(PostgresQuery(unsafeSQL: sql, binds: bindings), "load_\(table.name)")
            start += perStatement
        }
    }

    private static func sqlType(_ kind: StoreTables.Kind) -> String {
        switch kind {
        case .integer: "BIGINT"
        case .real: "DOUBLE PRECISION"
        case .text: "TEXT"
        case .bool: "BOOLEAN"
        case .day: "DATE"
        case .blob: "BYTEA"
        case .textList: "TEXT[]"
        case .idList: "BIGINT[]"
        }
    }

    /// Converts one SQLite value to its PostgreSQL column type; a value that does not convert stops
    /// the copy (naming the table and column, not the value) rather than losing data.
    private static func bind(
        _ value: StoredValue, as column: StoreTables.Column, table: String, into bindings: inout PostgresBindings
    ) throws {
        func bad() -> StoreTransferError {
            StoreTransferError("a value of \(table).\(column.name) does not convert to PostgreSQL's \(sqlType(column.kind))")
        }
        switch (column.kind, value) {
        case (_, .null):
            bindings.appendNull()
        case (.integer, .integer(let number)):
            bindings.append(number)
        case (.real, .real(let number)):
            bindings.append(number)
        case (.real, .integer(let number)):
            bindings.append(Double(number))
        case (.text, .text(let text)):
            bindings.append(text)
        case (.bool, .integer(let number)):
            bindings.append(number != 0)
        case (.day, .text(let text)):
            guard let day = LocalDate(iso: text) else { throw bad() }
            bindings.append(PostgresDay(day))
        case (.blob, .blob(let data)):
            try bindings.append(data)
        case (.textList, .text(let json)):
            guard let list = try? JSONDecoder().decode([String].self, from: Data(json.utf8)) else { throw bad() }
            try bindings.append(list)
        case (.idList, .text(let json)):
            guard let list = try? JSONDecoder().decode([Int64].self, from: Data(json.utf8)) else { throw bad() }
            try bindings.append(list)
        default:
            throw bad()
        }
    }
}
