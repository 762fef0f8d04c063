/// `application/x-www-form-urlencoded` decoding that keeps the raw pairs: order, repeats and exact bytes,
/// which Twilio's signature needs and generic decoders throw away.
enum FormCodec {
    /// A decoding failure, with a fixed reason phrase.
    struct Failure: Error {
        let reason: String
    }

    /// Splits on `&` and `=`, and percent-decodes both sides (`+` is a space). Empty segments are skipped.
    static func rawPairs(_ bytes: some Collection<UInt8>) throws(Failure) -> [(name: [UInt8], value: [UInt8])] {
        var pairs: [(name: [UInt8], value: [UInt8])] = []
        for segment in bytes.split(separator: UInt8(ascii: "&"), omittingEmptySubsequences: true) {
            if let equals = segment.firstIndex(of: UInt8(ascii: "=")) {
                let name = try percentDecode(segment[segment.startIndex..<equals])
                let value = try percentDecode(segment[segment.index(after: equals)...])
                pairs.append((name, value))
            } else {
                pairs.append((try percentDecode(segment), []))
            }
        }
        return pairs
    }

    /// Like `rawPairs`, with names and values validated as UTF-8.
    static func pairs(_ bytes: some Collection<UInt8>) throws(Failure) -> [(String, String)] {
        var result: [(String, String)] = []
        for (name, value) in try rawPairs(bytes) {
            result.append((try utf8(name), try utf8(value)))
        }
        return result
    }

    /// Decodes `%XX` and `+`.
    static func percentDecode(_ bytes: some Collection<UInt8>) throws(Failure) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var iterator = bytes.makeIterator()
        while let byte = iterator.next() {
            switch byte {
            case UInt8(ascii: "+"):
                out.append(UInt8(ascii: " "))
            case UInt8(ascii: "%"):
                guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue) else {
                    throw Failure(reason: "bad percent-encoding")
                }
                out.append(high << 4 | low)
            default:
                out.append(byte)
            }
        }
        return out
    }

    /// Validates UTF-8.
    static func utf8(_ bytes: [UInt8]) throws(Failure) -> String {
        guard let text = String(validating: bytes, as: UTF8.self) else { throw Failure(reason: "invalid UTF-8") }
        return text
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}

/// Decoded form fields with first-value lookup.
struct FormFields {
    let pairs: [(String, String)]

    /// The first value for `name`.
    subscript(_ name: String) -> String? {
        pairs.first { $0.0 == name }?.1
    }
}
