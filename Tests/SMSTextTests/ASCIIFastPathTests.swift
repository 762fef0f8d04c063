import Foundation
import Testing
import TrustCore

@testable import SMSText

/// The byte paths for ASCII texts (the usual SMS) must give exactly what the scalar paths give.
@Suite("ASCII fast paths")
struct ASCIIFastPathTests {
    /// Random texts over every ASCII code, weighted towards letters, spaces and GSM-7 extension characters.
    static func randomASCII(using generator: inout SplitMix64) -> String {
        let common = Array("aAbBzZ 0123456789.,/-:'`{}[]~^|\\\n\r\u{0C}\u{7F}\u{1B}")
        let length = Int.random(in: 0...200, using: &generator)
        return String((0..<length).map { _ in
            Bool.random(using: &generator)
                ? common.randomElement(using: &generator)!
                : Character(Unicode.Scalar(UInt8.random(in: 0...127, using: &generator)))
        })
    }

    @Test("compose: ASCII texts are composed as scalar by scalar, with and without transliteration")
    func composeMatchesScalarPath() {
        var generator = SplitMix64(seed: 0xA5C1_1FA5_7)
        var fast = 0
        for _ in 0..<20_000 {
            let text = Self.randomASCII(using: &generator)
            for transliterating in [true, false] {
                let composed = SMSComposer.compose(text, transliterating: transliterating)
                #expect(composed == SMSComposer.composeScalars(text, transliterating: transliterating), "\(text.debugDescription)")
            }
            if SMSComposer.asciiSeptets(text).map({ $0 <= 160 }) == true { fast += 1 }
        }
        #expect(fast > 500, "the random texts must exercise the fast path too")
    }

    @Test("compose: the ASCII costs agree with the GSM-7 tables", arguments: Array(0..<128))
    func asciiCosts(code: Int) {
        let scalar = Unicode.Scalar(UInt8(code))
        #expect(SMSComposer.asciiSeptets(String(Character(scalar))) == GSM7.septets(for: scalar))
    }

    @Test("stripDiacritics leaves ASCII as it is, as the decomposition would")
    func stripDiacriticsOnASCII() {
        var generator = SplitMix64(seed: 0xD1AC_217)
        for _ in 0..<5_000 {
            let text = Self.randomASCII(using: &generator)
            let decomposed = String(String.UnicodeScalarView(text.decomposedStringWithCanonicalMapping.unicodeScalars.filter {
                $0.properties.generalCategory != .nonspacingMark
            }))
            #expect(Keyword.stripDiacritics(text) == decomposed)
        }
        #expect(Keyword.stripDiacritics("Asistí, señor") == "Asisti, senor")
    }
}
