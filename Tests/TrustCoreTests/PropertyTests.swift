import Foundation
import PropertyBased
import Testing
import TrustCore

@Suite("Properties of indicators, index and periods")
struct PropertyTests {
    /// Random settings: weights 0–3 (some zero), minimum coverage 0–12, growth scale and targets varied.
    static let settings = Generator<IndicatorSettings, Shrink.None<IndicatorSettings>> { rng in
        var weights: [IndicatorID: Double] = [:]
        for id in IndicatorID.allCases { weights[id] = Double(Int.random(in: 0...3, using: &rng)) }
        return IndicatorSettings(
            targets: [.s3: Double.random(in: 0.1...1, using: &rng)], growthScale: Double.random(in: 0.1...1, using: &rng),
            weights: weights, minimumCoverage: Int.random(in: 0...12, using: &rng))
    }

    /// Random results: each indicator missing or with a value across (and beyond) its natural range.
    static let results = Generator<[IndicatorID: IndicatorResult], Shrink.None<[IndicatorID: IndicatorResult]>> { rng in
        var results: [IndicatorID: IndicatorResult] = [:]
        for id in IndicatorID.allCases where Bool.random(using: &rng) {
            let value: Double = switch id.scale {
            case .ratio: Double.random(in: 0...1.5, using: &rng)
            case .rating: Double.random(in: 1...5, using: &rng)
            case .growth: Double.random(in: -1...3, using: &rng)
            }
            results[id] = IndicatorResult(id: id, value: value, dataPoints: 1)
        }
        return results
    }

