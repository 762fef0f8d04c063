import Conversation
import Engine
import Foundation
import SMSText
import Testing
import TrustCore

@Suite("Articulador digest")
struct SummaryDigestTests {
    let composer: SummaryComposer

    init() throws {
        composer = SummaryComposer(book: try SchedulerFixture.book())
    }

    /// A network whose index is `index` (four ratings of equal value); nil gives a network without an index.
    static func entry(_ code: String, id: RowID, index: Double?, previous: Double?, alerts: [Alert.Kind] = [])
        -> DigestEntry
    {
        let network = Network(id: id, code: code, name: code.capitalized)
        func report(_ index: Double?) -> IndicatorReport {
            guard let index else { return SummaryReports.report([.q1: (3, nil, nil)], network: network) }
            let score = 1 + index / 25
            return SummaryReports.report(
                [.q1: (score, nil, nil), .q2: (score, nil, nil), .q4: (score, nil, nil), .q5: (score, nil, nil)],
                network: network)
        }
        let current = report(index)
        return DigestEntry(
            report: current, trend: Trend(current: current, previous: previous.map(report)),
            alerts: alerts.map { Alert(network: network, kind: $0) })
    }

    @Test func networksAreListedWorstFirstWithAlertsMarked() {
        let entries = [
            Self.entry("HUAMBO", id: 3, index: 74, previous: 71),
            Self.entry("NUEVA", id: 4, index: nil, previous: nil),
            Self.entry("CUYES", id: 1, index: 38, previous: 44, alerts: [.indexDrop(points: 6)]),
            Self.entry("FLORES", id: 2, index: 55, previous: 53),
        ]
        let spanish = composer.digest(entries, period: SummaryReports.period, language: "es")
        #expect(
            spanish == "Confianza, sus redes, semanas 44-47 (peor primero): 1 CUYES 38 ROJO -6!; 2 FLORES 55 AMBAR +2; "
                + "3 HUAMBO 74 VERDE +3; 4 NUEVA sin índice. ! = alerta. Detalle: ESTADO CUYES")
        let english = composer.digest(entries, period: SummaryReports.period, language: "en")
        #expect(
            english == "Confianza, your networks, weeks 44-47 (worst first): 1 CUYES 38 RED -6!; 2 FLORES 55 AMBER +2; "
                + "3 HUAMBO 74 GREEN +3; 4 NUEVA no index. ! = alert. Details: STATUS CUYES")
    }

    @Test func manyNetworksStayWithinTwoSegmentsAndPointToREDES() {
        let entries = (1...25).map { number in
            Self.entry(
                "RED\(number)XXXXX", id: RowID(number), index: Double(number * 3), previous: 100,
                alerts: [.indexDrop(points: 99)])
        }
        for language in composer.book.languages {
            let text = composer.digest(entries, period: SummaryReports.period, language: language)
            #expect(SMSComposer.compose(text).segments <= 2, "\(language): \(text)")
            #expect(text.contains(language == "es" ? "REDES" : "NETWORKS"))
            #expect(text.contains("1 RED1XXXXX 3 "))
        }
    }

    @Test func theDigestInTheOutboxCoversEveryFollowedNetwork() async throws {
        let store = MemoryStore()
        _ = try await SchedulerFixture.seed(store, code: "HUAMBO", name: "Huambo", number: 1)
        _ = try await SchedulerFixture.seed(store, code: "FLORES", name: "Flores", number: 2)
        _ = try await SchedulerFixture.summaries().runDue(store: store, now: SchedulerFixture.at(day: 23, 8))
        let digests = try await SchedulerFixture.outbox(store, kind: OutboxKind.digest)
        #expect(digests.map(\.message.to) == [SchedulerFixture.articuladorPhone])
        #expect(
            digests.first?.message.text
                == "Confianza, sus redes, semanas 44-47 (peor primero): 1 FLORES sin indice!; 2 HUAMBO sin indice!. ! = alerta. "
                + "Detalle: ESTADO FLORES")
    }
}
