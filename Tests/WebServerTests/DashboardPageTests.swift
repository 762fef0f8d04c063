import Engine
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import TrustCore
import WebServer

@Suite("Dashboard pages")
struct DashboardPageTests {
    @Test func theNetworkListIsWorstFirstWithIndexLightStageAndCoverage() async throws {
        let f = try await DashboardFixture.make()
        let expected = try await f.store.read { tx in
            let network = try #require(try await tx.network(code: "HUAMBO"))
            let period = Reports.defaultPeriod(for: network, now: DashboardFixture.now, settings: f.config.indicators)
            return try await Reports.reportWithTrend(tx, networkID: network.id, period: period, settings: f.config.indicators).current
        }
        try await f.application.test(.router) { client in
            let login = try #require(try await client.login("staff"))
            let html = String(buffer: try await client.send("/", headers: login.headers).body)
            // CUYES has no index yet: it comes first, as REDES lists it.
            let cuyes = try #require(html.range(of: "/networks/CUYES"))
            let huambo = try #require(html.range(of: "/networks/HUAMBO"))
            #expect(cuyes.lowerBound < huambo.lowerBound)
            let index = try #require(expected.index.rounded)
            #expect(html.contains(#"<span class="score">\#(index)</span>"#))
            #expect(html.contains("Cobertura: \(expected.index.coverage)/12"))
            #expect(html.contains("Etapa: generación"))
            #expect(html.contains(expected.period.label))
        }
    }

    @Test func aNetworkPageHasTheThreeChartsAsInlineSVGAndMaskedPhones() async throws {
        let f = try await DashboardFixture.make()
        try await f.application.test(.router) { client in
            let login = try #require(try await client.login("admin"))
            let response = try await client.send("/networks/HUAMBO", headers: login.headers)
            #expect(response.status == .ok)
            let html = String(buffer: response.body)
            for chart in ["chart-index", "chart-indicators", "chart-gender"] {
                let start = try #require(html.range(of: #"<svg class="chart \#(chart)""#), "\(chart)")
                let end = try #require(html.range(of: "</svg>", range: start.upperBound..<html.endIndex))
                let svg = html[start.lowerBound..<end.upperBound]
                #expect(svg.contains("<rect") || svg.contains("<circle"), "\(chart) draws shapes")
            }
            #expect(html.contains("<polyline"))
            #expect(!html.contains("<script"))
            for id in IndicatorID.allCases { #expect(html.contains("\(id.code) \(id.spanishName)")) }
            #expect(html.contains("Mujeres") && html.contains("Hombres"))
            #expect(html.contains("Rosa Quispe"))
            #expect(html.contains(PhoneNumber.masked(DashboardFixture.rosaPhone)))
            #expect(!html.contains(DashboardFixture.rosaPhone))
            #expect(!html.contains("+51987000001"))
            #expect(html.contains("APORTE 20 secreto"))
        }
    }

    @Test func theMessageLogMasksPhonesAndShowsTextsToAdminsOnly() async throws {
        let f = try await DashboardFixture.make()
        try await f.application.test(.router) { client in
            let admin = try #require(try await client.login("admin"))
            let adminLog = String(buffer: try await client.send("/messages", headers: admin.headers).body)
            #expect(adminLog.contains("APORTE 20 secreto"))
            #expect(adminLog.contains("Asistio a la reunion?"))
            #expect(adminLog.contains(PhoneNumber.masked(DashboardFixture.rosaPhone)))
            #expect(!adminLog.contains(DashboardFixture.rosaPhone))

            let staff = try #require(try await client.login("staff"))
            for page in ["/messages", "/networks/HUAMBO", "/problems"] {
                let html = String(buffer: try await client.send(page, headers: staff.headers).body)
                #expect(!html.contains("APORTE 20 secreto"), "\(page)")
                #expect(!html.contains("Asistio a la reunion?"), "\(page)")
                #expect(html.contains("(visible solo para administradores)"), "\(page)")
                #expect(!html.contains(DashboardFixture.rosaPhone), "\(page)")
            }
            let csv = String(buffer: try await client.send("/export/messages.csv", headers: staff.headers).body)
            #expect(csv.hasPrefix("received_at,gateway,from,outcome,replies,text"))
            #expect(csv.contains(PhoneNumber.masked(DashboardFixture.rosaPhone)))
            #expect(!csv.contains("secreto"))
        }
    }

    @Test func aDeadMessageIsListedWithItsReasonAndRetried() async throws {
        let f = try await DashboardFixture.make(sqlite: true)
        try await f.application.test(.router) { client in
            let login = try #require(try await client.login("admin"))
            let page = String(buffer: try await client.send("/problems", headers: login.headers).body)
            #expect(page.contains("gateway answered 400: unreachable"))
            #expect(page.contains(#"action="/problems/\#(f.deadID)/retry""#))
            let retry = try await client.send("/problems/\(f.deadID)/retry", .post, headers: login.formHeaders, body: "csrf=\(login.csrf)")
            #expect(retry.status == .seeOther)
            #expect(retry.headers[.location] == "/problems?retried=\(f.deadID)")
            let after = String(buffer: try await client.send("/problems?retried=\(f.deadID)", headers: login.headers).body)
            #expect(after.contains("El mensaje \(f.deadID) volvió a la cola."))
            #expect(after.contains("No hay mensajes sin entregar."))
            let again = try await client.send("/problems/\(f.deadID)/retry", .post, headers: login.formHeaders, body: "csrf=\(login.csrf)")
            #expect(again.headers[.location] == "/problems?stale=\(f.deadID)")
        }
        let queued = try await f.store.read { tx in try await tx.outbound(limit: 5, status: .queued) }
        #expect(queued.map(\.message.id) == [f.deadID])
        #expect(queued.first?.message.attempts == 0)
    }

    @Test func unknownNetworksAre404AndTheIndicatorExportIsCSV() async throws {
        let f = try await DashboardFixture.make()
        try await f.application.test(.router) { client in
            let login = try #require(try await client.login("admin"))
            #expect(try await client.send("/networks/NOPE", headers: login.headers).status == .notFound)
            let csv = try await client.send("/export/indicators.csv?period=2025-W46", headers: login.headers)
            #expect(csv.status == .ok)
            #expect(csv.headers[.contentType] == "text/csv; charset=utf-8")
            let text = String(buffer: csv.body)
            #expect(text.hasPrefix("network,name,period,index,light,coverage,stage,trend"))
            #expect(text.contains("HUAMBO,Lacteos Huambocancha,2025-W46"))
            #expect(try await client.send("/export/indicators.csv?period=soon", headers: login.headers).status == .badRequest)
        }
    }
}
