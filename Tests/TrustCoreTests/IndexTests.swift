import Foundation
import Testing
import TrustCore

@Suite("Trust index, normalisation, light and settings")
struct IndexTests {
    private func result(_ id: IndicatorID, _ value: Double?) -> IndicatorResult {
        IndicatorResult(id: id, value: value, dataPoints: value == nil ? 0 : 1)
    }

    @Test("normalisation per scale with the default targets", arguments: [
        (IndicatorID.s1, 0.8, 0.8), (.s2, 1.0, 1.0), (.s3, 0.25, 0.5), (.s3, 0.75, 1.0), (.q3, 0.6, 0.6),
        (.e2, 0.15, 0.5), (.e2, 0.6, 1.0), (.q1, 1.0, 0.0), (.q2, 3.0, 0.5), (.q5, 5.0, 1.0), (.e4, 4.0, 0.75),
        (.e1, 0.0, 0.5), (.e1, 0.2, 1.0), (.e1, 0.5, 1.0), (.e1, -0.1, 0.25), (.e1, -0.2, 0.0), (.e1, -1.0, 0.0),
    ])
    func normalisation(id: IndicatorID, value: Double, expected: Double) {
        #expect(close(TrustIndex.normalize(result(id, value), settings: .defaults), expected))
    }

    @Test("weighted mean of the indicators with data, weights renormalised, coverage reported")
    func weightedMean() {
        let results = [
            result(.s1, 1.0), result(.s2, 0.5), result(.q1, 3.0), result(.e1, 0.0), result(.q5, nil),
        ]
        let byID = Dictionary(uniqueKeysWithValues: results.map { ($0.id, $0) })
        let plain = TrustIndex(results: byID, settings: .defaults)
        // (1 + 0.5 + 0.5 + 0.5) / 4 = 0.625
        #expect(close(plain.value, 62.5))
        #expect(plain.rounded == 63)
        #expect(plain.coverage == 4)
        #expect(plain.light == .yellow)
        #expect(plain.missing == [.s3, .q2, .q3, .q4, .q5, .e2, .e3, .e4])
        #expect(plain.weights.values.allSatisfy { $0 == 0.25 })
        // weights S1 = 3, E1 = 0: (3 × 1 + 0.5 + 0.5) / 5 = 0.8
        let weighted = TrustIndex(results: byID, settings: IndicatorSettings(weights: [.s1: 3, .e1: 0]))
        #expect(close(weighted.value, 80))
        #expect(weighted.light == .green)
        #expect(weighted.coverage == 4)
        #expect(close(weighted.weights[.s1], 0.6))
        #expect(weighted.weights[.e1] == nil)
    }

    @Test("below the minimum coverage there is no index and no light")
    func minimumCoverage() {
        let three = [result(.s1, 1), result(.s2, 1), result(.s3, 0.5)]
        let index = TrustIndex(results: Dictionary(uniqueKeysWithValues: three.map { ($0.id, $0) }), settings: .defaults)
        #expect(index.value == nil && index.light == nil && index.rounded == nil)
        #expect(index.coverage == 3)
        #expect(index.normalized.count == 3)
        let lowered = TrustIndex(
            results: Dictionary(uniqueKeysWithValues: three.map { ($0.id, $0) }), settings: IndicatorSettings(minimumCoverage: 3))
        #expect(lowered.value == 100)
    }

    @Test("traffic light thresholds", arguments: [
        (0.0, TrafficLight.red), (39.99, .red), (40, .yellow), (69.99, .yellow), (70, .green), (100, .green),
    ])
    func light(index: Double, expected: TrafficLight) {
        #expect(TrafficLight(index: index, settings: .defaults) == expected)
    }

    @Test("a network without any data: everything missing, no index, no advice")
    func allMissing() throws {
        var f = Fixture()
        f.member(1)
        f.member(2, role: .articulador)
        let report = try f.report("2026-W45..2026-W48")
        #expect(report.results.count == 12)
        #expect(report.results.values.allSatisfy { $0.isMissing })
        #expect(report.index.coverage == 0)
        #expect(report.index.value == nil)
        #expect(report.index.missing == IndicatorID.allCases)
        #expect(report.index.weights.isEmpty)
        #expect(Advice.weakest(report: report) == nil)
    }

