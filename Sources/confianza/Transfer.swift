import ArgumentParser
import Engine
import Foundation
import PostgresStore
import SQLiteStore

/// `confianza transfer --from sqlite:PATH --to postgres://…`: moves an installation to PostgreSQL.
struct Transfer: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Copy every table of a SQLite installation into a new, empty PostgreSQL database.",
        discussion: """
            Stop the server first. The target is migrated, must be empty, and is filled in one transaction \
            (ids kept, sequences moved on); the rows of every table are then counted on both sides and printed. \
            Exits non-zero when the target is not empty or any count differs.
            """)

    @Option(help: "Source database: sqlite:PATH.") var from: String
    @Option(help: "Target database: postgres://user[:password]@host[:port]/database.") var to: String

    func run() async throws {
        guard from.hasPrefix("sqlite:") else { throw ValidationError("--from must be sqlite:PATH") }
        guard to.hasPrefix("postgres://") || to.hasPrefix("postgresql://") else { throw ValidationError("--to must be postgres://…") }
        let path = String(from.dropFirst("sqlite:".count))
        // SQLiteStore(path:) would create a missing file: a typo must not transfer an empty installation.
        guard FileManager.default.fileExists(atPath: path) else { throw ValidationError("no SQLite database at \(path)") }
        let dump = try await SQLiteStore(path: path).dump()
        let target = try PostgresStore(url: to, maximumConnections: 2, connectionWait: .seconds(10))
        let counts: [TransferCount]
        do {
            counts = try await withThrowingTaskGroup(of: Void.self, returning: [TransferCount].self) { group in
                group.addTask { try await target.run() }
                defer { group.cancelAll() }
                return try await target.transfer(dump)
            }
        } catch let error as StoreTransferError {
            FileHandle.standardError.write(Data("transfer refused: \(error.message)\n".utf8))
            throw ExitCode.failure
        }
        let width = counts.map(\.table.count).max() ?? 0
        print("table".padding(toLength: width, withPad: " ", startingAt: 0) + "  source  target")
        for count in counts {
            let mark = count.source == count.target ? "" : "  MISMATCH"
            print(count.table.padding(toLength: width, withPad: " ", startingAt: 0)
                + "  " + pad(count.source) + "  " + pad(count.target) + mark)
        }
        let mismatches = counts.filter { $0.source != $0.target }
        guard mismatches.isEmpty else {
            FileHandle.standardError.write(Data("transfer FAILED: \(mismatches.count) table(s) differ\n".utf8))
            throw ExitCode.failure
        }
        print("transfer complete: \(counts.reduce(0) { $0 + $1.target }) rows in \(counts.count) tables; serve with --database on the new URL")
    }

    private func pad(_ number: Int) -> String {
        let text = String(number)
        return String(repeating: " ", count: max(0, 6 - text.count)) + text
    }
}
