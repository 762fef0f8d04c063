import Foundation

/// Lifetimes and limits of the conversation (config `conversation.*`).
public struct BotSettings: Sendable, Equatable {
    /// How long a guided question waits for its answer (default 30 min).
    public var flowLifetime: TimeInterval
    /// How long an attendance or rating prompt stays answerable (default 72 h).
    public var promptLifetime: TimeInterval
    /// How long CORREGIR can undo the last record (default 30 min).
    public var correctionWindow: TimeInterval

    /// - Parameters:
    ///   - flowLifetime: seconds a guided question waits.
    ///   - promptLifetime: seconds a prompt stays answerable.
    ///   - correctionWindow: seconds CORREGIR works.
    public init(flowLifetime: TimeInterval = 30 * 60, promptLifetime: TimeInterval = 72 * 3600, correctionWindow: TimeInterval = 30 * 60) {
        self.flowLifetime = flowLifetime
        self.promptLifetime = promptLifetime
        self.correctionWindow = correctionWindow
    }
}
