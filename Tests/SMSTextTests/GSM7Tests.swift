import SMSText
import Testing

/// gateways.md §6.1, transcribed as code points so the test does not share a spelling with the source.
/// Row n holds codes 0x0n, 0x1n, … 0x7n (one row of the table per low nibble); nil is ESC.
private let basicByRow: [[UInt32?]] = [
    [0x40, 0x394, 0x20, 0x30, 0xA1, 0x50, 0xBF, 0x70],
    [0xA3, 0x5F, 0x21, 0x31, 0x41, 0x51, 0x61, 0x71],
    [0x24, 0x3A6, 0x22, 0x32, 0x42, 0x52, 0x62, 0x72],
    [0xA5, 0x393, 0x23, 0x33, 0x43, 0x53, 0x63, 0x73],
    [0xE8, 0x39B, 0xA4, 0x34, 0x44, 0x54, 0x64, 0x74],
    [0xE9, 0x3A9, 0x25, 0x35, 0x45, 0x55, 0x65, 0x75],
    [0xF9, 0x3A0, 0x26, 0x36, 0x46, 0x56, 0x66, 0x76],
    [0xEC, 0x3A8, 0x27, 0x37, 0x47, 0x57, 0x67, 0x77],
    [0xF2, 0x3A3, 0x28, 0x38, 0x48, 0x58, 0x68, 0x78],
    [0xC7, 0x398, 0x29, 0x39, 0x49, 0x59, 0x69, 0x79],
    [0x0A, 0x39E, 0x2A, 0x3A, 0x4A, 0x5A, 0x6A, 0x7A],
    [0xD8, nil, 0x2B, 0x3B, 0x4B, 0xC4, 0x6B, 0xE4],
    [0xF8, 0xC6, 0x2C, 0x3C, 0x4C, 0xD6, 0x6C, 0xF6],
    [0x0D, 0xE6, 0x2D, 0x3D, 0x4D, 0xD1, 0x6D, 0xF1],
    [0xC5, 0xDF, 0x2E, 0x3E, 0x4E, 0xDC, 0x6E, 0xFC],
    [0xE5, 0xC9, 0x2F, 0x3F, 0x4F, 0xA7, 0x6F, 0xE0],
]

/// gateways.md §6.2: code after ESC → code point.
private let extensionByCode: [(UInt8, UInt32)] = [
    (0x0A, 0x0C), (0x14, 0x5E), (0x28, 0x7B), (0x29, 0x7D), (0x2F, 0x5C),
    (0x3C, 0x5B), (0x3D, 0x7E), (0x3E, 0x5D), (0x40, 0x7C), (0x65, 0x20AC),
]

private func scalar(_ value: UInt32) -> Unicode.Scalar {
    Unicode.Scalar(value) ?? "\u{FFFD}"
}

private var documentedBasic: [(code: UInt8, scalar: Unicode.Scalar)] {
    var entries: [(UInt8, Unicode.Scalar)] = []
    for (low, row) in basicByRow.enumerated() {
        for (high, value) in row.enumerated() {
            if let value { entries.append((UInt8(high * 16 + low), scalar(value))) }
        }
    }
    return entries
}

@Suite("GSM 03.38 tables")
struct GSM7Tests {
    @Test("the basic table matches gateways.md §6.1 entry by entry")
    func basicTableMatchesDocument() {
        #expect(documentedBasic.count == 127)
        #expect(GSM7.basicTable.count == 128)
        #expect(GSM7.basicTable[0x1B] == nil)
        for (code, expected) in documentedBasic {
            #expect(GSM7.basicTable[Int(code)] == expected, "code \(code)")
        }
    }

    @Test("every basic character is one septet and encodes to its code and back")
    func basicRoundTrip() {
        for (code, character) in documentedBasic {
            #expect(GSM7.isBasic(character))
            #expect(!GSM7.isExtension(character))
            #expect(GSM7.septets(for: character) == 1)
            let text = String(Character(character))
            #expect(GSM7.encode(text) == [code], "U+\(String(character.value, radix: 16))")
            #expect(GSM7.decode([code]) == text)
        }
    }

    @Test("every extension character is ESC + code, two septets, and decodes back")
    func extensionRoundTrip() {
        #expect(GSM7.extensionTable.count == extensionByCode.count)
        for (code, value) in extensionByCode {
            let character = scalar(value)
            #expect(GSM7.extensionTable[code] == character)
            #expect(GSM7.isExtension(character))
            #expect(!GSM7.isBasic(character))
            #expect(GSM7.septets(for: character) == 2)
            let text = String(Character(character))
            #expect(GSM7.encode(text) == [0x1B, code])
            #expect(GSM7.decode([0x1B, code]) == text)
        }
    }

    @Test("the whole alphabet encodes as one sequence and decodes to the same text")
    func wholeAlphabet() {
        var text = String.UnicodeScalarView()
        var expected: [UInt8] = []
        for (code, character) in documentedBasic {
            text.append(character)
            expected.append(code)
        }
        for (code, value) in extensionByCode {
            text.append(scalar(value))
            expected += [0x1B, code]
        }
        let string = String(text)
        #expect(GSM7.encode(string) == expected)
        #expect(GSM7.decode(expected) == string)
        #expect(GSM7.septetCount(string) == 127 + 2 * 10)
        #expect(GSM7.canEncode(string))
    }

    @Test(
        "characters outside GSM-7 are refused",
        arguments: ["á", "í", "ó", "ú", "ç", "º", "`", "“", "–", "…", "😀", "中", "\u{1B}", "\t"]
    )
    func outside(_ text: String) {
        for character in text.unicodeScalars {
            #expect(GSM7.septets(for: character) == nil)
        }
        #expect(GSM7.encode("ok " + text) == nil)
        #expect(GSM7.septetCount(text) == nil)
        #expect(!GSM7.canEncode(text))
    }

    @Test("pitfalls of gateways.md §6.1: codes that differ from ASCII")
    func pitfalls() {
        #expect(GSM7.encode("@$_¤¡¿") == [0x00, 0x02, 0x11, 0x24, 0x40, 0x60])
        #expect(GSM7.encode("Ç") == [0x09])
        #expect(GSM7.encode("ç") == nil)
        #expect(GSM7.encode("Hola ñandú") == nil)
        #expect(GSM7.encode("¿Café? 20€") == [0x60, 0x43, 0x61, 0x66, 0x05, 0x3F, 0x20, 0x32, 0x30, 0x1B, 0x65])
        #expect(GSM7.encode("¿Cómo está?") == nil)
    }

    @Test("decode refuses malformed septets")
    func decodeRejects() {
        #expect(GSM7.decode([0x80]) == nil)
        #expect(GSM7.decode([0x41, 0x1B]) == nil)
        #expect(GSM7.decode([0x1B, 0x41]) == nil)
        #expect(GSM7.decode([]) == "")
    }
}
