import Engine
import Foundation
import GRDB

extension SQLiteStore {
    /// Reads every table of `StoreTables.all` in one snapshot (for `confianza transfer`).
    /// Throws when the file's tables or columns differ from that list, so that a table added by a
    /// migration but not to the list is never left behind silently.
    public func dump() async throws -> StoreDump {
        try await writer.read { db in
            let migrations = try Migrations.migrator.appliedMigrations(db)
            try Self.checkSchema(db)
            var tables: [TableRows] = []
            for table in StoreTables.all {
                let columns = table.columns.map { "\"\($0.name)\"" }.joined(separator: ", ")
                let order = table.orderBy.map { "\"\($0)\"" }.joined(separator: ", ")
                let rows = try Row.fetchAll(db, sql: "SELECT \(columns) FROM \"\(table.name)\" ORDER BY \(order)").map { row in
                    (0..<table.columns.count).map { Self.value(row[$0] as DatabaseValue) }
                }
                var lastID: Int64?
                if table.hasIDSequence {
                    let sequence = try Int64.fetchOne(db, sql: "SELECT seq FROM sqlite_sequence WHERE name = ?", arguments: [table.name])
                    let largest = try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM \"\(table.name)\"")
                    lastID = [sequence, largest].compactMap { $0 }.max()
                }
                tables.append(TableRows(table: table, rows: rows, lastID: lastID))
            }
            return StoreDump(migrations: migrations, tables: tables)
        }
    }

    private static func checkSchema(_ db: Database) throws {
        let present = try String.fetchAll(
            db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name != 'grdb_migrations'")
        let known = Set(StoreTables.all.map(\.name))
        let unknown = Set(present).subtracting(known)
        guard unknown.isEmpty else {
            throw StoreTransferError("the SQLite file has tables this build cannot copy: \(unknown.sorted().joined(separator: ", "))")
        }
        for table in StoreTables.all {
            let columns = try Row.fetchAll(db, sql: "PRAGMA table_info(\"\(table.name)\")").map { $0["name"] as String }
            guard Set(columns) == Set(table.columns.map(\.name)) else {
                throw StoreTransferError("table \(table.name) in the SQLite file has other columns than this build copies")
            }
        }
    }

    private static func value(_ value: DatabaseValue) -> StoredValue {
        switch value.storage {
        case .null: .null
        case .int64(let number): .integer(number)
        case .double(let number): .real(number)
        case .string(let text): .text(text)
        case .blob(let data): .blob(data)
        }
    }
}
