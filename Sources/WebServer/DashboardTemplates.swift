/// The dashboard's Mustache templates. Every page body is rendered first, then put into `layout`.
/// `{{…}}` escapes HTML; `{{{…}}}` is used only for markup the server built itself (charts, page body).
enum DashboardTemplates {
    static let all: [String: String] = [
        "layout": layout, "login": login, "networks": networks, "network": network, "messages": messages,
        "problems": problems, "message": message, "inboundTable": inboundTable,
    ]

    static let layout = """
        <!doctype html>
        <html lang="{{lang}}">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{title}} · Confianza</title>
        <style>{{{css}}}</style>
        </head>
        <body>
        <header class="top">
        <a class="brand" href="/">Confianza</a>
        {{#viewer}}
        <nav><a href="/">{{t.nav_networks}}</a>{{#isStaff}} <a href="/messages">{{t.nav_messages}}</a> <a href="/problems">{{t.nav_problems}}</a>{{/isStaff}}</nav>
        <form class="inline" method="post" action="/logout"><input type="hidden" name="csrf" value="{{csrf}}"><span class="who">{{name}}</span><button type="submit">{{t.logout}}</button></form>
        {{/viewer}}
        <span class="lang"><a href="?lang=es" hreflang="es">ES</a> · <a href="?lang=en" hreflang="en">EN</a></span>
        </header>
        <main>
        {{{body}}}
        </main>
        <footer>Confianza · {{t.generated}} {{now}}</footer>
        </body>
        </html>
        """

    static let login = """
        <form class="login" method="post" action="/login">
        <h1>{{t.login_title}}</h1>
        <p class="muted">{{t.login_lead}}</p>
        {{#failed}}<p class="error" role="alert">{{t.login_failed}}</p>{{/failed}}
        <input type="hidden" name="csrf" value="{{csrf}}">
        <label for="user">{{t.login_user}}</label>
        <input type="text" id="user" name="user" value="{{user}}" autocomplete="username" autocapitalize="none" required>
        <label for="password">{{t.login_password}}</label>
        <input type="password" id="password" name="password" autocomplete="current-password" required>
        <button class="primary" type="submit">{{t.login_button}}</button>
        </form>
        """

    static let networks = """
        <h1>{{t.networks_title}}</h1>
        <p class="muted">{{t.networks_lead}}</p>
        <ul class="cards">
        {{#rows}}
        <li class="card network">
        <h3><a href="/networks/{{code}}">{{name}}</a></h3>
        <div class="big"><span class="score">{{index}}</span><span class="pill {{light}}">{{lightLabel}}</span>{{#trend}}<span class="{{trendClass}}">{{trend}}</span>{{/trend}}</div>
        <div class="facts"><span>{{code}}</span><span>{{t.stage}}: {{stage}}</span><span>{{t.coverage}}: {{coverage}}/12</span><span>{{members}} {{t.members_short}}</span></div>
        <div class="facts muted"><span>{{period}}</span>{{#alertCount}}<span class="down">⚠ {{alertCount}}</span>{{/alertCount}}</div>
        </li>
        {{/rows}}
        </ul>
        {{^rows}}<p>{{t.no_networks}}</p>{{/rows}}
        <p><a href="/export/indicators.csv">{{t.export_csv}}</a></p>
        """

