import Conversation
import Foundation
import Synchronization

/// Decoded conversation states by phone, each kept with the exact bytes it was decoded from and reused only while
/// the stored bytes are those bytes (decoding the JSON is a good part of a webhook's cost). A state written by a
/// transaction that then rolled back is simply never matched: the bytes read next differ.
final class StateCache: Sendable {
    private struct Entry {
        let data: Data
        let state: ConversationState
    }

    /// Phones remembered before the cache starts afresh (bounded memory).
    static let capacity = 20_000
    private let entries = Mutex<[String: Entry]>([:])

    /// The state `data` decodes to, when it was remembered for this phone.
    func state(phone: String, data: Data) -> ConversationState? {
        entries.withLock { entries in
            guard let entry = entries[phone], entry.data == data else { return nil }
            return entry.state
        }
    }

    /// Remembers that `data` is the encoding of `state` for this phone.
    func remember(phone: String, data: Data, state: ConversationState) {
        entries.withLock { entries in
            if entries.count >= Self.capacity, entries[phone] == nil { entries.removeAll(keepingCapacity: true) }
            entries[phone] = Entry(data: data, state: state)
        }
    }
}
