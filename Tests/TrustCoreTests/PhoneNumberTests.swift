import Foundation
import Testing
import TrustCore

@Suite("Phone numbers")
struct PhoneNumberTests {
    /// The rules as they were written first, over Characters: the byte-level path for ASCII must agree with them.
    static func reference(_ raw: String, defaultCountry: String = "+51") -> String? {
        let trimmed = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        var digits = ""
        var sawPlus = false
        for (index, ch) in trimmed.enumerated() {
            if ch == "+" && index == 0 { sawPlus = true; continue }
            if ch.isASCII, ch.isNumber { digits.append(ch); continue }
            if ch == " " || ch == "-" || ch == "(" || ch == ")" || ch == "." { continue }
            return nil
        }
        let country = String(defaultCountry.drop(while: { $0 == "+" }))
        if !sawPlus, digits.hasPrefix("00") { digits.removeFirst(2); sawPlus = true }
        if !sawPlus {
            if !country.isEmpty, digits.hasPrefix(country), digits.count > country.count + 6 {
                sawPlus = true
            } else if digits.count >= 6, digits.count <= 12 {
                digits = country + digits.drop(while: { $0 == "0" })
                sawPlus = true
            }
        }
        guard sawPlus, (4...15).contains(digits.count), digits.first != "0" else {
            if !sawPlus, (3...6).contains(digits.count) { return digits }
            return nil
        }
        return "+" + digits
    }

    @Test("the usual spellings normalise to E.164", arguments: [
        ("987654321", "+51987654321"), ("51987654321", "+51987654321"), ("+51 987 654 321", "+51987654321"),
        ("0051987654321", "+51987654321"), (" +51-987-654-321\r\n", "+51987654321"), ("(01) 456.7890", "+5114567890"),
        ("4455", "4455"), ("+51 98x", nil), ("9876\t54321", nil), ("+", nil), ("", nil), ("++51987654321", nil),
    ] as [(String, String?)])
    func spellings(raw: String, expected: String?) {
        #expect(PhoneNumber.normalize(raw) == expected)
        #expect(Self.reference(raw) == expected)
    }

    @Test("the ASCII fast path agrees with the character rules on random text")
    func asciiAgreesWithReference() {
        var rng = SystemRandomNumberGenerator()
        let alphabet = Array("0123456789+ -().\t\r\n\u{0B}\u{0C}x#")
        for _ in 0..<20_000 {
            let length = Int.random(in: 0...18, using: &rng)
            let raw = String((0..<length).map { _ in alphabet.randomElement(using: &rng) ?? "0" })
            for country in ["+51", "+1", ""] {
                #expect(PhoneNumber.normalize(raw, defaultCountry: country) == Self.reference(raw, defaultCountry: country), "\(raw.debugDescription)")
            }
        }
    }

    @Test("text that is not ASCII takes the character rules", arguments: ["\u{A0}987654321\u{A0}", "９８７６５４３２１", "+51 987 654 321\u{2028}", "98765😀4321"])
    func nonASCII(raw: String) {
        #expect(PhoneNumber.normalize(raw) == Self.reference(raw))
    }
}
