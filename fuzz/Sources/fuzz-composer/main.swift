import FuzzSupport
import SMSText

// SMSComposer.compose on any text, with and without transliteration: the parts join back to the
// text, each part fits its segment, the unit count matches the encoding, GSM-7 text survives an
// encode/decode round trip, transliteration is idempotent, and truncate always fits its budget.
// Also GSM7.decode on the raw bytes: whatever decodes encodes back to the same septets.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzComposer(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    var input = FuzzInput(data, size)
    let flags = input.byte()
    let bytes = input.rest()
    let text = String(decoding: bytes, as: UTF8.self)
    let transliterating = flags & 1 == 0
    let composed = SMSComposer.compose(text, transliterating: transliterating)
    let described = text.debugDescription

    require(composed.segments == composed.parts.count && composed.segments >= 1, "segments \(composed.segments) for \(described)")
    require(Array(composed.parts.joined().unicodeScalars) == Array(composed.text.unicodeScalars), "parts do not join to the text for \(described)")
    if !transliterating {
        require(Array(composed.text.unicodeScalars) == Array(text.unicodeScalars), "text changed without transliteration")
    }
    func units(_ part: String) -> Int {
        switch composed.encoding {
        case .gsm7: part.unicodeScalars.reduce(0) { $0 + (GSM7.septets(for: $1) ?? 1_000_000) }
        case .ucs2: part.utf16.count
        }
    }
    require(units(composed.text) == composed.units, "units \(composed.units) != \(units(composed.text)) for \(described)")
    if composed.encoding == .gsm7 {
        require(GSM7.canEncode(composed.text), "GSM-7 chosen for a text it cannot carry: \(described)")
        let septets = GSM7.encode(composed.text)
        require(septets != nil, "GSM-7 text does not encode: \(described)")
        if let septets {
            require(septets.count == composed.units, "septets \(septets.count) != units \(composed.units)")
            let decoded = GSM7.decode(septets)
            require(decoded.map { Array($0.unicodeScalars) } == Array(composed.text.unicodeScalars), "GSM-7 round trip failed: \(described)")
        }
    } else {
        require(!GSM7.canEncode(composed.text), "UCS-2 chosen for GSM-7 text: \(described)")
    }
    if composed.units <= composed.encoding.singleLimit {
        require(composed.segments == 1, "\(composed.units) units split into \(composed.segments) parts")
    } else {
        for part in composed.parts {
            require(!part.isEmpty && units(part) <= composed.encoding.partLimit, "part of \(units(part)) units for \(described)")
        }
    }
    if transliterating {
        let twice = SMSComposer.compose(composed.text, transliterating: true)
        require(Array(twice.text.unicodeScalars) == Array(composed.text.unicodeScalars), "transliteration not idempotent: \(described)")
    }

    let budget = Int(flags >> 1 & 3) + 1
    let short = SMSComposer.truncate(text, toSegments: budget)
    require(SMSComposer.compose(short, transliterating: false).segments <= budget, "truncate(\(budget)) does not fit: \(described)")

    if let decoded = GSM7.decode(bytes) {
        require(GSM7.encode(decoded) == bytes, "septets \(bytes) decode to \(decoded.debugDescription) which encodes differently")
    }
    return 0
}
