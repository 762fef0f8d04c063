/// Turns a text into the SMS that will actually be paid for: transliterated, encoded, counted and split.
public enum SMSComposer {
    /// Composes a message: transliterates (unless told not to), picks GSM-7 or UCS-2 and splits it into segments.
    ///
    /// Counting follows gateways.md §6.4: up to 160 septets / 70 code units is one SMS; longer texts are
    /// packed greedily into parts of 153 / 67, never splitting an escape pair or a surrogate pair.
    /// An empty text is one (empty) segment.
    /// - Parameters:
    ///   - text: the text to send.
    ///   - transliterating: apply `Transliterator.toGSM7` first (default `true`).
    public static func compose(_ text: String, transliterating: Bool = true) -> ComposedSMS {
        if let units = asciiSeptets(text), units <= SMSEncodingKind.gsm7.singleLimit {
            // The usual reply: ASCII that GSM-7 carries as it is, in one SMS. Transliteration leaves it unchanged.
            return ComposedSMS(text: text, encoding: .gsm7, units: units, parts: [text])
        }
        return composeScalars(text, transliterating: transliterating)
    }

    /// Septets of a text made only of ASCII characters GSM-7 carries (nil for any other text), by its bytes.
    static func asciiSeptets(_ text: String) -> Int? {
        var units = 0
        for byte in text.utf8 {
            guard byte < 0x80 else { return nil }
            let cost = GSM7.latinCosts[Int(byte)]
            guard cost > 0 else { return nil }
            units += Int(cost)
        }
        return units
    }

    /// `compose` scalar by scalar: any text.
    static func composeScalars(_ text: String, transliterating: Bool) -> ComposedSMS {
        let final = transliterating ? Transliterator.toGSM7(text) : text
        let scalars = Array(final.unicodeScalars)
        var encoding = SMSEncodingKind.gsm7
        var costs: [Int] = []
        costs.reserveCapacity(scalars.count)
        for scalar in scalars {
            guard let septets = GSM7.septets(for: scalar) else {
                encoding = .ucs2
                break
            }
            costs.append(septets)
        }
        if encoding == .ucs2 {
            costs = scalars.map { $0.utf16.count }
        }
        let units = costs.reduce(0, +)
        guard units > encoding.singleLimit else {
            return ComposedSMS(text: final, encoding: encoding, units: units, parts: [final])
        }
        return ComposedSMS(
            text: final,
            encoding: encoding,
            units: units,
            parts: pack(scalars, costs: costs, limit: encoding.partLimit)
        )
    }

    /// Number of SMS the text costs once composed.
    public static func segments(for text: String) -> Int {
        compose(text).segments
    }

    /// Whether the composed text fits in `maxSegments` SMS.
    public static func fits(_ text: String, segments maxSegments: Int) -> Bool {
        compose(text).segments <= maxSegments
    }

    /// The text shortened to fit `maxSegments` SMS, cut at a word boundary and ended with `ellipsis`.
    ///
    /// The result is already transliterated. A text that fits is returned whole (transliterated);
    /// a word longer than half the room is cut inside. Returns `""` when `maxSegments < 1`.
    /// - Parameters:
    ///   - text: the text to shorten.
    ///   - maxSegments: the budget in SMS.
    ///   - ellipsis: what marks the cut (default `...`).
    public static func truncate(_ text: String, toSegments maxSegments: Int, ellipsis: String = "...") -> String {
        truncate(text, toSegments: maxSegments, ellipsis: ellipsis, framedBy: "", and: "")
    }

    /// Shortens `text` so that `prefix + text + suffix` fits; returns only the (shortened) middle part.
    static func truncate(
        _ text: String,
        toSegments maxSegments: Int,
        ellipsis rawEllipsis: String,
        framedBy rawPrefix: String,
        and rawSuffix: String
    ) -> String {
        guard maxSegments >= 1 else { return "" }
        let source = Transliterator.toGSM7(text)
        let ellipsis = Transliterator.toGSM7(rawEllipsis)
        let prefix = Transliterator.toGSM7(rawPrefix)
        let suffix = Transliterator.toGSM7(rawSuffix)
        func fits(_ middle: String) -> Bool {
            compose(prefix + middle + suffix, transliterating: false).segments <= maxSegments
        }
        if fits(source) { return source }

        let scalars = Array(source.unicodeScalars)
        func cut(_ count: Int) -> String {
            trimmedEnd(String(String.UnicodeScalarView(scalars[..<count])), dropping: " \n\r\t")
        }
        // Largest prefix that fits with the ellipsis; fitting is monotone in the prefix length.
        var low = 0
        var high = scalars.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if fits(cut(middle) + ellipsis) { low = middle } else { high = middle - 1 }
        }
        var count = low
        if count < scalars.count, !isSpace(scalars[count]),
            let space = scalars[..<count].lastIndex(where: isSpace), space >= count / 2, space > 0
        {
            count = space
        }
        let kept = trimmedEnd(cut(count), dropping: " \n\r\t,;:.-")
        return kept + ellipsis
    }

    /// Greedy packing: a scalar that does not fit in the room left moves whole to the next part.
    private static func pack(_ scalars: [Unicode.Scalar], costs: [Int], limit: Int) -> [String] {
        var parts: [String] = []
        var current = String.UnicodeScalarView()
        var used = 0
        for (scalar, cost) in zip(scalars, costs) {
            if used + cost > limit {
                parts.append(String(current))
                current = String.UnicodeScalarView()
                used = 0
            }
            current.append(scalar)
            used += cost
        }
        if !current.isEmpty { parts.append(String(current)) }
        return parts
    }

    private static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        scalar == " " || scalar == "\n" || scalar == "\r"
    }

    private static func trimmedEnd(_ text: String, dropping characters: String) -> String {
        let unwanted = Set(characters.unicodeScalars)
        var scalars = text.unicodeScalars
        while let last = scalars.last, unwanted.contains(last) {
            scalars.removeLast()
        }
        return String(scalars)
    }
}
