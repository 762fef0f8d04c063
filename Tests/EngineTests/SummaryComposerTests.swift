import Conversation
import Engine
import Foundation
import SMSText
import Testing
import TrustCore

/// Reports built from plain values, for the composer alone.
enum SummaryReports {
    static let network = Network(id: 1, code: "HUAMBO", name: "Lácteos Huambocancha")
    static let period = Period.weeks(from: ISOWeek(year: 2026, week: 44)!, through: ISOWeek(year: 2026, week: 47)!)!

    /// A report from (value, numerator, denominator) per indicator; absent indicators are missing.
    static func report(
        _ values: [IndicatorID: (value: Double, numerator: Double?, denominator: Double?)], network: Network = network,
        stage: Stage = .fortalecimiento, settings: IndicatorSettings = .defaults
    ) -> IndicatorReport {
        var results: [IndicatorID: IndicatorResult] = [:]
        for (id, entry) in values {
            results[id] = IndicatorResult(
                id: id, value: entry.value, numerator: entry.numerator, denominator: entry.denominator, dataPoints: 4)
        }
        return IndicatorReport(
            network: network, period: period, results: results, index: TrustIndex(results: results, settings: settings),
            stage: stage)
    }

    /// Every indicator with the longest texts: `899/999`, `4.6/5`, `+999%`; `weakest` alone scores (almost) 0.
    static func longest(weakest: IndicatorID, network: Network) -> IndicatorReport {
        var values: [IndicatorID: (value: Double, numerator: Double?, denominator: Double?)] = [:]
        for id in IndicatorID.allCases {
            switch id.scale {
            case .ratio: values[id] = (id == .s3 ? 0.45 : id == .e2 ? 0.27 : 899.0 / 999, 899, 999)
            case .rating: values[id] = (4.6, nil, nil)
            case .growth: values[id] = (9.99, nil, nil)
            }
        }
        switch weakest.scale {
        case .ratio: values[weakest] = (100.0 / 999 * (weakest == .s3 ? 0.5 : weakest == .e2 ? 0.3 : 1), 100, 999)
        case .rating: values[weakest] = (1.1, nil, nil)
        case .growth: values[weakest] = (-1, nil, nil)
        }
        return report(values, network: network)
    }

    /// Every indicator at its best (index 100) with 3-digit counts; S1 is then the weakest by the tie rule.
    static func perfect(network: Network) -> IndicatorReport {
        var values: [IndicatorID: (value: Double, numerator: Double?, denominator: Double?)] = [:]
        for id in IndicatorID.allCases {
            switch id.scale {
            case .ratio: values[id] = (IndicatorSettings.defaults.target(for: id), 999, 999)
            case .rating: values[id] = (5, nil, nil)
            case .growth: values[id] = (9.99, nil, nil)
            }
        }
        return report(values, network: network)
    }

    /// Twenty characters, the longest network name an SMS shows.
    static let longName = Network(id: 9, code: "ABCDEFGHIJ", name: "Cuyes Ñaña del Valle Sagrado")
}

@Suite("Summary composer")
struct SummaryComposerTests {
    let composer: SummaryComposer

    init() throws {
        composer = SummaryComposer(book: try SchedulerFixture.book())
    }

