import GRDB

/// The ceiling: one raw aggregate pass, GROUP BY network, over every table the indicators read —
/// each row read once, the least any computation of all networks' indicators must do.
enum Ceiling {
    /// What the pass read: rows aggregated and a checksum of the sums (so nothing is optimised away).
    struct Outcome {
        var rows = 0
        var groups = 0
        var checksum: Int64 = 0
    }

    static let queries = [
        "SELECT id, 1, length(code) FROM network",
        "SELECT network_id, count(*), sum(active) + sum(gender = 'F') + sum(role = 'articulador') FROM member GROUP BY network_id",
        "SELECT network_id, count(*), sum(kind = 'extraordinary') + sum(has_list) FROM meeting GROUP BY network_id",
        // Attendance has no network column: reach it through its meetings, as the product does.
        """
        SELECT m.network_id, count(*), sum(a.present) + sum(a.source = 'list')
        FROM meeting m JOIN attendance a ON a.meeting_id = m.id GROUP BY m.network_id
        """,
        """
        SELECT network_id, count(*), sum(amount_cents) + sum(status = 'confirmed') + sum(julianday(decided_on) - julianday(reported_on) <= 7)
        FROM contribution GROUP BY network_id
        """,
        "SELECT network_id, count(*), sum(score) + sum(indicator = 'q1') FROM rating GROUP BY network_id",
        "SELECT network_id, count(*), count(held_on) + sum(length(attendees)) FROM social_event GROUP BY network_id",
        "SELECT network_id, count(*), sum(own_cents) + sum(total_cents) + count(closed_on) FROM joint_project GROUP BY network_id",
    ]

    /// Runs every query of `queries` over the file at `path`.
    static func run(path: String) throws -> Outcome {
        var configuration = Configuration()
        configuration.readonly = true
        let queue = try DatabaseQueue(path: path, configuration: configuration)
        return try queue.read { db in
            var outcome = Outcome()
            for sql in queries {
                let cursor = try Row.fetchCursor(db, sql: sql)
                while let row = try cursor.next() {
                    outcome.groups += 1
                    outcome.rows += row[1] as Int
                    outcome.checksum &+= (row[2] as Int64?) ?? 0
                }
            }
            return outcome
        }
    }
}
