/// One indicator's value for a network and period, with what it was computed from; no data means missing, never zero.
public struct IndicatorResult: Hashable, Sendable, Codable {
    /// The parts a blended indicator is made of (Q4: ratings and the tesorero's confirmations).
    public enum Component: String, Hashable, Sendable, Codable, CodingKeyRepresentable {
        /// The mean of 1–5 ratings.
        case ratings
        /// The share of reported contributions confirmed in time.
        case confirmations
    }

    /// Which indicator this is.
    public let id: IndicatorID
    /// The value on the indicator's scale (share, 1–5 mean, growth rate); nil when missing.
    public let value: Double?
    /// What was counted or summed above the line (nil for blends and missing results).
    public let numerator: Double?
    /// What it was divided by (nil for blends and missing results).
    public let denominator: Double?
    /// How many records the value rests on (meetings, ratings, events, contributions, projects).
    public let dataPoints: Int
    /// True when there was no data: the indicator is left out of the index.
    public let isMissing: Bool
    /// The same indicator for women and for men (S2 and Q3), for each gender some member has.
    public let byGender: [Gender: IndicatorResult]
    /// The parts of a blended value (Q4), each on its own scale.
    public let components: [Component: IndicatorResult]

    /// - Parameters:
    ///   - id: the indicator.
    ///   - value: the value, nil when missing.
    ///   - numerator: counted quantity.
    ///   - denominator: base it is divided by.
    ///   - dataPoints: records used.
    ///   - byGender: per-gender results.
    ///   - components: parts of a blended value.
    public init(
        id: IndicatorID, value: Double?, numerator: Double? = nil, denominator: Double? = nil, dataPoints: Int,
        byGender: [Gender: IndicatorResult] = [:], components: [Component: IndicatorResult] = [:]
    ) {
        self.id = id
        self.value = value
        self.numerator = value == nil ? nil : numerator
        self.denominator = value == nil ? nil : denominator
        self.dataPoints = dataPoints
        self.isMissing = value == nil
        self.byGender = byGender
        self.components = components
    }

    /// A result with no data.
    /// - Parameters:
    ///   - id: the indicator.
    ///   - dataPoints: records seen that still did not give a value (e.g. meetings with nobody expected).
    public static func missing(_ id: IndicatorID, dataPoints: Int = 0) -> IndicatorResult {
        IndicatorResult(id: id, value: nil, dataPoints: dataPoints)
    }

    /// `numerator ÷ denominator`, missing when the denominator is zero.
    /// - Parameters:
    ///   - id: the indicator.
    ///   - numerator: counted quantity.
    ///   - denominator: base.
    ///   - dataPoints: records used.
    public static func ratio(_ id: IndicatorID, _ numerator: Int, of denominator: Int, dataPoints: Int) -> IndicatorResult {
        guard denominator > 0 else { return .missing(id, dataPoints: dataPoints) }
        return IndicatorResult(
            id: id, value: Double(numerator) / Double(denominator), numerator: Double(numerator),
            denominator: Double(denominator), dataPoints: dataPoints)
    }

    /// The mean of 1–5 scores, missing when there are none.
    /// - Parameters:
    ///   - id: the indicator.
    ///   - scores: the scores.
    public static func mean(_ id: IndicatorID, of scores: [Int]) -> IndicatorResult {
        ratio(id, scores.reduce(0, +), of: scores.count, dataPoints: scores.count)
    }

    /// This result with per-gender results attached.
    func with(byGender: [Gender: IndicatorResult]) -> IndicatorResult {
        IndicatorResult(
            id: id, value: value, numerator: numerator, denominator: denominator, dataPoints: dataPoints,
            byGender: byGender, components: components)
    }
}

extension Gender: CodingKeyRepresentable {}
