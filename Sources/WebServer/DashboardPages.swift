import CSV
import Engine
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdAuth
import Logging
import TrustCore

/// What a network page request found.
enum NetworkLookup: Sendable {
    case missing, forbidden
    case found(NetworkStatus, [(ISOWeek, Double?)], [InboundRecord])
}

/// The pages behind the login.
struct DashboardPages {
    let controller: DashboardController

    var store: any Store { controller.dependencies.store }
    var settings: IndicatorSettings { controller.config.indicators }
    var renderer: DashboardRenderer { controller.renderer }

    func addRoutes(to pages: RouterGroup<DashboardContext>) {
        pages.get("/") { request, context in try await networks(request, context) }
        pages.get("/networks/:code") { request, context in try await network(request, context) }
        pages.get("/messages") { request, context in try await messages(request, context) }
        pages.get("/problems") { request, context in try await problems(request, context) }
        pages.post("/problems/:id/retry") { request, context in try await retry(request, context) }
        pages.get("/export/indicators.csv") { request, context in try await exportIndicators(request, context) }
        pages.get("/export/messages.csv") { request, context in try await exportMessages(request, context) }
    }

    private func viewer(_ context: DashboardContext) throws -> DashboardViewer { try context.requireIdentity() }

    private func statuses(_ viewer: DashboardViewer, period: Period? = nil) async throws -> [NetworkStatus] {
        let now = controller.dependencies.clock()
        let settings = settings
        return try await store.read { tx in
            var rows: [NetworkStatus] = []
            for network in try await tx.networks() where viewer.canSee(network.id) {
                rows.append(try await NetworkStatus.load(tx, network: network, period: period, now: now, settings: settings))
            }
            return rows.sorted(by: NetworkStatus.worstFirst)
        }
    }

    // MARK: Networks

    private func networks(_ request: Request, _ context: DashboardContext) async throws -> Response {
        let chrome = controller.chrome(request, context)
        let t = chrome.t
        let rows: [[String: Any]] = try await statuses(try viewer(context)).map { status in
            let report = status.current
            let light = report.index.light?.rawValue ?? "none"
            var row: [String: Any] = [
                "code": status.network.code, "name": status.network.name, "index": report.index.rounded.map(String.init) ?? "–",
                "light": light, "lightLabel": t["light_\(light)"] ?? light, "stage": t["stage_\(report.stage.rawValue)"] ?? "",
                "coverage": report.index.coverage, "members": status.memberCount, "period": report.period.label,
            ]
            if let trend = DashboardFormat.trend(status.trend) {
                row["trend"] = trend
                row["trendClass"] = DashboardFormat.trendClass(status.trend)
            }
            if !status.alerts.isEmpty { row["alertCount"] = status.alerts.count }
            return row
        }
        return renderer.page("networks", title: t["nav_networks"] ?? "", ["rows": rows], chrome: chrome)
    }

    private func network(_ request: Request, _ context: DashboardContext) async throws -> Response {
        let chrome = controller.chrome(request, context)
        let viewer = try viewer(context)
        let code = (context.parameters.get("code") ?? "").uppercased()
        let now = controller.dependencies.clock()
        let settings = settings
        let found = try await store.read { tx -> NetworkLookup in
            guard let network = try await tx.network(code: code) else { return .missing }
            guard viewer.canSee(network.id) else { return .forbidden }
            let status = try await NetworkStatus.load(tx, network: network, now: now, settings: settings)
            let (series, log) = try await DashboardNetworkPage.load(tx, status: status, settings: settings)
            return .found(status, series, log)
        }
        let (status, series, log): (NetworkStatus, [(ISOWeek, Double?)], [InboundRecord])
        switch found {
        case .missing:
            return renderer.message(chrome.t["not_found_title"] ?? "", chrome.t["not_found_text"] ?? "", chrome: chrome, status: .notFound)
        case .forbidden:
            context.logger.notice("dashboard network refused", metadata: ["confianza.dashboard.user": "\(viewer.user.name)"])
            return forbidden(request, context)
        case .found(let s, let w, let l):
            (status, series, log) = (s, w, l)
        }
        let page = DashboardNetworkPage(status: status, settings: settings, language: chrome.language, readsTexts: viewer.readsTexts)
        var model = page.model(series: series, log: log)
        let table = inboundRows(Array(log.prefix(30)), viewer: viewer, t: chrome.t, zone: status.network.zone)
        model["messageTable"] = renderer.fragment("inboundTable", ["rows": table], chrome: chrome) ?? ""
        return renderer.page("network", title: status.network.name, model, chrome: chrome)
    }

    // MARK: Messages and delivery problems

    private func staffOnly(_ request: Request, _ context: DashboardContext) throws -> DashboardViewer? {
        let viewer = try viewer(context)
        return viewer.isStaff ? viewer : nil
    }

    private func forbidden(_ request: Request, _ context: DashboardContext) -> Response {
        let chrome = controller.chrome(request, context)
        return renderer.message(chrome.t["forbidden_title"] ?? "", chrome.t["forbidden_text"] ?? "", chrome: chrome, status: .forbidden)
    }

    func inboundRows(_ log: [InboundRecord], viewer: DashboardViewer, t: [String: String], zone: TimeZone) -> [[String: Any]] {
        log.map { record in
            [
                "time": DashboardFormat.time(record.receivedAt, zone: zone), "from": PhoneNumber.masked(record.from),
                "text": viewer.readsTexts ? record.text : (t["hidden_text"] ?? ""), "outcome": record.outcome, "replies": record.replies.count,
            ]
        }
    }

