/// The traffic light shown next to the index.
public enum TrafficLight: String, Hashable, Sendable, Codable, CaseIterable {
    /// Below `yellowFrom`, between the thresholds, from `greenFrom`.
    case red, yellow, green

    /// The light of an index value: red below `yellowFrom`, green from `greenFrom`, yellow between.
    /// - Parameters:
    ///   - index: the index, 0–100.
    ///   - settings: the thresholds.
    public init(index: Double, settings: IndicatorSettings) {
        if index >= settings.greenFrom {
            self = .green
        } else if index >= settings.yellowFrom {
            self = .yellow
        } else {
            self = .red
        }
    }
}

/// The trust index 0–100: the weighted mean of the normalised indicators that have data, weights renormalised.
public struct TrustIndex: Hashable, Sendable, Codable {
    /// The index 0–100; nil when fewer than the minimum number of indicators have data.
    public let value: Double?
    /// How many of the twelve indicators had data.
    public let coverage: Int
    /// The light of `value`; nil when there is no value.
    public let light: TrafficLight?
    /// Each indicator with data, normalised to 0–1.
    public let normalized: [IndicatorID: Double]
    /// The weights actually used, renormalised over the indicators with data (they sum to 1).
    public let weights: [IndicatorID: Double]
    /// Indicators without data, in the fixed order S1 … E4.
    public let missing: [IndicatorID]

    /// The index rounded to a whole number, as SMS and the dashboard show it.
    public var rounded: Int? { value.map { Int($0.rounded()) } }

    /// Combines indicator results into the index.
    /// - Parameters:
    ///   - results: results by indicator; absent ones count as missing.
    ///   - settings: targets, weights, minimum coverage and light thresholds.
    public init(results: [IndicatorID: IndicatorResult], settings: IndicatorSettings) {
        var normalized: [IndicatorID: Double] = [:]
        var missing: [IndicatorID] = []
        for id in IndicatorID.allCases {
            if let result = results[id], let score = TrustIndex.normalize(result, settings: settings) {
                normalized[id] = score
            } else {
                missing.append(id)
            }
        }
        let used = IndicatorID.allCases.filter { normalized[$0] != nil && settings.weight(for: $0) > 0 }
        // Sum in the fixed indicator order so that the result never depends on dictionary order.
        let totalWeight = used.reduce(0.0) { $0 + settings.weight(for: $1) }
        var weights: [IndicatorID: Double] = [:]
        var sum = 0.0
        if totalWeight > 0 {
            for id in used {
                let weight = settings.weight(for: id) / totalWeight
                weights[id] = weight
                sum += weight * (normalized[id] ?? 0)
            }
        }
        let coverage = normalized.count
        let value = coverage >= settings.minimumCoverage && totalWeight > 0 ? min(100, max(0, 100 * sum)) : nil
        self.value = value
        self.coverage = coverage
        self.light = value.map { TrafficLight(index: $0, settings: settings) }
        self.normalized = normalized
        self.weights = weights
        self.missing = missing
    }

    /// An indicator's value normalised to 0–1 (nil when missing): ratios min(1, value ÷ target), ratings
    /// (x − 1) ÷ 4, E1 growth clamp(0.5 + g ÷ scale, 0, 1).
    /// - Parameters:
    ///   - result: the indicator's result.
    ///   - settings: targets and the growth scale.
    public static func normalize(_ result: IndicatorResult, settings: IndicatorSettings) -> Double? {
        guard let value = result.value, value.isFinite else { return nil }
        let score: Double
        switch result.id.scale {
        case .ratio: score = value / settings.target(for: result.id)
        case .rating: score = (value - 1) / 4
        case .growth: score = 0.5 + value / (settings.growthScale > 0 ? settings.growthScale : 0.4)
        }
        return min(1, max(0, score))
    }
}