    @Test("advice goes to the lowest normalised indicator, ties to the first in S1…E4 order")
    func advice() throws {
        var f = Fixture()
        f.member(1)
        f.meeting(1, "2026-11-03", list: [])  // S3 0 → 0, Q3 0 → 0, S2 0 → 0
        f.rate(1, .q1, 2, on: "2026-11-03")
        let report = try f.report("2026-W45..2026-W48")
        #expect(report.index.normalized[.s2] == 0 && report.index.normalized[.s3] == 0)
        #expect(Advice.weakest(report: report) == .s2)
        var g = Fixture()
        g.rate(1, .q1, 4, on: "2026-11-03")
        g.rate(1, .q2, 2, on: "2026-11-03")
        #expect(Advice.weakest(report: try g.report("2026-W45..2026-W48")) == .q2)
    }

    @Test("settings decode with every key optional; lists name only what they change")
    func settingsDecoding() throws {
        let empty = try JSONDecoder().decode(IndicatorSettings.self, from: Data("{}".utf8))
        #expect(empty == .defaults)
        #expect(empty.target(for: .s3) == 0.5 && empty.target(for: .e2) == 0.3 && empty.target(for: .s1) == 1)
        #expect(empty.weight(for: .e4) == 1)
        #expect(empty.regularAttendanceThreshold == 0.75 && empty.regularAttendanceMeetings == 4)
        #expect(empty.minimumCoverage == 4 && empty.yellowFrom == 40 && empty.greenFrom == 70)
        #expect(empty.expertRatingWeeks == 26 && empty.confirmationDays == 14 && empty.growthScale == 0.4)
        #expect(empty.alerts == AlertRules(indexDropPoints: 5, attendanceFloor: 0.6, noReportWeeks: 3))
        let json = #"{"targets": {"s3": 0.4}, "weights": {"E1": 2}, "green_from": 75, "alerts": {"no_report_weeks": 2}}"#
        let partial = try JSONDecoder().decode(IndicatorSettings.self, from: Data(json.utf8))
        #expect(partial.target(for: .s3) == 0.4 && partial.target(for: .e2) == 0.3)
        #expect(partial.weight(for: .e1) == 2 && partial.weight(for: .s1) == 1)
        #expect(partial.greenFrom == 75 && partial.yellowFrom == 40)
        #expect(partial.alerts.noReportWeeks == 2 && partial.alerts.indexDropPoints == 5)
        let encoded = try JSONEncoder().encode(partial)
        #expect(try JSONDecoder().decode(IndicatorSettings.self, from: encoded) == partial)
    }

    @Test("out-of-range settings fail to decode", arguments: [
        #"{"regular_attendance_threshold": 1.5}"#, #"{"targets": {"S3": 0}}"#, #"{"weights": {"Q1": -1}}"#,
        #"{"yellow_from": 80, "green_from": 70}"#, #"{"minimum_coverage": 13}"#, #"{"targets": {"X9": 1}}"#,
        #"{"alerts": {"attendance_floor": 2}}"#, #"{"growth_scale": 0}"#,
    ])
    func settingsRejected(json: String) {
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(IndicatorSettings.self, from: Data(json.utf8)) }
    }

    @Test("a report renders to JSON keyed by indicator code and reads back equal")
    func reportJSON() throws {
        var f = Fixture()
        f.member(1, gender: .female)
        f.meeting(1, "2026-11-03", list: [1])
        f.rate(1, .q4, 4, on: "2026-11-03")
        let report = try f.report("2026-W45..2026-W48")
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = try encoder.encode(report)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains(#""S2":{"byGender":{"F":{"#))
        #expect(text.contains(#""period":"2026-W45..2026-W48""#))
        #expect(text.contains(#""components":{"ratings":{"#))
        #expect(try JSONDecoder().decode(IndicatorReport.self, from: data) == report)
    }

    @Test("indicator codes and names")
    func names() {
        #expect(IndicatorID.allCases.map { $0.code }.joined(separator: " ") == "S1 S2 S3 Q1 Q2 Q3 Q4 Q5 E1 E2 E3 E4")
        #expect(IndicatorID.s2.name(in: "es") == "Asistencia regular")
        #expect(IndicatorID.s2.name(in: "en") == "Regular attendance")
        #expect(IndicatorID(code: "e2") == .e2)
        #expect(IndicatorID(.q5) == .q5)
        #expect(IndicatorID.allCases.filter { $0.isState } == [.s2, .q5, .e2, .e3, .e4])
    }
}
