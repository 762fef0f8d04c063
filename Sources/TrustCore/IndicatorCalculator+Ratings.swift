extension IndicatorCalculator {
    /// Q1 and Q2: the mean of the 1–5 ratings given inside the period (socios, and for Q2 the articulador too).
    static func meanRating(_ id: IndicatorID, _ rated: RatedIndicator, _ book: RecordBook, _ period: Period) -> IndicatorResult {
        .mean(id, of: book.scores(rated, in: period))
    }

    /// Q4: the mean transparency rating blended 50/50 on the 0–1 scale with the share of contributions reported in
    /// the period (rejected ones aside) that the tesorero confirmed within the window; one part alone when only one
    /// exists. The value is given back on the 1–5 rating scale, the parts in `components`.
    static func transparency(_ book: RecordBook, _ period: Period, _ settings: IndicatorSettings) -> IndicatorResult {
        let ratings = IndicatorResult.mean(.q4, of: book.scores(.q4, in: period))
        let reported = book.contributions.filter { period.contains($0.reportedOn) && $0.status != .rejected }
        let inTime = reported.filter { contribution in
            guard contribution.status == .confirmed else { return false }
            // A confirmation without a recorded day is taken as timely: the tesorero did confirm it.
            guard let decided = contribution.decidedOn else { return true }
            return contribution.reportedOn.days(until: decided) <= settings.confirmationDays
        }
        let confirmations = IndicatorResult.ratio(.q4, inTime.count, of: reported.count, dataPoints: reported.count)

        var components: [IndicatorResult.Component: IndicatorResult] = [:]
        var parts: [Double] = []
        if let mean = ratings.value {
            components[.ratings] = ratings
            parts.append((mean - 1) / 4)
        }
        if let share = confirmations.value {
            components[.confirmations] = confirmations
            parts.append(share)
        }
        let dataPoints = ratings.dataPoints + confirmations.dataPoints
        guard !parts.isEmpty else { return .missing(.q4, dataPoints: dataPoints) }
        let blend = parts.reduce(0, +) / Double(parts.count)
        return IndicatorResult(id: .q4, value: 1 + 4 * blend, dataPoints: dataPoints, components: components)
    }

    /// Q5, E3, E4 at the period's end: the articulador's latest rating within the window before the end
    /// (ratings given on that same latest day are averaged).
    static func expertRating(
        _ id: IndicatorID, _ rated: RatedIndicator, _ book: RecordBook, _ period: Period, _ settings: IndicatorSettings
    ) -> IndicatorResult {
        let from = period.end.adding(days: -7 * settings.expertRatingWeeks)
        let inWindow = book.ratings.filter { rating in
            rating.indicator == rated && rating.ratedOn >= from && rating.ratedOn < period.end
                && book.rows[rating.memberID]?.role == .articulador
        }
        guard let latestDay = inWindow.map(\.ratedOn).max() else { return .missing(id) }
        return .mean(id, of: inWindow.filter { $0.ratedOn == latestDay }.map(\.score))
    }
}
