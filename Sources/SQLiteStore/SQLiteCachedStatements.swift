import GRDB

// Every query of a unit of work goes through GRDB's per-connection statement cache. Preparing a statement is
// the expensive part of a small query here: GRDB's authorizer inspects every column at prepare time to compute
// the statement's database region, which costs more than running it (measured: about half the CPU of a webhook
// before this). A cached statement is prepared once per connection and only re-bound afterwards.

extension Row {
    /// All rows of `sql`, through the statement cache.
    static func cachedAll(_ db: Database, sql: String, arguments: StatementArguments = []) throws -> [Row] {
        try fetchAll(db.cachedStatement(sql: sql), arguments: arguments)
    }

    /// The first row of `sql`, through the statement cache.
    static func cachedOne(_ db: Database, sql: String, arguments: StatementArguments = []) throws -> Row? {
        try fetchOne(db.cachedStatement(sql: sql), arguments: arguments)
    }
}

extension DatabaseValueConvertible where Self: StatementColumnConvertible {
    /// All values of the first column of `sql`, through the statement cache.
    static func cachedAll(_ db: Database, sql: String, arguments: StatementArguments = []) throws -> [Self] {
        try fetchAll(db.cachedStatement(sql: sql), arguments: arguments)
    }

    /// The first column of the first row of `sql`, through the statement cache.
    static func cachedOne(_ db: Database, sql: String, arguments: StatementArguments = []) throws -> Self? {
        try fetchOne(db.cachedStatement(sql: sql), arguments: arguments)
    }
}

extension Database {
    /// Runs one statement through the statement cache.
    func cachedExecute(sql: String, arguments: StatementArguments = []) throws {
        try cachedStatement(sql: sql).execute(arguments: arguments)
    }
}
