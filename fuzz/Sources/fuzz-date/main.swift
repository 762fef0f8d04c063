import FuzzSupport
import SMSText

// DateParser.parse on any text: every day it returns exists on the calendar.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDate(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    switch DateParser.parse(text) {
    case .dayMonth(let day, let month):
        require((1...12).contains(month) && (1...DateParser.daysIn(month: month, year: nil)).contains(day),
            "impossible day \(day)/\(month) from \(text.debugDescription)")
    case .full(let day, let month, let year):
        require((1...12).contains(month) && (1...DateParser.daysIn(month: month, year: year)).contains(day)
            && (1900...2199).contains(year), "impossible day \(day)/\(month)/\(year) from \(text.debugDescription)")
    case .today, .yesterday, .tomorrow, nil:
        break
    }
    return 0
}
