public import Engine
public import Foundation
import TrustCore

/// The console gateway's sender: writes each message to a sink (stdout by default) with the phone masked,
/// and accepts it. Used by `confianza serve` when no real gateway is configured.
public struct ConsoleSender: MessageSender {
    public let gateway = "console"
    private let sink: @Sendable (String) -> Void

    /// - Parameter sink: where lines go (default: `print`).
    public init(sink: @escaping @Sendable (String) -> Void = { print($0) }) {
        self.sink = sink
    }

    public func send(_ message: OutboundMessage) async -> SendOutcome {
        let parts = message.segments == 1 ? "1 segment" : "\(message.segments) segments"
        sink("[console #\(message.id)] to \(PhoneNumber.masked(message.to)) (\(message.encoding.rawValue), \(parts)): \(message.text)")
        return .accepted(gatewayID: "console-\(message.id)")
    }
}

/// The console gateway's inbound side: messages typed locally (`confianza chat`) rather than received over HTTP.
public enum ConsoleGateway {
    /// The gateway name.
    public static let name = "console"

    /// Builds an inbound message as if a gateway had delivered it.
    /// - Parameters:
    ///   - phone: the sender as typed; normalised to E.164.
    ///   - text: the message text.
    ///   - now: arrival time.
    ///   - id: dedupe id (default: a fresh UUID).
    ///   - defaultCountry: country code for normalisation (default `+51`).
    public static func message(
        from phone: String, text: String, now: Date, id: String = UUID().uuidString, defaultCountry: String = "+51"
    ) throws(GatewayError) -> InboundMessage {
        guard let from = PhoneNumber.normalize(phone, defaultCountry: defaultCountry) else {
            throw GatewayError(code: .malformed, gateway: name, reason: "not a phone number", httpStatus: 400)
        }
        return InboundMessage(gateway: name, gatewayMessageID: id, from: from, to: name, text: text, receivedAt: now)
    }

    /// How replies are shown in the console: one line per reply.
    /// - Parameter replies: the inline replies.
    public static func render(_ replies: [InlineReply]) -> String {
        replies.map(\.text).joined(separator: "\n")
    }
}