    @Test("the index is always within 0–100, and coverage and missing add up to 12")
    func indexInRange() async {
        await propertyCheck(count: 200, input: RandomRecords.generator, RandomRecords.period, Self.settings) {
            records, period, settings in
            let report = IndicatorCalculator.compute(records: records, period: period, settings: settings)
            if let value = report.index.value {
                #expect((0...100).contains(value))
                #expect(report.index.light != nil)
            }
            #expect(report.index.coverage + report.index.missing.count == 12)
            #expect(report.index.normalized.values.allSatisfy { (0...1).contains($0) })
            #expect(report.results.count == 12)
            for result in report.results.values {
                #expect(result.isMissing == (result.value == nil))
                if result.id.scale == .rating, let value = result.value { #expect((1...5).contains(value)) }
                if [.s1, .s2, .s3, .q3].contains(result.id), let value = result.value { #expect((0...1).contains(value)) }
            }
        }
    }

    @Test("permuting the records never changes any result")
    func orderDoesNotMatter() async {
        await propertyCheck(count: 200, input: RandomRecords.shuffledPair, RandomRecords.period) { pair, period in
            let original = IndicatorCalculator.compute(records: pair.0, period: period, settings: .defaults)
            let permuted = IndicatorCalculator.compute(records: pair.1, period: period, settings: .defaults)
            #expect(original == permuted)
            #expect(pair.0.lastActivity(asOf: day("2026-11-25")) == pair.1.lastActivity(asOf: day("2026-11-25")))
        }
    }

    @Test("the renormalised weights sum to 1 and cover only indicators with data")
    func weightsSumToOne() async {
        await propertyCheck(count: 300, input: Self.results, Self.settings) { results, settings in
            let index = TrustIndex(results: results, settings: settings)
            #expect(Set(index.weights.keys).isSubset(of: Set(index.normalized.keys)))
            if !index.weights.isEmpty {
                #expect(abs(index.weights.values.reduce(0, +) - 1) < 1e-9)
                #expect(index.weights.values.allSatisfy { $0 > 0 })
            }
        }
    }

    @Test("adding a missing indicator changes no other value, and moves the index towards its score")
    func addingAnIndicator() async {
        await propertyCheck(count: 300, input: Self.results, Gen.double(in: 1...5)) { results, rating in
            guard let added = IndicatorID.allCases.first(where: { results[$0] == nil && $0.scale == .rating }) else { return }
            let settings = IndicatorSettings(minimumCoverage: 1)
            let before = TrustIndex(results: results, settings: settings)
            var more = results
            more[added] = IndicatorResult(id: added, value: rating, dataPoints: 1)
            let after = TrustIndex(results: more, settings: settings)
            for (id, score) in before.normalized { #expect(after.normalized[id] == score) }
            #expect(after.coverage == before.coverage + 1)
            if let old = before.value, let new = after.value {
                let score = 100 * (rating - 1) / 4
                #expect(new >= min(old, score) - 1e-9 && new <= max(old, score) + 1e-9)
            }
        }
    }

    @Test("recording data for a missing expert indicator leaves every other result as it was")
    func addingAnExpertRating() async {
        await propertyCheck(count: 200, input: RandomRecords.generator, RandomRecords.period, Gen.int(in: 1...5)) {
            records, period, score in
            let before = IndicatorCalculator.compute(records: records, period: period, settings: .defaults)
            let candidates: [(IndicatorID, RatedIndicator)] = [(.q5, .q5), (.e3, .e3), (.e4, .e4)]
            guard let (id, rated) = candidates.first(where: { before[$0.0].isMissing }) else { return }
            var more = records
            more.members.append(Member(id: 500, networkID: 1, phone: nil, name: "Articulador", roster: 500, role: .articulador))
            more.ratings.append(Rating(networkID: 1, memberID: 500, indicator: rated, score: score, ratedOn: period.lastDay))
            let after = IndicatorCalculator.compute(records: more, period: period, settings: .defaults)
            #expect(after[id].value == Double(score))
            for other in IndicatorID.allCases where other != id {
                #expect(after[other] == before[other])
                #expect(after.index.normalized[other] == before.index.normalized[other])
            }
        }
    }

    @Test("ISO weeks agree with Foundation's ISO 8601 calendar")
    func isoWeeksAgreeWithFoundation() async {
        var calendar = Calendar(identifier: .iso8601)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        let utc = calendar.timeZone
        await propertyCheck(count: 500, input: Gen.int(in: -25_000...50_000)) { dayNumber in
            let date = LocalDate(dayNumber: dayNumber)
            let week = ISOWeek(containing: date)
            let components = calendar.dateComponents([.yearForWeekOfYear, .weekOfYear], from: date.start(in: utc))
            #expect(week.year == components.yearForWeekOfYear)
            #expect(week.week == components.weekOfYear)
            #expect(week.monday <= date && date < week.monday.adding(days: 7))
            #expect(week.monday.isoWeekday == 1)
        }
    }

    @Test("periods: the label parses back, previous ends where it starts, the start is inside and the end is not")
    func periodLaws() async {
        let periods = Generator<Period, Shrink.None<Period>> { rng in
            let year = Int.random(in: 1990...2060, using: &rng)
            let week = ISOWeek(year: year, week: Int.random(in: 1...ISOWeek.weeksIn(year: year), using: &rng))
            switch Int.random(in: 0..<5, using: &rng) {
            case 0: return week.map(Period.week) ?? .year(year)
            case 1:
                return week.flatMap { Period.weeks(from: $0, through: $0.adding(weeks: Int.random(in: 0...12, using: &rng))) }
                    ?? .year(year)
            case 2: return Period.month(year: year, month: Int.random(in: 1...12, using: &rng)) ?? .year(year)
            case 3: return Period.quarter(year: year, quarter: Int.random(in: 1...4, using: &rng)) ?? .year(year)
            default: return .year(year)
            }
        }
        await propertyCheck(count: 500, input: periods) { period in
            #expect(Period.parse(period.label) == period)
            #expect(period.previous.end == period.start)
            #expect(period.next.start == period.end)
            #expect(period.contains(period.start) && period.contains(period.lastDay) && !period.contains(period.end))
            #expect(period.previous.kind == period.kind)
            if period.kind == .week || period.kind == .weeks {
                #expect(period.previous.dayCount == period.dayCount)
                #expect(period.weekNumbers.count * 7 == period.dayCount)
            }
        }
    }
}