    private func messages(_ request: Request, _ context: DashboardContext) async throws -> Response {
        guard let viewer = try staffOnly(request, context) else { return forbidden(request, context) }
        let chrome = controller.chrome(request, context)
        let before = request.uri.queryParameters.get("before").flatMap(Double.init).map(Date.init(timeIntervalSince1970:))
        let (inbound, outbound) = try await store.read { tx in
            (try await tx.messageLog().inboundLog(senders: nil, before: before, limit: 100), try await tx.outbound(limit: 100, status: nil))
        }
        let zone = TimeZone(identifier: "America/Lima") ?? .gmt
        var model: [String: Any] = [
            "inboundTable": renderer.fragment("inboundTable", ["rows": inboundRows(inbound, viewer: viewer, t: chrome.t, zone: zone)], chrome: chrome) ?? "",
            "outbound": outbound.map { row -> [String: Any] in
                [
                    "time": DashboardFormat.time(row.createdAt, zone: zone), "to": PhoneNumber.masked(row.message.to), "kind": row.kind,
                    "status": row.status.rawValue, "segments": row.message.segments,
                    "text": viewer.readsTexts ? row.message.text : (chrome.t["hidden_text"] ?? ""),
                ]
            },
        ]
        if inbound.count == 100, let oldest = inbound.last { model["olderLink"] = "/messages?before=\(oldest.receivedAt.timeIntervalSince1970)" }
        return renderer.page("messages", title: chrome.t["messages_title"] ?? "", model, chrome: chrome)
    }

    private func problems(_ request: Request, _ context: DashboardContext) async throws -> Response {
        guard let viewer = try staffOnly(request, context) else { return forbidden(request, context) }
        let chrome = controller.chrome(request, context)
        let dead = try await store.read { tx in try await tx.outbound(limit: 200, status: .dead) }
        let csrf = context.sessions.session?.csrf ?? ""
        let zone = TimeZone(identifier: "America/Lima") ?? .gmt
        var model: [String: Any] = [
            "rows": dead.map { row -> [String: Any] in
                [
                    "id": row.message.id, "time": DashboardFormat.time(row.updatedAt, zone: zone), "to": PhoneNumber.masked(row.message.to),
                    "kind": row.kind, "gateway": row.message.gateway, "attempts": row.message.attempts, "reason": row.lastError ?? "",
                    "text": viewer.readsTexts ? row.message.text : (chrome.t["hidden_text"] ?? ""), "csrf": csrf,
                ]
            }
        ]
        let query = request.uri.queryParameters
        if let id = query.get("retried").flatMap(Int64.init) {
            model["notice"] = (chrome.t["retried"] ?? "").replacingOccurrences(of: "{id}", with: "\(id)")
        } else if let id = query.get("stale").flatMap(Int64.init) {
            model["notice"] = (chrome.t["not_retried"] ?? "").replacingOccurrences(of: "{id}", with: "\(id)")
        }
        return renderer.page("problems", title: chrome.t["problems_title"] ?? "", model, chrome: chrome)
    }

    private func retry(_ request: Request, _ context: DashboardContext) async throws -> Response {
        guard let viewer = try staffOnly(request, context) else { return forbidden(request, context) }
        guard let id = context.parameters.get("id").flatMap(Int64.init) else { throw HTTPError(.notFound) }
        let now = controller.dependencies.clock()
        let requeued = try await store.transaction { tx in try await tx.messageLog().requeue(id: id, now: now) }
        context.logger.info("dead message requeued", metadata: ["confianza.outbox.id": "\(id)", "confianza.dashboard.user": "\(viewer.user.name)"])
        return .redirect(to: requeued ? "/problems?retried=\(id)" : "/problems?stale=\(id)", type: .normal)
    }

    // MARK: Exports

    private func exportIndicators(_ request: Request, _ context: DashboardContext) async throws -> Response {
        let period = try request.uri.queryParameters.get("period").map { text in
            guard let parsed = Period.parse(text) else { throw HTTPError(.badRequest, message: "cannot read period \(text)") }
            return parsed
        }
        let rows = try await statuses(try viewer(context), period: period).sorted { $0.network.code < $1.network.code }
        let csv = try IndicatorExport.csv(rows.map { ($0.current, $0.trend) })
        return Self.download(csv, filename: "indicators.csv")
    }

    private func exportMessages(_ request: Request, _ context: DashboardContext) async throws -> Response {
        guard let viewer = try staffOnly(request, context) else { return forbidden(request, context) }
        let log = try await store.read { tx in try await tx.messageLog().inboundLog(senders: nil, before: nil, limit: 10_000) }
        let stream = OutputStream(toMemory: ())
        let writer = try CSVWriter(stream: stream)
        try writer.write(row: ["received_at", "gateway", "from", "outcome", "replies", "text"])
        let iso = ISO8601DateFormatter()
        for record in log {
            try writer.write(row: [
                iso.string(from: record.receivedAt), record.gateway, PhoneNumber.masked(record.from), record.outcome,
                String(record.replies.count), viewer.readsTexts ? record.text : "",
            ])
        }
        writer.stream.close()
        let data = stream.property(forKey: .dataWrittenToMemoryStreamKey) as? Data ?? Data()
        return Self.download(String(decoding: data, as: UTF8.self), filename: "messages.csv")
    }

    static func download(_ csv: String, filename: String) -> Response {
        Response(
            status: .ok,
            headers: [
                .contentType: "text/csv; charset=utf-8", .contentDisposition: "attachment; filename=\"\(filename)\"", .cacheControl: "no-store",
            ],
            body: .init(byteBuffer: ByteBuffer(string: csv)))
    }
}
