import Conversation
import Engine
import Foundation
import SMSText
import Testing
import TrustCore

/// "Lácteos Huambocancha": twelve members, eight weeks of meetings, events, contributions and
/// ratings (2026-W40 to W47), written through the same record changes the SMS conversation uses.
enum ScriptedNetwork {
    static func day(_ month: Int, _ day: Int) -> LocalDate { LocalDate(year: 2026, month: month, day: day)! }

    /// Seeds the network; the tesorero reads English.
    static func seed(_ store: any Store) async throws -> SeededNetwork {
        let seeded = try await SchedulerFixture.seed(
            store, code: "HUAMBO", name: "Lácteos Huambocancha", number: 1, socios: 9)
        try await store.transaction { tx in
            var tesorero = seeded.tesorero
            tesorero.language = "en"
            try await tx.updateMember(tesorero)
            let network = seeded.network.id
            let everyone = [seeded.presidente, seeded.secretario, seeded.tesorero] + seeded.socios
            let ids = { (rosters: ClosedRange<Int>) in everyone.filter { rosters.contains($0.roster) }.map(\.id) }
            let articulador = try #require(try await tx.members(networkID: network).first { $0.role == .articulador })
            func meeting(_ date: LocalDate, _ present: [RowID], kind: MeetingKind = .ordinary) async throws {
                _ = try await tx.apply(
                    .registerMeeting(
                        networkID: network, kind: kind, date: date, registeredBy: seeded.presidente.id, present: present
                    ))
            }
            // Previous four weeks: members 1-8 at every ordinary meeting.
            for date in [day(10, 3), day(10, 10), day(10, 17), day(10, 24)] { try await meeting(date, ids(1...8)) }
            // Last four weeks: 1-10 at every one, 11 at two, 12 at one; one extraordinary meeting.
            try await meeting(day(10, 31), ids(1...11))
            try await meeting(day(11, 7), ids(1...10))
            try await meeting(day(11, 14), ids(1...10) + ids(12...12))
            try await meeting(day(11, 18), ids(1...9), kind: .extraordinary)
            try await meeting(day(11, 21), ids(1...11))
            // Events: one planned and not held before; two planned and held in the last four weeks.
            _ = try await tx.apply(.planEvent(networkID: network, title: "Visita a Tambolac", plannedOn: day(10, 10)))
            _ = try await tx.apply(
                .planEvent(networkID: network, title: "Aniversario de la red", plannedOn: day(11, 8)))
            _ = try await tx.apply(.closeEvent(networkID: network, number: 2, heldOn: day(11, 8), attendees: nil))
            _ = try await tx.apply(.planEvent(networkID: network, title: "Almuerzo", plannedOn: day(11, 15)))
            _ = try await tx.apply(.closeEvent(networkID: network, number: 3, heldOn: day(11, 15), attendees: nil))
            // Contributions confirmed by the tesorero: S/ 430 before, S/ 480 in the last four weeks (+12%).
            for (index, (date, soles)) in [
                (day(10, 1), 100), (day(10, 8), 110), (day(10, 15), 100), (day(10, 22), 120),
                (day(11, 2), 120), (day(11, 9), 120), (day(11, 16), 120), (day(11, 20), 120),
            ].enumerated() {
                _ = try await tx.apply(
                    .reportContribution(
                        networkID: network, memberID: seeded.socios[index % 4].id, amount: Money(soles: Int64(soles)),
                        on: date,
                        status: .confirmed))
            }
            // Satisfaction after meetings (4.2 now, 3.6 before), a compliance pulse, the articulador's ratings.
            func rate(_ member: Member, _ indicator: RatedIndicator, _ score: Int, _ date: LocalDate) async throws {
                _ = try await tx.apply(
                    .rate(
                        Rating(
                            networkID: network, memberID: member.id, indicator: indicator, score: score, ratedOn: date))
                )
            }
            for (member, score) in zip(seeded.socios, [4, 4, 4, 5, 4]) {
                try await rate(member, .q1, score, day(11, 21))
            }
            for (member, score) in zip(seeded.socios, [4, 3, 4, 3, 4]) {
                try await rate(member, .q1, score, day(10, 24))
            }
            for (member, score) in zip(seeded.socios, [4, 4, 3]) { try await rate(member, .q2, score, day(11, 10)) }
            try await rate(articulador, .q5, 4, day(10, 5))
            try await rate(articulador, .e3, 3, day(10, 5))
            try await rate(articulador, .e4, 2, day(10, 5))
            _ = try await tx.apply(.startPlan(networkID: network, on: day(9, 1)))
        }
        return seeded
    }
}

@Suite("Summary of a scripted network")
struct SummaryScriptedNetworkTests {
    static let spanish =
        "Confianza Lacteos Huambocancha, semanas 44-47: indice 71 VERDE (+21). Asistencia 10/12 socios. "
        + "Aportes S/ 480 (+12%). Satisfaccion 4.2/5. Eventos 2/2. Etapa fortalecimiento. Consejo: pidan capacitacion y "
        + "asistencia técnica para probar juntos una innovacion."
    static let english =
        "Confianza Lacteos Huambocancha, weeks 44-47: index 71 GREEN (+21). Attendance 10/12 members. "
        + "Contributions S/ 480 (+12%). Satisfaction 4.2/5. Events 2/2. Stage: strengthening. Tip: ask for training and "
        + "technical assistance to try an innovation together."

    @Test func mondaySummaryReadsExactlyAsDocumented() async throws {
        let store = MemoryStore()
        let seeded = try await ScriptedNetwork.seed(store)
        let result = try await SchedulerFixture.summaries().runDue(store: store, now: SchedulerFixture.at(day: 23, 8))
        #expect(result.enqueued == 3)
        let rows = try await SchedulerFixture.outbox(store, kind: OutboxKind.summary)
        let byPhone = Dictionary(uniqueKeysWithValues: rows.map { ($0.message.to, $0.message) })
        let presidente = try #require(byPhone[seeded.presidente.phone!])
        let tesorero = try #require(byPhone[seeded.tesorero.phone!])
        #expect(presidente.text == Self.spanish)
        #expect(byPhone[seeded.secretario.phone!]?.text == Self.spanish)
        #expect(tesorero.text == Self.english)
        #expect(presidente.segments == 2 && presidente.encoding == .gsm7)
        #expect(tesorero.segments == 2 && tesorero.encoding == .gsm7)
        #expect(SMSComposer.compose(Self.spanish).units == 257)
        #expect(SMSComposer.compose(Self.english).units == 253)
    }

    @Test func theNumbersAreTheIndicatorReportsNumbers() async throws {
        let store = MemoryStore()
        let seeded = try await ScriptedNetwork.seed(store)
        let summaries = try SchedulerFixture.summaries()
        let period = summaries.period(endingWith: ISOWeek(year: 2026, week: 47)!)
        let (current, _, trend) = try await store.read { tx in
            try await Reports.reportWithTrend(tx, networkID: seeded.network.id, period: period, settings: .defaults)
        }
        #expect(period.label == "2026-W44..2026-W47")
        #expect(current.index.rounded == 71 && trend.indexDelta == 21)
        #expect(current[.s2].numerator == 10 && current[.s2].denominator == 12)
        #expect(Int(((current[.e1].value ?? 0) * 100).rounded()) == 12)
        #expect(Advice.weakest(report: current) == .e4)
        #expect(current.stage == .fortalecimiento)
    }
}
