import PostgresNIO

/// A failure of the PostgreSQL store. `description` names the code, the operation and the SQLSTATE
/// only (never a phone number, a message text or a bound value); `debugDescription` adds the
/// underlying error with PostgreSQL's own detail.
public struct PostgresStoreError: Error, CustomStringConvertible, CustomDebugStringConvertible {
    /// What kind of failure it is.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Hashable, Sendable {
            case invalidURL = "invalid_url"
            case unavailable
            case duplicate
            case notFound = "not_found"
            case transactionAborted = "transaction_aborted"
            case query
            case migration
        }

        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// The database URL could not be understood.
        public static let invalidURL = Code(.invalidURL)
        /// No connection to the database (down, unreachable, pool exhausted past the wait limit):
        /// the web layer answers 503 so that the gateway retries.
        public static let unavailable = Code(.unavailable)
        /// A row with this unique key already exists (an inbound message processed before).
        public static let duplicate = Code(.duplicate)
        /// The row a change refers to does not exist.
        public static let notFound = Code(.notFound)
        /// A statement failed outside a savepoint, so PostgreSQL refused the commit.
        public static let transactionAborted = Code(.transactionAborted)
        /// PostgreSQL rejected a statement (constraint, syntax, serialisation, …).
        public static let query = Code(.query)
        /// The schema could not be brought up to date.
        public static let migration = Code(.migration)

        /// Short, bounded label (usable as a metric label).
        public var description: String { base.rawValue }
    }

    /// The kind of failure.
    public var code: Code
    /// What the store was doing (`insert_inbound`, `claim_outbound`, …).
    public var operation: String
    /// Human explanation without private data.
    public var message: String
    /// PostgreSQL's SQLSTATE when the server reported the error (`23505` …).
    public var sqlState: String?
    /// PostgreSQL's constraint name, when a constraint failed.
    public var constraint: String?
    /// The underlying error.
    public var cause: (any Error)?

    /// - Parameters:
    ///   - code: the kind of failure.
    ///   - operation: what the store was doing.
    ///   - message: explanation without private data.
    ///   - cause: the underlying error.
    public init(_ code: Code, operation: String, message: String, cause: (any Error)? = nil) {
        self.code = code
        self.operation = operation
        self.message = message
        self.cause = cause
        if let psql = cause as? PSQLError {
            sqlState = psql.serverInfo?[.sqlState]
            constraint = psql.serverInfo?[.constraintName]
        }
    }

    /// Classifies an error from postgres-nio: a server error is a query failure (a unique
    /// violation a duplicate); anything about the connection makes the store unavailable.
    init(wrapping error: any Error, operation: String) {
        if let already = error as? PostgresStoreError {
            self = already
            return
        }
        guard let psql = error as? PSQLError else {
            self.init(.query, operation: operation, message: "database call failed", cause: error)
            return
        }
        switch psql.code {
        case .server:
            let state = psql.serverInfo?[.sqlState]
            if state == "23505" {
                self.init(.duplicate, operation: operation, message: "unique key already present", cause: error)
            } else if let state, state.hasPrefix("08") || state.hasPrefix("57P") {
                self.init(.unavailable, operation: operation, message: "database connection lost", cause: error)
            } else {
                self.init(.query, operation: operation, message: "statement rejected", cause: error)
            }
        case .queryCancelled:
            self.init(.query, operation: operation, message: "statement cancelled", cause: error)
        default:
            self.init(.unavailable, operation: operation, message: "database unreachable (\(psql.code))", cause: error)
        }
    }

    /// Short, bounded label (usable as a metric label).
    public var shortDescription: String { code.description }

    public var description: String {
        var text = "PostgresStoreError.\(code) in \(operation): \(message)"
        if let sqlState { text += " [SQLSTATE \(sqlState)]" }
        if let constraint { text += " [constraint \(constraint)]" }
        return text
    }

    public var debugDescription: String {
        guard let cause else { return description }
        return description + " — cause: " + String(reflecting: cause)
    }
}
