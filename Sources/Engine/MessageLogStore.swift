import Foundation
import TrustCore

/// The message audit log as the dashboard reads it, and the retry of a dead-lettered message. A separate
/// port from `StoreTransaction`, like `AuthStoreTransaction`.
public protocol MessageLogTransaction: StoreTransaction {
    /// Inbound messages, newest first (by arrival, then processing time).
    /// - Parameters:
    ///   - senders: only these senders (E.164); nil for all.
    ///   - before: only messages received before this instant; nil for the newest.
    ///   - limit: at most this many.
    func inboundLog(senders: [String]?, before: Date?, limit: Int) async throws -> [InboundRecord]
    /// Puts a dead-lettered outbox row back in the queue, due at `now`, with its attempts reset.
    /// - Returns: false when the row does not exist or is not dead.
    func requeue(id: Int64, now: Date) async throws -> Bool
}

extension StoreTransaction {
    /// This transaction's message log; throws when the store does not keep one.
    public func messageLog() throws -> any MessageLogTransaction {
        guard let log = self as? any MessageLogTransaction else { throw StoreCapabilityError(capability: "the message log") }
        return log
    }
}
