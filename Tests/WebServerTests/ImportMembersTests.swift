import Engine
import Foundation
import Testing
import TrustCore
import WebServer

@Suite("Members CSV import")
struct ImportMembersTests {
    static let today = LocalDate(year: 2026, month: 3, day: 2)!
    static let header = "network,phone,name,role,gender,roster\n"

    static func run(_ text: String, store: MemoryStore = MemoryStore(), strict: Bool = false, skipBad: Bool = false) async throws -> MemberImportReport {
        try await run(Data(text.utf8), store: store, strict: strict, skipBad: skipBad)
    }

    static func run(_ data: Data, store: MemoryStore, strict: Bool = false, skipBad: Bool = false) async throws -> MemberImportReport {
        try await MemberImport.run(data: data, store: store, defaultCountry: "+51", strictNetworks: strict, skipBad: skipBad, today: today)
    }

    static func memberCount(_ store: MemoryStore) async throws -> Int {
        try await store.read { tx in
            var count = 0
            for network in try await tx.networks() { count += try await tx.members(networkID: network.id).count }
            return count
        }
    }

    @Test func aGoodFileImportsEveryRowAndCreatesNetworks() async throws {
        let store = MemoryStore()
        let report = try await Self.run(
            "\u{FEFF}" + Self.header + "HUAMBO,987654321,Rosa Quispe,lider,F,1\nhuambo,+51 987 654 322,Juan Chávez,socio,M,\nCUYES,51987654323,Hilda Mamani,tesorero,,\n",
            store: store)
        #expect(report.problems == [])
        #expect(!report.aborted)
        #expect(report.imported == 3)
        #expect(report.createdNetworks == ["HUAMBO", "CUYES"])
        let rows = try await store.read { tx in try await tx.members(phone: "+51987654322") }
        #expect(rows.map(\.roster) == [2])
        #expect(rows.first?.name == "Juan Chávez")
        let rosa = try await store.read { tx in try await tx.members(phone: "+51987654321") }
        #expect(rosa.first?.role == .presidente)
    }

    @Test func aFileThatIsNotUTF8ImportsNothing() async throws {
        let store = MemoryStore()
        var bytes = Array(Self.header.utf8)
        bytes += Array("HUAMBO,987654321,Jos".utf8) + [0xE9] + Array(" Tanta,socio,M,\n".utf8)  // Latin-1 é
        let report = try await Self.run(Data(bytes), store: store)
        #expect(report.aborted)
        #expect(report.imported == 0)
        #expect(report.problems.map(\.description) == ["line 1: the file is not UTF-8 text (save it as CSV UTF-8)"])
        #expect(try await Self.memberCount(store) == 0)
    }

    @Test func missingColumnsAreNamed() async throws {
        let store = MemoryStore()
        let report = try await Self.run("network,phone,name\nHUAMBO,987654321,Rosa\n", store: store)
        #expect(report.aborted)
        #expect(report.problems.count == 1)
        #expect(report.problems.first?.line == 1)
        #expect(report.problems.first?.message.hasPrefix("missing columns: role, gender, roster") == true)
        #expect(try await Self.memberCount(store) == 0)
        let empty = try await Self.run("", store: store)
        #expect(empty.aborted)
        #expect(try await Self.memberCount(store) == 0)
    }

    @Test func badRowsAreReportedByLineAndNothingIsImported() async throws {
        let store = MemoryStore()
        let text = Self.header + """
            HUAMBO,987654321,Rosa Quispe,presidente,F,1
            HUAMBO,12ab,Mala Linea,socio,F,
            HUAMBO,987654322,,socio,M,
            HUAMBO,987654323,Pedro,jefe,M,
            HUAMBO,987654324,Elena,socio,X,
            HUAMBO,987654325,Luis,socio,M,-3
            H,987654326,Marta,socio,F,
            HUAMBO,987654327,Jose Sangay,socio,M,

            """
        let report = try await Self.run(text, store: store)
        #expect(report.aborted)
        #expect(report.imported == 0)
        #expect(report.problems.map(\.line) == [3, 4, 5, 6, 7, 8])
        #expect(report.problems[0].message == "bad phone number")
        #expect(report.problems[2].message.hasPrefix("role must be"))
        #expect(report.problems[3].message == "gender must be F, M or empty")
        #expect(try await Self.memberCount(store) == 0)
        #expect(try await store.read { tx in try await tx.networks() }.isEmpty)

        let skipped = try await Self.run(text, store: store, skipBad: true)
        #expect(!skipped.aborted)
        #expect(skipped.imported == 2)
        #expect(skipped.problems.count == 6)
        #expect(try await Self.memberCount(store) == 2)
    }

    @Test func duplicatesInTheFileOrTheDatabaseImportNothing() async throws {
        let store = MemoryStore()
        _ = try await Self.run(Self.header + "HUAMBO,987654321,Rosa Quispe,presidente,F,1\n", store: store)
        let report = try await Self.run(
            Self.header + "HUAMBO,987654330,Ana,socio,F,\nHUAMBO,987654330,Ana otra vez,socio,F,\nHUAMBO,+51987654321,Rosa,socio,F,\nHUAMBO,987654331,Luz,socio,F,1\n",
            store: store)
        #expect(report.aborted)
        #expect(report.problems.map(\.line) == [3, 4, 5])
        #expect(report.problems[0].message.contains("appears twice"))
        #expect(report.problems[1].message.contains("already in HUAMBO"))
        #expect(report.problems[2].message == "roster number 1 is taken in HUAMBO")
        #expect(!report.problems.contains { $0.message.contains("987654330") })
        #expect(try await Self.memberCount(store) == 1)
    }

    @Test func unknownNetworksAreRefusedWhenStrict() async throws {
        let store = MemoryStore()
        let report = try await Self.run(Self.header + "NUEVA,987654321,Rosa,socio,F,\n", store: store, strict: true)
        #expect(report.aborted)
        #expect(report.problems.first?.message.hasPrefix("unknown network NUEVA") == true)
        #expect(try await store.read { tx in try await tx.networks() }.isEmpty)
    }
}