    static let network = """
        <h1>{{name}} <span class="muted">{{code}}</span></h1>
        <div class="card">
        <div class="big"><span class="score">{{index}}</span><span class="pill {{light}}">{{lightLabel}}</span>{{#trend}}<span class="{{trendClass}}">{{trend}}</span>{{/trend}}</div>
        <div class="facts"><span>{{t.period}}: {{period}}</span><span>{{t.stage}}: {{stage}}</span><span>{{t.coverage}}: {{coverage}}/12</span><span>{{members}} {{t.members_short}}</span></div>
        {{#hasAlerts}}<ul class="alerts">{{#alerts}}<li>{{.}}</li>{{/alerts}}</ul>{{/hasAlerts}}
        {{^alerts}}<p class="muted">{{t.no_alerts}}</p>{{/alerts}}
        </div>
        <div class="charts">
        <div class="stack">
        <figure><figcaption>{{t.chart_index}}</figcaption>{{{indexChart}}}</figure>
        <figure><figcaption>{{t.chart_gender}}</figcaption>{{{genderChart}}}</figure>
        </div>
        <figure><figcaption>{{t.chart_indicators}}</figcaption>{{{indicatorChart}}}</figure>
        </div>
        <h2>{{t.indicators_table}}</h2>
        <div class="scroll"><table>
        <thead><tr><th>{{t.indicator}}</th><th class="num">{{t.value}}</th><th class="num">{{t.fraction}}</th><th class="num">{{t.data_points}}</th><th class="num">{{t.score}}</th></tr></thead>
        <tbody>{{#indicators}}<tr><td>{{code}} {{name}}</td><td class="num">{{value}}</td><td class="num">{{fraction}}</td><td class="num">{{dataPoints}}</td><td class="num">{{score}}</td></tr>{{/indicators}}</tbody>
        </table></div>
        <h2>{{t.members_title}}</h2>
        <div class="scroll"><table>
        <thead><tr><th class="num">{{t.roster}}</th><th>{{t.name}}</th><th>{{t.phone}}</th><th class="num">{{t.attended}}</th><th class="num">{{t.contributed}}</th><th class="num">{{t.ratings}}</th><th>{{t.last_message}}</th></tr></thead>
        <tbody>{{#memberRows}}<tr><td class="num">{{roster}}</td><td class="who">{{name}}<br><small class="muted">{{role}}{{#gender}} · {{gender}}{{/gender}}{{#optedOut}} · {{t.opted_out}}{{/optedOut}}</small></td><td class="nowrap">{{phone}}</td><td class="num">{{attended}}</td><td class="num">{{contributed}}{{#pending}}<br><small class="muted">{{pending}} {{t.pending}}</small>{{/pending}}</td><td class="num">{{ratings}}</td><td class="nowrap">{{lastMessage}}</td></tr>{{/memberRows}}</tbody>
        </table></div>
        <h2>{{t.messages_network}}</h2>
        {{{messageTable}}}
        """

    static let messages = """
        <h1>{{t.messages_title}}</h1>
        <p><a href="/export/messages.csv">{{t.export_messages}}</a></p>
        <h2>{{t.inbound}}</h2>
        {{{inboundTable}}}
        {{#olderLink}}<p><a href="{{olderLink}}">{{t.older}} →</a></p>{{/olderLink}}
        <h2>{{t.outbound}}</h2>
        <div class="scroll"><table>
        <thead><tr><th>{{t.time}}</th><th>{{t.to}}</th><th>{{t.kind}}</th><th>{{t.status}}</th><th class="num">{{t.segments}}</th><th>{{t.text}}</th></tr></thead>
        <tbody>{{#outbound}}<tr><td>{{time}}</td><td>{{to}}</td><td>{{kind}}</td><td>{{status}}</td><td class="num">{{segments}}</td><td>{{text}}</td></tr>{{/outbound}}</tbody>
        </table></div>
        {{^outbound}}<p class="muted">{{t.no_messages}}</p>{{/outbound}}
        """

    /// The inbound table, shared by the log page and the network page.
    static let inboundTable = """
        <div class="scroll"><table class="log">
        <thead><tr><th>{{t.time}}</th><th>{{t.from}}</th><th>{{t.text}}</th><th>{{t.outcome}}</th><th class="num">{{t.replies}}</th></tr></thead>
        <tbody>{{#rows}}<tr><td>{{time}}</td><td>{{from}}</td><td>{{text}}</td><td>{{outcome}}</td><td class="num">{{replies}}</td></tr>{{/rows}}</tbody>
        </table></div>
        {{^rows}}<p class="muted">{{t.no_messages}}</p>{{/rows}}
        """

    static let problems = """
        <h1>{{t.problems_title}}</h1>
        <p class="muted">{{t.problems_lead}}</p>
        {{#notice}}<p class="notice" role="status">{{notice}}</p>{{/notice}}
        <div class="scroll"><table>
        <thead><tr><th class="num">#</th><th>{{t.time}}</th><th>{{t.to}}</th><th>{{t.kind}}</th><th class="num">{{t.attempts}}</th><th>{{t.reason}}</th><th>{{t.text}}</th><th></th></tr></thead>
        <tbody>{{#rows}}<tr><td class="num">{{id}}</td><td>{{time}}</td><td>{{to}}</td><td>{{kind}} · {{gateway}}</td><td class="num">{{attempts}}</td><td>{{reason}}</td><td>{{text}}</td>
        <td><form class="inline" method="post" action="/problems/{{id}}/retry"><input type="hidden" name="csrf" value="{{csrf}}"><button class="retry" type="submit">{{t.retry}}</button></form></td></tr>{{/rows}}</tbody>
        </table></div>
        {{^rows}}<p class="muted">{{t.no_problems}}</p>{{/rows}}
        """

    static let message = """
        <h1>{{heading}}</h1>
        <p>{{text}}</p>
        <p><a href="/">{{t.back}}</a></p>
        """
}
