import FuzzSupport
import SMSText

// Keyword.words / normalize on any text: tokens are never empty and never hold white space, and
// normalising is idempotent (a normalised command word must match itself).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzKeyword(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let words = Keyword.words(text)
    for word in words {
        require(!word.isEmpty, "empty token in \(words) for \(text.debugDescription)")
        require(!word.contains(where: \.isWhitespace), "white space inside token \(word.debugDescription)")
    }
    let normalized = Keyword.normalize(text)
    require(normalized == words.joined(separator: " "), "normalize differs from words for \(text.debugDescription)")
    let again = Keyword.normalize(normalized)
    require(again == normalized, "normalize not idempotent: \(normalized.debugDescription) -> \(again.debugDescription)")
    _ = Keyword.stripDiacritics(text)
    return 0
}
