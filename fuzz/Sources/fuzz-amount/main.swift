import FuzzSupport
import SMSText

// AmountParser.parse / extract on any text: an amount is always in 1...maximumCentimos céntimos,
// and an extracted match points at words that exist and contains an amount parse accepts.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzAmount(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    if let centimos = AmountParser.parse(text) {
        require((1...AmountParser.maximumCentimos).contains(centimos), "amount \(centimos) out of range for \(text.debugDescription)")
    }
    let words = Keyword.words(text)
    if let match = AmountParser.extract(from: words) {
        require((1...AmountParser.maximumCentimos).contains(match.centimos), "extracted \(match.centimos) out of range")
        require(!match.range.isEmpty && match.range.lowerBound >= 0 && match.range.upperBound <= words.count,
            "range \(match.range) outside \(words.count) words")
        require(match.range.contains { AmountParser.parse(words[$0]) == match.centimos },
            "no word of \(words[match.range]) parses to \(match.centimos)")
    }
    return 0
}
