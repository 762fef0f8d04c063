extension IndicatorCalculator {
    /// E1: (confirmed contributions reported in the period − those of the previous period) ÷ the previous period's;
    /// missing when the previous period had none, so nothing is ever divided by zero.
    static func fundGrowth(_ book: RecordBook, _ period: Period) -> IndicatorResult {
        let previousPeriod = period.previous
        let confirmed = book.contributions.filter { $0.status == .confirmed }
        let current = confirmed.filter { period.contains($0.reportedOn) }
        let previous = confirmed.filter { previousPeriod.contains($0.reportedOn) }
        let currentCents = current.map(\.amount).sum().cents
        let previousCents = previous.map(\.amount).sum().cents
        let dataPoints = current.count + previous.count
        guard previousCents > 0 else { return .missing(.e1, dataPoints: dataPoints) }
        let growth = Double(currentCents - previousCents) / Double(previousCents)
        return IndicatorResult(
            id: .e1, value: growth, numerator: Double(currentCents - previousCents) / 100,
            denominator: Double(previousCents) / 100, dataPoints: dataPoints)
    }

    /// E2 at the period's end: the network's own share ÷ total cost, over joint projects started before the end and
    /// not closed by then (numerator and denominator in soles).
    static func coFinancing(_ book: RecordBook, _ period: Period) -> IndicatorResult {
        let open = book.projects.filter { project in
            project.startedOn < period.end && (project.closedOn.map { $0 >= period.end } ?? true)
                && project.totalCost.cents > 0
        }
        let own = open.map(\.ownShare).sum().cents
        let total = open.map(\.totalCost).sum().cents
        guard total > 0 else { return .missing(.e2, dataPoints: open.count) }
        return IndicatorResult(
            id: .e2, value: Double(own) / Double(total), numerator: Double(own) / 100, denominator: Double(total) / 100,
            dataPoints: open.count)
    }
}
