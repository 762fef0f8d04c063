/// Thresholds, targets, weights and windows of the indicators (product.md §3.1); every field has the documented default.
///
/// Decodes from the `indicators` section of `config/confianza.yaml`: every key is optional (missing means default),
/// `targets` and `weights` name only the indicators they change, and out-of-range values fail to decode.
public struct IndicatorSettings: Hashable, Sendable, Codable {
    /// Share of the considered meetings a member must attend to count as regular in S2 (0.75).
    public var regularAttendanceThreshold: Double
    /// How many of the latest ordinary meetings S2 looks at (4).
    public var regularAttendanceMeetings: Int
    /// Targets of the ratio indicators: normalised value = min(1, value ÷ target); missing entries mean 1.0.
    public var targets: [IndicatorID: Double]
    /// E1 growth that spans the whole 0–1 scale: normalised = clamp(0.5 + g ÷ scale, 0, 1) (0.4: +20% scores 1).
    public var growthScale: Double
    /// Weight of each indicator in the index; missing entries mean 1.
    public var weights: [IndicatorID: Double]
    /// Fewest indicators with data for the index to be shown (4).
    public var minimumCoverage: Int
    /// Index from which the light is yellow (40); below it is red.
    public var yellowFrom: Double
    /// Index from which the light is green (70).
    public var greenFrom: Double
    /// How far back the articulador's latest Q5/E3/E4 rating is looked for, in weeks (26).
    public var expertRatingWeeks: Int
    /// Days the tesorero has to confirm a contribution for it to count as confirmed in time in Q4 (14).
    public var confirmationDays: Int
    /// Complete weeks that summaries, REDES, ESTADO, trends and alerts cover (4).
    public var summaryWeeks: Int
    /// When a network raises an alert.
    public var alerts: AlertRules

    /// The default targets: S3 0.5, E2 0.3, the other ratios 1.0.
    public static let defaultTargets: [IndicatorID: Double] = [.s1: 1, .s2: 1, .s3: 0.5, .q3: 1, .e2: 0.3]

    /// Every setting at its documented default.
    public static let defaults = IndicatorSettings()

    /// - Parameters:
    ///   - regularAttendanceThreshold: share of meetings attended to be regular (0–1).
    ///   - regularAttendanceMeetings: latest ordinary meetings S2 looks at.
    ///   - targets: targets of ratio indicators (merged over the defaults).
    ///   - growthScale: E1 growth spanning the 0–1 scale.
    ///   - weights: index weights (merged over all-1).
    ///   - minimumCoverage: indicators with data needed for an index.
    ///   - yellowFrom: lowest yellow index.
    ///   - greenFrom: lowest green index.
    ///   - expertRatingWeeks: window for the articulador's ratings.
    ///   - confirmationDays: tesorero's confirmation window for Q4.
    ///   - summaryWeeks: weeks covered by summaries and alerts.
    ///   - alerts: alert thresholds.
    public init(
        regularAttendanceThreshold: Double = 0.75, regularAttendanceMeetings: Int = 4,
        targets: [IndicatorID: Double] = [:], growthScale: Double = 0.4, weights: [IndicatorID: Double] = [:],
        minimumCoverage: Int = 4, yellowFrom: Double = 40, greenFrom: Double = 70, expertRatingWeeks: Int = 26,
        confirmationDays: Int = 14, summaryWeeks: Int = 4, alerts: AlertRules = AlertRules()
    ) {
        self.regularAttendanceThreshold = regularAttendanceThreshold
        self.regularAttendanceMeetings = regularAttendanceMeetings
        self.targets = IndicatorSettings.defaultTargets.merging(targets) { _, new in new }
        self.growthScale = growthScale
        self.weights = Dictionary(uniqueKeysWithValues: IndicatorID.allCases.map { ($0, 1.0) }).merging(weights) { _, new in new }
        self.minimumCoverage = minimumCoverage
        self.yellowFrom = yellowFrom
        self.greenFrom = greenFrom
        self.expertRatingWeeks = expertRatingWeeks
        self.confirmationDays = confirmationDays
        self.summaryWeeks = summaryWeeks
        self.alerts = alerts
    }

    /// The target of a ratio indicator (1.0 when unset or not positive).
    /// - Parameter id: the indicator.
    public func target(for id: IndicatorID) -> Double {
        guard let target = targets[id], target > 0 else { return 1 }
        return target
    }

    /// The weight of an indicator (1 when unset; negative counts as 0).
    /// - Parameter id: the indicator.
    public func weight(for id: IndicatorID) -> Double { max(0, weights[id] ?? 1) }

