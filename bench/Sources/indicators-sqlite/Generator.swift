import Foundation
import GRDB
import GRDBSQLite
import SQLiteStore
import TrustCore

/// Builds the benchmark database: the real schema (SQLiteStore runs the migrations), then every
/// network's `NetworkPlan` bulk-inserted with raw SQL, many networks per transaction.
enum Generator {
    /// Bump when `NetworkPlan` changes, so that an old file is rebuilt rather than reused.
    static let version = "indicators-v1"
    static let networksPerTransaction = 200

    /// What a finished file holds, read from its `bench_indicators` row.
    struct Stamp {
        let networks: Int
        let rows: Int
    }

    /// The stamp of a finished file made by this generator version, nil when absent or different.
    static func stamp(path: String) -> Stamp? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        var configuration = Configuration()
        configuration.readonly = true
        guard let queue = try? DatabaseQueue(path: path, configuration: configuration),
            let row = try? queue.read({ db in
                try Row.fetchOne(db, sql: "SELECT networks, rows FROM bench_indicators WHERE generator = ?", arguments: [version])
            })
        else { return nil }
        return Stamp(networks: row["networks"], rows: row["rows"])
    }

    /// Creates `path` with `networks` networks (removing an older file first); returns the rows written.
    static func generate(path: String, networks: Int) throws -> Int {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        do { _ = try SQLiteStore(path: path) }  // the real schema, by the product's own migrations; closed again here

        var configuration = Configuration()
        configuration.foreignKeysEnabled = false
        configuration.prepareDatabase { db in
            // A throw-away file: no fsync while filling it (durability is not what is measured here).
            try db.execute(sql: "PRAGMA synchronous = OFF; PRAGMA cache_size = -262144")
        }
        let queue = try DatabaseQueue(path: path, configuration: configuration)
        var rows = 0
        var first = 1
        while first <= networks {
            let last = min(networks, first + networksPerTransaction - 1)
            rows += try queue.write { db in
                let writer = try PlanWriter(db)
                var rows = 0
                for number in first...last { rows += try writer.insert(NetworkPlan(number: number)) }
                return rows
            }
            if last % 1000 == 0 || last == networks {
                FileHandle.standardError.write(Data("generated \(last)/\(networks) networks, \(rows) rows\n".utf8))
            }
            first = last + 1
        }
        try queue.write { db in
            try db.execute(sql: "CREATE TABLE bench_indicators (generator TEXT NOT NULL, networks INTEGER NOT NULL, rows INTEGER NOT NULL)")
            try db.execute(sql: "INSERT INTO bench_indicators VALUES (?, ?, ?)", arguments: [version, networks, rows])
        }
        try queue.writeWithoutTransaction { db in
            try db.execute(sql: "ANALYZE")
            try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)")
        }
        return rows
    }
}

/// Prepared INSERTs for one transaction.
private struct PlanWriter {
    let network, member, meeting, attendance, contribution, rating, event, project: Insert
    static let createdAt = Date(timeIntervalSince1970: 1_748_736_000).timeIntervalSince1970  // 2025-06-01
    /// `YYYY-MM-DD` of every day the plans use, formatted once (`LocalDate.iso` formats with
    /// `String(format:)`, which was a third of the generation time).
    static let days: [Int: String] = {
        let first = LocalDate(year: 2025, month: 1, day: 1)!.dayNumber
        return Dictionary(uniqueKeysWithValues: (first..<first + 3 * 366).map { ($0, LocalDate(dayNumber: $0).iso) })
    }()

    static func text(_ day: LocalDate) -> String { days[day.dayNumber] ?? day.iso }