    @Test func everyLanguageStaysWithinTwoSegmentsWithTheLongestValuesAndEachAdvice() throws {
        for language in composer.book.languages {
            for weakest in IndicatorID.allCases {
                let current = SummaryReports.longest(weakest: weakest, network: SummaryReports.longName)
                let previous = SummaryReports.report([
                    .q1: (1, nil, nil), .q2: (1, nil, nil), .q4: (1, nil, nil), .q5: (1, nil, nil),
                ])
                let facts = SummaryFacts(
                    report: current, trend: Trend(current: current, previous: previous), fund: Money(cents: 9_999_950))
                let text = composer.summary(facts, language: language)
                let advice = composer.book.render("advice.\(weakest.code.lowercased())", language: language)
                #expect(
                    Transliterator.toGSM7(text).hasSuffix(Transliterator.toGSM7(advice)),
                    "\(language) \(weakest): advice dropped")
                // This index and change (e.g. "84 (+84)") are two characters shorter than the longest possible ("100 (+100)").
                #expect(SMSComposer.compose(text + "00").segments <= 2, "\(language) \(weakest): \(text)")
                #expect(SMSComposer.compose(text).encoding == .gsm7)
            }
        }
    }

    @Test func aPerfectIndexUpAHundredFitsToo() {
        for language in composer.book.languages {
            let current = SummaryReports.perfect(network: SummaryReports.longName)
            let previous = SummaryReports.report([
                .q1: (1, nil, nil), .q2: (1, nil, nil), .q4: (1, nil, nil), .q5: (1, nil, nil),
            ])
            let trend = Trend(current: current, previous: previous)
            #expect(current.index.rounded == 100 && trend.indexDelta == 100)
            let text = composer.summary(
                SummaryFacts(report: current, trend: trend, fund: Money(cents: 9_999_950)), language: language)
            #expect(text.contains("100"))
            #expect(SMSComposer.compose(text).segments <= 2, "\(language): \(text)")
        }
    }

    @Test func belowMinimumCoverageTheSummarySaysWhichDataIsMissing() {
        // Three indicators with the longest values, so the lines with data are as long as they get.
        let current = SummaryReports.report(
            [.s2: (899.0 / 999, 899, 999), .e1: (-1, nil, nil), .q1: (4.6, nil, nil)], network: SummaryReports.longName)
        let facts = SummaryFacts(
            report: current, trend: Trend(current: current, previous: nil), fund: Money(cents: 9_999_950))
        let spanish = composer.summary(facts, language: "es")
        #expect(
            spanish.hasPrefix(
                "Confianza Cuyes Ñaña del Valle, semanas 44-47: sin índice: datos de 3 de 12 (mín. 4). Faltan: eventos, reuniones, "
                    + "opiniones de socios, calificación del articulador, proyectos. Asistencia 899/999 socios. Aportes S/ 99999.50 (-100%). "
                    + "Satisfacción 4.6/5. Etapa fortalecimiento."))
        #expect(!spanish.contains("Eventos"))
        let english = composer.summary(facts, language: "en")
        #expect(english.contains("no index: data for 3 of 12 (min. 4). Missing: events, meetings, members' ratings"))
        for language in composer.book.languages {
            #expect(SMSComposer.compose(composer.summary(facts, language: language)).segments <= 2)
        }
    }

    @Test func nothingAtAllStillReadsNaturally() {
        let current = SummaryReports.report([:], stage: .generacion)
        let text = composer.summary(
            SummaryFacts(report: current, trend: Trend(current: current, previous: nil), fund: .zero), language: "es")
        #expect(
            text
                == "Confianza Lácteos Huambocancha, semanas 44-47: sin índice: datos de 0 de 12 (mín. 4). Faltan: eventos, "
                + "reuniones, opiniones de socios, calificación del articulador, aportes, proyectos. Etapa generación.")
    }

    @Test func missingValuesSaySoInsteadOfZero() {
        let current = SummaryReports.report([
            .q2: (4, nil, nil), .q5: (4, nil, nil), .e3: (3, nil, nil), .e4: (2, nil, nil),
        ])
        let trend = Trend(current: current, previous: nil)
        let spanish = composer.summary(SummaryFacts(report: current, trend: trend, fund: .zero), language: "es")
        #expect(
            spanish
                == "Confianza Lácteos Huambocancha, semanas 44-47: índice 56 AMBAR. Asistencia sin datos. Aportes: ninguno "
                + "confirmado. Satisfacción sin datos. Eventos: ninguno planificado. Etapa fortalecimiento. Consejo: pidan capacitación "
                + "y asistencia técnica para probar juntos una innovación.")
        let english = composer.summary(
            SummaryFacts(report: current, trend: trend, fund: Money(soles: 75)), language: "en")
        #expect(
            english.contains(
                "Attendance: no data. Contributions S/ 75 (no earlier period). Satisfaction: no data. Events: none planned."
            ))
    }

    @Test func changesAreSignedAndRatingsHaveOneDecimal() {
        let current = SummaryReports.report([
            .s1: (0.5, 1, 2), .s2: (0.75, 9, 12), .q1: (3.04, nil, nil), .e1: (-0.2, nil, nil),
        ])
        let previous = SummaryReports.report([
            .s1: (1, 2, 2), .s2: (1, 12, 12), .q1: (5, nil, nil), .e1: (0, nil, nil),
        ])
        let text = composer.summary(
            SummaryFacts(
                report: current, trend: Trend(current: current, previous: previous), fund: Money(cents: 38_450)),
            language: "es")
        #expect(
            text.contains(
                "índice 44 AMBAR (-44). Asistencia 9/12 socios. Aportes S/ 384.50 (-20%). Satisfacción 3.0/5. Eventos 1/2."
            ))
    }

    @Test func aOneWeekPeriodSaysWeek() {
        let report = IndicatorReport(
            network: SummaryReports.network, period: .week(ISOWeek(year: 2026, week: 47)!), results: [:],
            index: TrustIndex(results: [:], settings: .defaults), stage: .generacion)
        let text = composer.summary(
            SummaryFacts(report: report, trend: Trend(current: report, previous: nil), fund: .zero), language: "en")
        #expect(text.hasPrefix("Confianza Lácteos Huambocancha, week 47: no index"))
    }

    @Test func everyLanguageHasEveryScheduledMessageKey() throws {
        let keys =
            [
                "summary.head", "summary.head_week", "summary.index", "summary.index_first", "summary.no_index",
                "summary.attendance", "summary.attendance_none", "summary.fund", "summary.fund_first",
                "summary.fund_none",
                "summary.satisfaction", "summary.satisfaction_none", "summary.events", "summary.events_none",
                "summary.stage",
                "summary.advice", "digest.head", "digest.no_index", "digest.more", "digest.alert_legend",
                "digest.detail",
                "reminder.nudge", "reminder.missing", "reminder.more",
            ]
            + TrafficLight.allCases.map { "light.\($0.rawValue)" }
            + Stage.allCases.map { "stage.\($0.rawValue)" }
            + ["meetings", "events", "ratings", "expert", "fund", "projects"].map { "summary.missing.\($0)" }
            + IndicatorID.allCases.map { "advice.\($0.code.lowercased())" }
        for language in composer.book.languages {
            let catalog = try #require(composer.book.catalogs[language])
            let absent = keys.filter { !catalog.contains($0) }
            #expect(absent.isEmpty, "\(language) lacks \(absent)")
        }
    }
}