    /// Describes the first out-of-range value, or nil when all are valid.
    public var problem: String? {
        if !(0...1).contains(regularAttendanceThreshold) { return "regular_attendance_threshold must be 0–1" }
        if regularAttendanceMeetings < 1 { return "regular_attendance_meetings must be at least 1" }
        if let bad = targets.sorted(by: { $0.key < $1.key }).first(where: { !($0.value > 0) }) {
            return "target of \(bad.key) must be above 0"
        }
        if !(growthScale > 0) { return "growth_scale must be above 0" }
        if let bad = weights.sorted(by: { $0.key < $1.key }).first(where: { !($0.value >= 0) }) {
            return "weight of \(bad.key) must be 0 or more"
        }
        if !(0...IndicatorID.allCases.count).contains(minimumCoverage) { return "minimum_coverage must be 0–12" }
        if !(0...100).contains(yellowFrom) || !(0...100).contains(greenFrom) || yellowFrom > greenFrom {
            return "yellow_from and green_from must be 0–100, yellow_from ≤ green_from"
        }
        if expertRatingWeeks < 1 { return "expert_rating_weeks must be at least 1" }
        if confirmationDays < 0 { return "confirmation_days must be 0 or more" }
        if summaryWeeks < 1 { return "summary_weeks must be at least 1" }
        return alerts.problem
    }

    enum CodingKeys: String, CodingKey {
        case regularAttendanceThreshold = "regular_attendance_threshold"
        case regularAttendanceMeetings = "regular_attendance_meetings"
        case targets
        case growthScale = "growth_scale"
        case weights
        case minimumCoverage = "minimum_coverage"
        case yellowFrom = "yellow_from"
        case greenFrom = "green_from"
        case expertRatingWeeks = "expert_rating_weeks"
        case confirmationDays = "confirmation_days"
        case summaryWeeks = "summary_weeks"
        case alerts
    }

    /// Decodes with every key optional (missing means default); out-of-range values throw.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = IndicatorSettings.defaults
        self.init(
            regularAttendanceThreshold: try c.decodeIfPresent(Double.self, forKey: .regularAttendanceThreshold)
                ?? d.regularAttendanceThreshold,
            regularAttendanceMeetings: try c.decodeIfPresent(Int.self, forKey: .regularAttendanceMeetings)
                ?? d.regularAttendanceMeetings,
            targets: try c.decodeIfPresent([IndicatorID: Double].self, forKey: .targets) ?? [:],
            growthScale: try c.decodeIfPresent(Double.self, forKey: .growthScale) ?? d.growthScale,
            weights: try c.decodeIfPresent([IndicatorID: Double].self, forKey: .weights) ?? [:],
            minimumCoverage: try c.decodeIfPresent(Int.self, forKey: .minimumCoverage) ?? d.minimumCoverage,
            yellowFrom: try c.decodeIfPresent(Double.self, forKey: .yellowFrom) ?? d.yellowFrom,
            greenFrom: try c.decodeIfPresent(Double.self, forKey: .greenFrom) ?? d.greenFrom,
            expertRatingWeeks: try c.decodeIfPresent(Int.self, forKey: .expertRatingWeeks) ?? d.expertRatingWeeks,
            confirmationDays: try c.decodeIfPresent(Int.self, forKey: .confirmationDays) ?? d.confirmationDays,
            summaryWeeks: try c.decodeIfPresent(Int.self, forKey: .summaryWeeks) ?? d.summaryWeeks,
            alerts: try c.decodeIfPresent(AlertRules.self, forKey: .alerts) ?? d.alerts
        )
        if let problem {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: problem))
        }
    }
}

/// Thresholds of the three alert rules (product.md §3.1 defaults).
public struct AlertRules: Hashable, Sendable, Codable {
    /// Alert when the index fell by at least this many points against the previous period (5).
    public var indexDropPoints: Int
    /// Alert when regular attendance (S2) is below this share (0.6).
    public var attendanceFloor: Double
    /// Alert when nothing was reported for this many weeks (3).
    public var noReportWeeks: Int

    /// - Parameters:
    ///   - indexDropPoints: points of index drop that raise an alert.
    ///   - attendanceFloor: S2 below this raises an alert.
    ///   - noReportWeeks: weeks of silence that raise an alert.
    public init(indexDropPoints: Int = 5, attendanceFloor: Double = 0.6, noReportWeeks: Int = 3) {
        self.indexDropPoints = indexDropPoints
        self.attendanceFloor = attendanceFloor
        self.noReportWeeks = noReportWeeks
    }

    /// Describes the first out-of-range value, or nil when all are valid.
    public var problem: String? {
        if indexDropPoints < 1 { return "alerts.index_drop_points must be at least 1" }
        if !(0...1).contains(attendanceFloor) { return "alerts.attendance_floor must be 0–1" }
        if noReportWeeks < 1 { return "alerts.no_report_weeks must be at least 1" }
        return nil
    }

    enum CodingKeys: String, CodingKey {
        case indexDropPoints = "index_drop_points"
        case attendanceFloor = "attendance_floor"
        case noReportWeeks = "no_report_weeks"
    }

    /// Decodes with every key optional (missing means default); out-of-range values throw.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            indexDropPoints: try c.decodeIfPresent(Int.self, forKey: .indexDropPoints) ?? 5,
            attendanceFloor: try c.decodeIfPresent(Double.self, forKey: .attendanceFloor) ?? 0.6,
            noReportWeeks: try c.decodeIfPresent(Int.self, forKey: .noReportWeeks) ?? 3
        )
        if let problem {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: problem))
        }
    }
}
