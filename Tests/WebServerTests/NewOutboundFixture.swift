import Engine
import Foundation

enum NewOutboundFixture {
    /// A queued message that has been due since `at`.
    static func old(at: Date) -> NewOutbound {
        NewOutbound(to: "+51987000004", text: "hola", encoding: .gsm7, segments: 1, gateway: "console", notBefore: at, kind: "reply", networkID: nil, createdAt: at)
    }
}
