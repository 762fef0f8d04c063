/// All twelve indicators of one network for one period, with the index and the stage: what SMS, CLI and API show.
public struct IndicatorReport: Hashable, Sendable, Codable {
    /// The network.
    public let network: Network
    /// The period the flow indicators count; state indicators are read at its end.
    public let period: Period
    /// One result per indicator, all twelve present (missing ones with `isMissing`).
    public let results: [IndicatorID: IndicatorResult]
    /// The trust index built from `results`.
    public let index: TrustIndex
    /// The stage on the period's last day.
    public let stage: Stage

    /// - Parameters:
    ///   - network: the network.
    ///   - period: the period.
    ///   - results: results by indicator (absent ones are filled in as missing).
    ///   - index: the index.
    ///   - stage: the stage.
    public init(network: Network, period: Period, results: [IndicatorID: IndicatorResult], index: TrustIndex, stage: Stage) {
        self.network = network
        self.period = period
        var all = results
        for id in IndicatorID.allCases where all[id] == nil { all[id] = .missing(id) }
        self.results = all
        self.index = index
        self.stage = stage
    }

    /// The result of one indicator (a missing result when absent).
    /// - Parameter id: the indicator.
    public subscript(id: IndicatorID) -> IndicatorResult { results[id] ?? .missing(id) }
}

/// Computes the indicators from plain records: pure, deterministic, no clock and no I/O.
public enum IndicatorCalculator {
    /// The twelve indicators, index and stage of a network for a period, exactly as product.md §3 defines them.
    /// - Parameters:
    ///   - records: the network's records (rows of other networks are ignored).
    ///   - period: the period.
    ///   - settings: thresholds, targets, weights and windows.
    public static func compute(records: NetworkRecords, period: Period, settings: IndicatorSettings) -> IndicatorReport {
        let book = RecordBook(records)
        let results: [IndicatorResult] = [
            socialEvents(book, period),
            regularAttendance(book, period, settings),
            extraordinaryMeetings(book, period),
            meanRating(.q1, .q1, book, period),
            meanRating(.q2, .q2, book, period),
            participation(book, period),
            transparency(book, period, settings),
            expertRating(.q5, .q5, book, period, settings),
            fundGrowth(book, period),
            coFinancing(book, period),
            expertRating(.e3, .e3, book, period, settings),
            expertRating(.e4, .e4, book, period, settings),
        ]
        let byID = Dictionary(uniqueKeysWithValues: results.map { ($0.id, $0) })
        return IndicatorReport(
            network: records.network, period: period, results: byID,
            index: TrustIndex(results: byID, settings: settings),
            stage: StageRule.stage(for: records.network, projects: book.projects, asOf: period.lastDay))
    }

    /// How a report moved against the previous period's.
    /// - Parameters:
    ///   - current: this period's report.
    ///   - previous: the previous period's report, if any.
    public static func trend(current: IndicatorReport, previous: IndicatorReport?) -> Trend {
        Trend(current: current, previous: previous)
    }
}