    init(_ db: Database) throws {
        network = try Insert(db, "INSERT INTO network (id, code, name, time_zone, created_at) VALUES (?, ?, ?, ?, ?)")
        member = try Insert(
            db, "INSERT INTO member (id, network_id, phone, name, gender, roster, role, active, joined_on) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
        meeting = try Insert(db, "INSERT INTO meeting (id, network_id, kind, date, has_list, registered_by) VALUES (?, ?, ?, ?, ?, ?)")
        attendance = try Insert(db, "INSERT INTO attendance (meeting_id, member_id, present, source) VALUES (?, ?, ?, ?)")
        contribution = try Insert(
            db, "INSERT INTO contribution (network_id, member_id, amount_cents, reported_on, status, decided_on) VALUES (?, ?, ?, ?, ?, ?)")
        rating = try Insert(db, "INSERT INTO rating (network_id, member_id, indicator, score, rated_on, meeting_id) VALUES (?, ?, ?, ?, ?, ?)")
        event = try Insert(db, "INSERT INTO social_event (network_id, number, title, planned_on, held_on, attendees) VALUES (?, ?, ?, ?, ?, ?)")
        project = try Insert(
            db, "INSERT INTO joint_project (network_id, number, title, total_cents, own_cents, started_on, closed_on) VALUES (?, ?, ?, ?, ?, ?, ?)")
    }

    /// Inserts one network's year; returns the rows written.
    func insert(_ plan: NetworkPlan) throws -> Int {
        let id = Int64(plan.number)
        try network.run(.int(id), .text(plan.code), .text("Red \(plan.number)"), .text("America/Lima"), .real(PlanWriter.createdAt))
        for m in plan.members {
            try member.run(
                .int(m.id), .int(id), .text(String(format: "+519%05d%03d", plan.number, m.roster)), .text("Socio \(m.roster)"),
                .optionalText(m.gender?.rawValue), .int(Int64(m.roster)), .text(m.role.rawValue), .bool(m.active), .text(PlanWriter.text(m.joinedOn)))
        }
        let presidente = plan.members[0].id
        for m in plan.meetings {
            try meeting.run(.int(m.id), .int(id), .text(m.kind.rawValue), .text(PlanWriter.text(m.date)), .bool(m.hasList), .int(presidente))
            let source = m.hasList ? AttendanceSource.list.rawValue : AttendanceSource.member.rawValue
            for mark in m.marks { try attendance.run(.int(m.id), .int(mark.member), .bool(mark.present), .text(source)) }
        }
        for c in plan.contributions {
            try contribution.run(
                .int(id), .int(c.member), .int(Int64(c.cents)), .text(PlanWriter.text(c.reportedOn)), .text(c.status.rawValue),
                .optionalText(c.decidedOn.map(PlanWriter.text)))
        }
        for r in plan.ratings {
            try rating.run(
                .int(id), .int(r.member), .text(r.indicator.rawValue), .int(Int64(r.score)), .text(PlanWriter.text(r.ratedOn)),
                r.meeting.map { .int($0) } ?? .null)
        }
        for e in plan.events {
            let attendees = e.attendees.map { "[" + $0.map(String.init).joined(separator: ",") + "]" }
            try event.run(
                .int(id), .int(Int64(e.number)), .text("Faena \(e.number)"), .text(PlanWriter.text(e.plannedOn)), .optionalText(e.heldOn.map(PlanWriter.text)),
                .optionalText(attendees))
        }
        for p in plan.projects {
            try project.run(
                .int(id), .int(Int64(p.number)), .text("Proyecto \(p.number)"), .int(Int64(p.totalCents)), .int(Int64(p.ownCents)),
                .text(PlanWriter.text(p.startedOn)), .optionalText(p.closedOn.map(PlanWriter.text)))
        }
        return 1 + plan.rowCount
    }
}

/// One prepared INSERT, bound and stepped through the SQLite C API: GRDB's per-row `StatementArguments`
/// boxing was most of the generation time, and these rows are plain integers and short texts.
private struct Insert {
    enum Value {
        case int(Int64), real(Double), text(String), null

        static func bool(_ flag: Bool) -> Value { .int(flag ? 1 : 0) }
        static func optionalText(_ text: String?) -> Value { text.map { .text($0) } ?? .null }
    }

    let statement: Statement
    let sql: String

    init(_ db: Database, _ sql: String) throws {
        statement = try db.makeStatement(sql: sql)
        self.sql = sql
    }

    func run(_ values: Value...) throws {
        let handle = statement.sqliteStatement
        for (offset, value) in values.enumerated() {
            let index = Int32(offset + 1)
            switch value {
            case .int(let number): sqlite3_bind_int64(handle, index, number)
            case .real(let number): sqlite3_bind_double(handle, index, number)
            case .text(let text): sqlite3_bind_text(handle, index, text, -1, sqliteTransient)
            case .null: sqlite3_bind_null(handle, index)
            }
        }
        let code = sqlite3_step(handle)
        sqlite3_reset(handle)
        guard code == SQLITE_DONE else {
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: "insert failed", sql: sql)
        }
    }
}

/// SQLite copies the bound text before `sqlite3_bind_text` returns (the C macro SQLITE_TRANSIENT).
private let sqliteTransient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
