import CSV
import Engine
import Foundation
import TrustCore

/// One problem in a members CSV, with its line number (the header is line 1).
public struct ImportProblem: Error, Sendable, Equatable, CustomStringConvertible {
    /// Line in the file.
    public var line: Int
    /// What is wrong, in plain words.
    public var message: String
    public var description: String { "line \(line): \(message)" }
}

/// What an import did, or would have done.
public struct MemberImportReport: Sendable, Equatable {
    /// Members added.
    public var imported: Int
    /// Network codes created on the way.
    public var createdNetworks: [String]
    /// Rows refused, with reasons.
    public var problems: [ImportProblem]
    /// True when nothing was written because of problems (without `--skip-bad`).
    public var aborted: Bool
}

/// Imports a roster from CSV: header `network,phone,name,role,gender,roster`, optional
/// `network_name,language`. Every row is checked first; when any row is bad nothing is imported,
/// unless `skipBad`, which imports the good rows and reports the rest.
public enum MemberImport {
    static let required = ["network", "phone", "name", "role", "gender", "roster"]

    struct Row {
        var line: Int
        var network: String
        var networkName: String?
        var phone: String
        var name: String
        var role: Role
        var gender: Gender?
        var roster: Int?
        var language: String
    }

    /// Imports `data` into `store`.
    /// - Parameters:
    ///   - data: the file's bytes (UTF-8).
    ///   - store: the database.
    ///   - defaultCountry: for phones without a country code.
    ///   - strictNetworks: refuse unknown network codes instead of creating them.
    ///   - skipBad: import the good rows even when some are bad.
    ///   - today: the day members join.
    public static func run(
        data: Data, store: any Store, defaultCountry: String, strictNetworks: Bool, skipBad: Bool, today: LocalDate
    ) async throws -> MemberImportReport {
        let (rows, parseProblems) = parse(data: data, defaultCountry: defaultCountry)
        if rows.isEmpty && !parseProblems.isEmpty {
            return MemberImportReport(imported: 0, createdNetworks: [], problems: parseProblems, aborted: true)
        }
        return try await store.transaction { tx in
            var problems = parseProblems
            var created: [String] = []
            var good: [(Row, RowID?)] = []
            var networkIDs: [String: RowID] = [:]
            var seen = Set<String>()
            for row in rows {
                let key = "\(row.network)\u{0}\(row.phone)"
                guard seen.insert(key).inserted else {
                    problems.append(ImportProblem(line: row.line, message: "duplicate: \(PhoneNumber.masked(row.phone)) appears twice for \(row.network)"))
                    continue
                }
                var networkID = networkIDs[row.network]
                if networkID == nil, let network = try await tx.network(code: row.network) { networkID = network.id }
                if networkID == nil && strictNetworks {
                    problems.append(ImportProblem(line: row.line, message: "unknown network \(row.network) (create it first or drop --strict-networks)"))
                    continue
                }
                if let networkID {
                    networkIDs[row.network] = networkID
                    let existing = try await tx.members(networkID: networkID)
                    if existing.contains(where: { $0.phone == row.phone }) {
                        problems.append(ImportProblem(line: row.line, message: "duplicate: \(PhoneNumber.masked(row.phone)) is already in \(row.network)"))
                        continue
                    }
                    if let roster = row.roster, existing.contains(where: { $0.roster == roster }) {
                        problems.append(ImportProblem(line: row.line, message: "roster number \(roster) is taken in \(row.network)"))
                        continue
                    }
                }
                good.append((row, networkID))
            }
            if !problems.isEmpty && !skipBad {
                return MemberImportReport(imported: 0, createdNetworks: [], problems: problems.sorted { $0.line < $1.line }, aborted: true)
            }
            var imported = 0
            for (row, knownID) in good {
                var networkID = knownID ?? networkIDs[row.network]
                if networkID == nil {
                    let network = try await tx.insertNetwork(NewNetwork(code: row.network, name: row.networkName ?? row.network))
                    networkIDs[row.network] = network.id
                    created.append(network.code)
                    networkID = network.id
                }
                guard let networkID else { continue }
                _ = try await tx.insertMember(NewMember(
                    networkID: networkID, phone: row.phone, name: row.name, gender: row.gender, roster: row.roster, role: row.role,
                    language: row.language, joinedOn: today))
                imported += 1
            }
            return MemberImportReport(imported: imported, createdNetworks: created, problems: problems.sorted { $0.line < $1.line }, aborted: false)
        }
    }

    /// Parses and checks every row without touching the database.
    static func parse(data: Data, defaultCountry: String) -> ([Row], [ImportProblem]) {
        guard var text = String(data: data, encoding: .utf8) else {
            return ([], [ImportProblem(line: 1, message: "the file is not UTF-8 text (save it as CSV UTF-8)")])
        }
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        let reader: CSVReader
        do {
            reader = try CSVReader(string: text, hasHeaderRow: true, trimFields: true)
        } catch {
            return ([], [ImportProblem(line: 1, message: "not a readable CSV file")])
        }
        let header = (reader.headerRow ?? []).map { $0.lowercased() }
        let missing = required.filter { !header.contains($0) }
        guard missing.isEmpty else {
            return ([], [ImportProblem(line: 1, message: "missing columns: \(missing.joined(separator: ", ")) (header must be \(required.joined(separator: ",")))")])
        }
        var rows: [Row] = []
        var problems: [ImportProblem] = []
        var line = 1
        while let fields = reader.next() {
            line += 1
            if fields.allSatisfy({ $0.isEmpty }) { continue }
            var value: [String: String] = [:]
            for (index, name) in header.enumerated() where index < fields.count { value[name] = fields[index] }
            switch check(value, line: line, defaultCountry: defaultCountry) {
            case .success(let row): rows.append(row)
            case .failure(let problem): problems.append(problem)
            }
        }
        return (rows, problems)
    }

    static func check(_ value: [String: String], line: Int, defaultCountry: String) -> Result<Row, ImportProblem> {
        func fail(_ message: String) -> Result<Row, ImportProblem> { .failure(ImportProblem(line: line, message: message)) }
        let code = (value["network"] ?? "").uppercased()
        guard Network.isValidCode(code) else { return fail("network code `\(code)` must be 3–10 letters or digits") }
        guard let phone = PhoneNumber.normalize(value["phone"] ?? "", defaultCountry: defaultCountry), phone.hasPrefix("+") else {
            return fail("bad phone number")
        }
        let name = value["name"] ?? ""
        guard !name.isEmpty, name.count <= 80 else { return fail("name is empty or longer than 80 characters") }
        guard let role = Role(parsing: value["role"] ?? "") else {
            return fail("role must be socio, presidente, secretario, tesorero, articulador or lider")
        }
        let genderText = (value["gender"] ?? "").uppercased()
        let gender = Gender(rawValue: genderText)
        guard genderText.isEmpty || gender != nil else { return fail("gender must be F, M or empty") }
        let rosterText = value["roster"] ?? ""
        let roster = Int(rosterText)
        guard rosterText.isEmpty || (roster ?? 0) > 0 else { return fail("roster must be a positive number or empty") }
        let language = (value["language"] ?? "").isEmpty ? "es" : value["language"]!.lowercased()
        let networkName = (value["network_name"] ?? "").isEmpty ? nil : value["network_name"]
        return .success(Row(
            line: line, network: code, networkName: networkName, phone: phone, name: name, role: role, gender: gender, roster: roster,
            language: language))
    }
}
