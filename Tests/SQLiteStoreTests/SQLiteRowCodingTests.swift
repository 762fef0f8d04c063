import Foundation
import Testing
import TrustCore

@testable import SQLiteStore

@Suite("SQLite row coding")
struct SQLiteRowCodingTests {
    @Test("the replies' JSON array decodes to the same strings, whatever they hold")
    func jsonArrayRoundTrips() throws {
        var generator = SplitMix64(seed: 0x5EED_2026)
        let pool: [Unicode.Scalar] = ["\"", "\\", "/", "\n", "\r", "\t", "\u{0}", "\u{1F}", "\u{7F}", "a", " ", "ñ", "€", "\u{2028}", "😀"]
        for _ in 0..<3_000 {
            let strings = (0..<Int.random(in: 0...4, using: &generator)).map { _ in
                var scalars = String.UnicodeScalarView()
                for _ in 0..<Int.random(in: 0...30, using: &generator) {
                    scalars.append(
                        Bool.random(using: &generator)
                            ? pool.randomElement(using: &generator)!
                            : Unicode.Scalar(UInt8.random(in: 0...127, using: &generator)))
                }
                return String(scalars)
            }
            let json = SQLiteRows.jsonArray(strings)
            #expect(try JSONDecoder().decode([String].self, from: Data(json.utf8)) == strings, "\(json)")
        }
        #expect(SQLiteRows.jsonArray([]) == "[]")
        #expect(SQLiteRows.jsonArray(["Gracias, Rosa. \"S/ 20\""]) == #"["Gracias, Rosa. \"S/ 20\""]"#)
    }
}
