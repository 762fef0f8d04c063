import Foundation
import SMSText
import TrustCore

extension Turn {
    var formatter: StatusFormatter { StatusFormatter(book: bot.book, language: language, settings: settings.indicators) }

    /// The sender's networks of some rows with their status, worst first.
    func statuses(_ rows: [Membership]) -> [(Network, NetworkStatus)] {
        rows.compactMap { row in context.statuses[row.network.id].map { (row.network, $0) } }.sorted(by: StatusFormatter.worstFirst)
    }

    /// `REDES`: the articulador's networks worst-first with index, light and trend; remembered for `ESTADO 1`.
    mutating func networksCommand() {
        let rows = rows(.articulador)
        guard !rows.isEmpty else { return reply(Audience.articulador.refusal) }
        let entries = statuses(rows)
        guard let first = entries.first else { return reply("status.unavailable", ["code": rows[0].network.code]) }
        let items = entries.enumerated().map { formatter.listItem(position: $0.offset + 1, $0.element.0, $0.element.1) }
        state.listing = entries.map(\.0.code)
        state.listingExpiresAt = now.addingTimeInterval(settings.flowLifetime)
        let header = render("networks.header", ["count": "\(first.1.current.period.weeks.count)"])
        let footer = render("networks.footer", ["code": first.0.code])
        replyPages(Turn.pages(header: header, items: items, footer: footer, more: render("more.marker"), separator: "; "))
    }

    /// `ESTADO HUAMBO`: one network's index, light, change, S2, S1, Q1, E1, stage and coverage, or what data is
    /// missing when too few indicators have data.
    mutating func statusCommand(_ row: Membership) {
        guard let status = context.statuses[row.network.id] else { return reply("status.unavailable", ["code": row.network.code]) }
        var values = formatter.values(row.network, status)
        guard status.current.index.value != nil else {
            let missing = formatter.missingSources(status.current)
            return effects.append(.reply(fittedList("status.low_coverage", values, list: "missing", items: missing)))
        }
        values["network"] = Truncation.network(row.network.name)
        reply("status.detail", values)
    }

    /// `ALERTAS`: networks whose index or attendance fell, or that stopped reporting.
    mutating func alertsCommand() {
        let rows = rows(.articulador)
        guard !rows.isEmpty else { return reply(Audience.articulador.refusal) }
        let entries = statuses(rows).filter { !$0.1.alerts.isEmpty }
        let items = entries.flatMap { formatter.alertItems($0.1) }
        guard let first = entries.first else { return reply("alerts.none", ["count": "\(rows.count)"]) }
        let header = render("alerts.header", ["count": "\(items.count)"])
        let footer = render("alerts.footer", ["code": first.0.code])
        replyPages(Turn.pages(header: header, items: items, footer: footer, more: render("more.marker"), separator: "; "))
    }

    /// `RESUMEN`: a socio's own month; a leader's network summary; an articulador's networks (one: its summary).
    mutating func summaryCommand() {
        let viewers = rows(.viewer)
        guard !viewers.isEmpty else { return withRow(.summary, .member) { $0.mine($1) } }
        let leaders = rows(.leader)
        if arguments.isEmpty, chosenMemberID == nil {
            if leaders.count == 1 { return networkSummary(leaders[0]) }
            if leaders.isEmpty, viewers.count > 1 { return networksCommand() }
        }
        withNetwork(.summary, .viewer, extra: { _ in false }) { $0.networkSummary($1) }
    }

    /// The short network summary (one SMS): index, light, change, attendance, contributions, satisfaction, events.
    mutating func networkSummary(_ row: Membership) {
        guard let status = context.statuses[row.network.id] else { return reply("status.unavailable", ["code": row.network.code]) }
        guard status.current.index.value != nil else { return statusCommand(row) }
        reply("network.summary", formatter.values(row.network, status))
    }
}
