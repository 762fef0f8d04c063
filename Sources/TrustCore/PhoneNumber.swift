import Foundation

/// Normalises phone numbers to E.164 (`+51987654321`) with a default country code.
public enum PhoneNumber {
    /// `987654321`, `51987654321`, `+51 987 654 321`, `0051987654321` → `+51987654321`.
    /// Returns nil when the text is not a plausible phone number (4–15 digits).
    /// - Parameters:
    ///   - raw: the number as typed or sent by a gateway.
    ///   - defaultCountry: country calling code with `+`, e.g. `+51`.
    public static func normalize(_ raw: String, defaultCountry: String = "+51") -> String? {
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
