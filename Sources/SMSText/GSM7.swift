/// The GSM 03.38 default alphabet (3GPP TS 23.038 §6.2.1): the basic table and its extension table.
public enum GSM7 {
    /// The escape septet that announces a character of the extension table.
    public static let escape: UInt8 = 0x1B

    /// The basic table indexed by septet value; `nil` at 0x1B, the escape position.
    public static let basicTable: [Unicode.Scalar?] = {
        // Eight rows of sixteen, code 0x00 first; "\u{1B}" only marks the escape slot.
        let rows = [
            "@£$¥èéùìòÇ\nØø\rÅå",
            "Δ_ΦΓΛΩΠΨΣΘΞ\u{1B}ÆæßÉ",
            " !\"#¤%&'()*+,-./",
            "0123456789:;<=>?",
            "¡ABCDEFGHIJKLMNO",
            "PQRSTUVWXYZÄÖÑÜ§",
            "¿abcdefghijklmno",
            "pqrstuvwxyzäöñüà",
        ]
        let scalars = rows.joined().unicodeScalars.map { Optional($0) }
        precondition(scalars.count == 128, "GSM-7 basic table must have 128 entries")
        return scalars.enumerated().map { $0.offset == Int(escape) ? nil : $0.element }
    }()

    /// The extension table: code that follows the escape septet → character.
    public static let extensionTable: [UInt8: Unicode.Scalar] = [
        0x0A: "\u{0C}",
        0x14: "^",
        0x28: "{",
        0x29: "}",
        0x2F: "\\",
        0x3C: "[",
        0x3D: "~",
        0x3E: "]",
        0x40: "|",
        0x65: "€",
    ]

    private static let basicCodes: [Unicode.Scalar: UInt8] = {
        var codes: [Unicode.Scalar: UInt8] = [:]
        for (code, scalar) in basicTable.enumerated() {
            if let scalar { codes[scalar] = UInt8(code) }
        }
        return codes
    }()

    private static let extensionCodes: [Unicode.Scalar: UInt8] = Dictionary(
        uniqueKeysWithValues: extensionTable.map { ($0.value, $0.key) }
    )

    /// Septets of every scalar below U+0300 (0: not in GSM-7), where nearly every character of a reply lies: an array
    /// read instead of two hashed dictionary lookups per character.
    static let latinCosts: [UInt8] = (0..<0x300).map { value in
        let scalar = Unicode.Scalar(UInt32(value))!
        return basicCodes[scalar] != nil ? 1 : extensionCodes[scalar] != nil ? 2 : 0
    }

    /// Whether the scalar is in the basic table (one septet).
    public static func isBasic(_ scalar: Unicode.Scalar) -> Bool {
        basicCodes[scalar] != nil
    }

    /// Whether the scalar is in the extension table (escape + code, two septets).
    public static func isExtension(_ scalar: Unicode.Scalar) -> Bool {
        extensionCodes[scalar] != nil
    }

    /// Septets the scalar costs: 1 for the basic table, 2 for the extension table, `nil` outside GSM-7.
    public static func septets(for scalar: Unicode.Scalar) -> Int? {
        if scalar.value < UInt32(latinCosts.count) {
            let cost = latinCosts[Int(scalar.value)]
            return cost == 0 ? nil : Int(cost)
        }
        if isBasic(scalar) { return 1 }
        if isExtension(scalar) { return 2 }
        return nil
    }

    /// Whether every scalar of the text can be sent in GSM-7.
    public static func canEncode(_ text: String) -> Bool {
        text.unicodeScalars.allSatisfy { septets(for: $0) != nil }
    }

    /// Septets of the whole text, or `nil` if some scalar is outside GSM-7.
    public static func septetCount(_ text: String) -> Int? {
        var total = 0
        for scalar in text.unicodeScalars {
            guard let cost = septets(for: scalar) else { return nil }
            total += cost
        }
        return total
    }

    /// The septet values of the text (escape before extension characters), or `nil` if it is not GSM-7.
    public static func encode(_ text: String) -> [UInt8]? {
        var septets: [UInt8] = []
        septets.reserveCapacity(text.unicodeScalars.count)
        for scalar in text.unicodeScalars {
            if let code = basicCodes[scalar] {
                septets.append(code)
            } else if let code = extensionCodes[scalar] {
                septets.append(escape)
                septets.append(code)
            } else {
                return nil
            }
        }
        return septets
    }

    /// The text of a septet sequence, or `nil` for a value above 0x7F, an unknown escape code or a trailing escape.
    public static func decode(_ septets: [UInt8]) -> String? {
        var scalars = String.UnicodeScalarView()
        var index = septets.startIndex
        while index < septets.endIndex {
            let septet = septets[index]
            guard septet < 0x80 else { return nil }
            if septet == escape {
                let next = septets.index(after: index)
                guard next < septets.endIndex, let scalar = extensionTable[septets[next]] else { return nil }
                scalars.append(scalar)
                index = septets.index(after: next)
            } else {
                guard let scalar = basicTable[Int(septet)] else { return nil }
                scalars.append(scalar)
                index = septets.index(after: index)
            }
        }
        return String(scalars)
    }
}
