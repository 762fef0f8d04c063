/// How a report moved against the previous period's report.
public struct Trend: Hashable, Sendable, Codable {
    /// Which way the index went.
    public enum Direction: String, Hashable, Sendable, Codable {
        /// Rose, fell, or stayed on the same whole number.
        case up, down, same
    }

    /// Change of the index in whole points, rounded(current) − rounded(previous) so that it matches the shown
    /// numbers; nil when either period has no index.
    public let indexDelta: Int?
    /// Change of each indicator's value (on its own scale) where both periods have data.
    public let deltas: [IndicatorID: Double]

    /// Up, down or the same; nil when there is no index delta.
    public var direction: Direction? {
        indexDelta.map { $0 > 0 ? .up : $0 < 0 ? .down : .same }
    }

    /// - Parameters:
    ///   - current: this period's report.
    ///   - previous: the previous period's report, if any.
    public init(current: IndicatorReport, previous: IndicatorReport?) {
        if let now = current.index.rounded, let before = previous?.index.rounded {
            indexDelta = now - before
        } else {
            indexDelta = nil
        }
        var deltas: [IndicatorID: Double] = [:]
        for id in IndicatorID.allCases {
            if let now = current[id].value, let before = previous?[id].value { deltas[id] = now - before }
        }
        self.deltas = deltas
    }
}
