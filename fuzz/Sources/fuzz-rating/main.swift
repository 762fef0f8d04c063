import FuzzSupport
import SMSText

// RatingParser.parse on any text: a rating is always 1...5.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRating(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    if let rating = RatingParser.parse(text) {
        require((1...5).contains(rating), "rating \(rating) from \(text.debugDescription)")
    }
    _ = YesNo.parse(text)
    return 0
}
