import Foundation
import TrustCore

/// Lifetimes and limits of the conversation (config `conversation.*`).
public struct BotSettings: Sendable, Equatable {
    /// How long a guided question waits for its answer (default 30 min).
    public var flowLifetime: TimeInterval
    /// How long an attendance or rating prompt stays answerable (default 72 h).
    public var promptLifetime: TimeInterval
    /// How long CORREGIR can undo the last record (default 30 min).
    public var correctionWindow: TimeInterval
    /// Indicator settings: REDES, ESTADO, ALERTAS and RESUMEN show what they compute (config `indicators.*`).
    public var indicators: IndicatorSettings
    /// Country code for phones typed without one in `SOCIO` (config `phones.default_country`).
    public var defaultCountry: String

    /// - Parameters:
    ///   - flowLifetime: seconds a guided question waits.
    ///   - promptLifetime: seconds a prompt stays answerable.
    ///   - correctionWindow: seconds CORREGIR works.
    ///   - indicators: indicator settings.
    ///   - defaultCountry: country code with `+`.
    public init(
        flowLifetime: TimeInterval = 30 * 60, promptLifetime: TimeInterval = 72 * 3600, correctionWindow: TimeInterval = 30 * 60,
        indicators: IndicatorSettings = .defaults, defaultCountry: String = "+51"
    ) {
        self.flowLifetime = flowLifetime
        self.promptLifetime = promptLifetime
        self.correctionWindow = correctionWindow
        self.indicators = indicators
        self.defaultCountry = defaultCountry
    }
}
