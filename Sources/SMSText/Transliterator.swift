import Foundation

/// Replaces characters outside GSM-7 by their closest GSM-7 spelling so a message costs septets, not UCS-2 units.
public enum Transliterator {
    /// Explicit replacements (gateways.md §6.3), looked up only for scalars outside GSM-7.
    public static let replacements: [Unicode.Scalar: String] = {
        var map: [Unicode.Scalar: String] = [
            "á": "a", "í": "i", "ó": "o", "ú": "u",
            "Á": "A", "Í": "I", "Ó": "O", "Ú": "U",
            "À": "A", "È": "E", "Ì": "I", "Ò": "O", "Ù": "U",
            "ç": "c",
            "º": "o", "ª": "a", "°": "o",
            "…": "...",
            "•": "-",
            "\t": " ",
        ]
        // Double quotes and guillemets.
        let doubleQuotes: [Unicode.Scalar] = [
            "\u{201C}", "\u{201D}", "\u{201E}", "\u{201F}", "\u{00AB}", "\u{00BB}", "\u{2033}",
        ]
        // Single quotes, acute and grave accents, primes and the Quechua modifier apostrophe (ʼ).
        let singleQuotes: [Unicode.Scalar] = [
            "\u{2018}", "\u{2019}", "\u{201A}", "\u{201B}", "\u{00B4}", "`", "\u{2032}", "\u{02BC}", "\u{2039}",
            "\u{203A}",
        ]
        let dashes: [Unicode.Scalar] = [
            "\u{2010}", "\u{2011}", "\u{2012}", "\u{2013}", "\u{2014}", "\u{2015}", "\u{2212}",
        ]
        let spaces: [Unicode.Scalar] = [
            "\u{00A0}", "\u{2000}", "\u{2001}", "\u{2002}", "\u{2003}", "\u{2004}", "\u{2005}", "\u{2006}",
            "\u{2007}", "\u{2008}", "\u{2009}", "\u{200A}", "\u{202F}", "\u{205F}", "\u{3000}",
        ]
        for scalar in doubleQuotes { map[scalar] = "\"" }
        for scalar in singleQuotes { map[scalar] = "'" }
        for scalar in dashes { map[scalar] = "-" }
        for scalar in spaces { map[scalar] = " " }
        // Invisible characters that slip in with copy and paste and would silently force UCS-2.
        let invisible: [Unicode.Scalar] = ["\u{00AD}", "\u{200B}", "\u{2060}", "\u{FEFF}"]
        for scalar in invisible { map[scalar] = "" }
        return map
    }()

    /// The text with every character outside GSM-7 transliterated where a GSM-7 spelling exists.
    ///
    /// The text is first composed (NFC) so that a decomposed `é` stays `é`. GSM-7 characters
    /// (`é ñ ü ¿ ¡ à è ì ò ù`…) are kept; other Latin letters with diacritics lose them
    /// (`â` → `a`); emoji and other scripts are left as they are, which makes the message UCS-2.
    public static func toGSM7(_ text: String) -> String {
        // Composition only changes text that holds a combining character (all at U+0300 and above), so the usual
        // Spanish reply skips Foundation's normalisation, by far the dearest step here.
        let composed = text.unicodeScalars.allSatisfy { $0.value < 0x300 } ? text : text.precomposedStringWithCanonicalMapping
        var result = String.UnicodeScalarView()
        for scalar in composed.unicodeScalars {
            if GSM7.septets(for: scalar) != nil {
                result.append(scalar)
            } else if let replacement = replacements[scalar] {
                result.append(contentsOf: replacement.unicodeScalars)
            } else if let base = latinBase(of: scalar) {
                result.append(base)
            } else {
                result.append(scalar)
            }
        }
        return String(result)
    }

    /// The ASCII letter under a precomposed Latin letter with diacritics (`â` → `a`), if it has one.
    private static func latinBase(of scalar: Unicode.Scalar) -> Unicode.Scalar? {
        if latinBlocks.contains(scalar.value) { return latinBases[scalar] }
        return decomposedBase(of: scalar)
    }

    /// Latin-1 Supplement, Latin Extended-A and -B: where nearly every transliterated letter comes from.
    private static let latinBlocks: ClosedRange<UInt32> = 0xC0...0x24F

    /// `decomposedBase` of every scalar in `latinBlocks`, worked out once.
    private static let latinBases: [Unicode.Scalar: Unicode.Scalar] = {
        var bases: [Unicode.Scalar: Unicode.Scalar] = [:]
        for value in latinBlocks {
            if let scalar = Unicode.Scalar(value), let base = decomposedBase(of: scalar) { bases[scalar] = base }
        }
        return bases
    }()

    private static func decomposedBase(of scalar: Unicode.Scalar) -> Unicode.Scalar? {
        guard scalar.properties.isAlphabetic, !scalar.isASCII else { return nil }
        let decomposed = String(scalar).decomposedStringWithCanonicalMapping.unicodeScalars
        guard let first = decomposed.first, first.isASCII, first.properties.isAlphabetic else { return nil }
        let marksOnly = decomposed.dropFirst().allSatisfy { $0.properties.generalCategory == .nonspacingMark }
        return marksOnly && decomposed.count > 1 ? first : nil
    }
}
