/// Picks what the weekly summary gives advice on (the advice texts live in the message files).
public enum Advice {
    /// The indicator with data whose normalised value is lowest; ties go to the first in the order S1 … E4.
    /// - Parameter report: the report the summary is about.
    public static func weakest(report: IndicatorReport) -> IndicatorID? {
        var weakest: (id: IndicatorID, score: Double)?
        for id in IndicatorID.allCases {
            guard let score = report.index.normalized[id] else { continue }
            if weakest.map({ score < $0.score }) ?? true { weakest = (id, score) }
        }
        return weakest?.id
    }
}
