import Foundation

/// Normalises phone numbers to E.164 (`+51987654321`) with a default country code.
public enum PhoneNumber {
    /// `987654321`, `51987654321`, `+51 987 654 321`, `0051987654321` → `+51987654321`.
    /// Returns nil when the text is not a plausible phone number (4–15 digits).
    /// - Parameters:
    ///   - raw: the number as typed or sent by a gateway.
    ///   - defaultCountry: country calling code with `+`, e.g. `+51`.
    public static func normalize(_ raw: String, defaultCountry: String = "+51") -> String? {
        var sawPlus = false
        var digits = ""
        switch scanASCII(raw) {
        case .number(let plus, let found):
            (sawPlus, digits) = (plus, found)
        case .invalid:
            return nil
        case .notASCII:
            let trimmed = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            for (index, ch) in trimmed.enumerated() {
                if ch == "+" && index == 0 { sawPlus = true; continue }
                if ch.isASCII, ch.isNumber { digits.append(ch); continue }
                if ch == " " || ch == "-" || ch == "(" || ch == ")" || ch == "." { continue }
                return nil
            }
        }
        return normalize(digits: digits, sawPlus: sawPlus, defaultCountry: defaultCountry)
    }

    private enum ASCIIScan {
        case number(sawPlus: Bool, digits: String)
        case invalid
        case notASCII
    }

    /// The digits and leading plus of an all-ASCII number, by bytes (what every gateway sends); other text takes the
    /// general path. ASCII white space at either end is trimmed as `whitespacesAndNewlines` trims it.
    private static func scanASCII(_ raw: String) -> ASCIIScan {
        var utf8 = raw.utf8[...]
        guard utf8.allSatisfy({ $0 < 0x80 }) else { return .notASCII }
        let isSpace: (UInt8) -> Bool = { $0 == 0x20 || (0x09...0x0D).contains($0) }
        while let first = utf8.first, isSpace(first) { utf8.removeFirst() }
        while let last = utf8.last, isSpace(last) { utf8.removeLast() }
        var sawPlus = false
        var digits: [UInt8] = []
        digits.reserveCapacity(utf8.count)
        for (offset, byte) in utf8.enumerated() {
            switch byte {
            case UInt8(ascii: "+") where offset == 0: sawPlus = true
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digits.append(byte)
            case UInt8(ascii: " "), UInt8(ascii: "-"), UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "."): continue
            default: return .invalid
            }
        }
        return .number(sawPlus: sawPlus, digits: String(decoding: digits, as: UTF8.self))
    }

    private static func normalize(digits: String, sawPlus: Bool, defaultCountry: String) -> String? {
        var digits = digits
        var sawPlus = sawPlus
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
            // Short codes (gateway's own number) are kept as digits.
            if !sawPlus, (3...6).contains(digits.count) { return digits }
            return nil
        }
        return "+" + digits
    }

    /// `+51******321`: what logs may show.
    /// - Parameter phone: any phone string.
    public static func masked(_ phone: String) -> String {
        guard phone.count > 5 else { return String(repeating: "*", count: phone.count) }
        let head = phone.hasPrefix("+") ? String(phone.prefix(3)) : String(phone.prefix(2))
        return head + String(repeating: "*", count: phone.count - head.count - 3) + String(phone.suffix(3))
    }
}
