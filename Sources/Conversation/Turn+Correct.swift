import Foundation
import TrustCore

extension Turn {
    /// `CORREGIR`: undoes the last record within the correction window.
    mutating func correct() {
        state.clearPending()
        guard let last = state.lastRecord, now.timeIntervalSince(last.at) <= settings.correctionWindow else {
            return reply("correct.nothing")
        }
        state.lastRecord = nil
        record(.undo(last.ref), remember: false)
        reply("correct.done")
    }
}
