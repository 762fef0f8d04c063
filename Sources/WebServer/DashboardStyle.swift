/// The dashboard's only stylesheet, inlined in every page (no external file or CDN; small enough for a slow
/// connection). Mobile first: one column, tables scroll sideways, cards stack.
enum DashboardStyle {
    static let css = """
        *{box-sizing:border-box}
        body{margin:0;font:16px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#222;background:#f5f6f8}
        a{color:#1f4e79}
        header.top{display:flex;flex-wrap:wrap;align-items:center;gap:.5rem 1rem;padding:.6rem 1rem;background:#1f4e79;color:#fff}
        header.top a{color:#fff;text-decoration:none}
        .brand{font-weight:700;font-size:1.15rem;margin-right:auto}
        nav a{margin-right:.8rem}
        form.inline{display:inline;margin:0}
        header.top button{background:none;border:1px solid #fff;color:#fff;border-radius:4px;padding:.15rem .6rem;cursor:pointer}
        .who{opacity:.85;margin-right:.4rem}
        .lang a{font-size:.85rem;opacity:.9}
        main{max-width:960px;margin:0 auto;padding:1rem}
        h1{font-size:1.45rem;margin:.3rem 0 .6rem}
        h2{font-size:1.1rem;margin:1.4rem 0 .5rem}
        .muted{color:#666;font-size:.9rem}
        .cards{list-style:none;padding:0;margin:0;display:grid;gap:.75rem;grid-template-columns:repeat(auto-fill,minmax(260px,1fr))}
        .card{background:#fff;border-radius:8px;padding:.8rem 1rem;box-shadow:0 1px 2px rgba(0,0,0,.08)}
        .card h3{margin:0 0 .3rem;font-size:1.05rem}
        .card .facts{display:flex;flex-wrap:wrap;gap:.2rem .9rem;font-size:.9rem;color:#444}
        .big{display:flex;align-items:center;gap:.6rem;margin:.3rem 0}
        .score{font-size:2rem;font-weight:700;min-width:2.5ch}
        .pill{display:inline-block;border-radius:999px;padding:.05rem .6rem;font-size:.8rem;font-weight:600;color:#fff;background:#777}
        .pill.red{background:#c62828}.pill.yellow{background:#f2a900;color:#222}.pill.green{background:#2e7d32}
        .up{color:#2e7d32}.down{color:#c62828}
        figure{margin:0;background:#fff;border-radius:8px;padding:.8rem;box-shadow:0 1px 2px rgba(0,0,0,.08)}
        figcaption{font-weight:600;font-size:.95rem;margin-bottom:.4rem}
        .charts{display:grid;gap:.75rem;grid-template-columns:repeat(auto-fit,minmax(300px,1fr));margin-top:1rem}
        .stack{display:grid;gap:.75rem;align-content:start}
        td.nowrap{white-space:nowrap}
        td.who{min-width:9rem}
        svg.chart{width:100%;height:auto;display:block}
        .scroll{overflow-x:auto;background:#fff;border-radius:8px;box-shadow:0 1px 2px rgba(0,0,0,.08)}
        table{border-collapse:collapse;width:100%;font-size:.9rem}
        th,td{text-align:left;padding:.4rem .55rem;border-bottom:1px solid #eee;vertical-align:top}
        th{background:#fafafa;font-weight:600;white-space:nowrap}
        td.num,th.num{text-align:right;white-space:nowrap}
        .alerts{margin:.4rem 0;padding-left:1.2rem;color:#8a1c1c}
        .notice{background:#e8f5e9;border-radius:6px;padding:.5rem .8rem}
        .error{background:#fdecea;border-radius:6px;padding:.5rem .8rem;color:#8a1c1c}
        .login{max-width:360px;margin:2rem auto;background:#fff;border-radius:8px;padding:1.2rem;box-shadow:0 1px 3px rgba(0,0,0,.1)}
        label{display:block;margin:.6rem 0 .2rem;font-weight:600}
        input[type=text],input[type=password]{width:100%;padding:.55rem;font-size:1rem;border:1px solid #bbb;border-radius:4px}
        button.primary{margin-top:1rem;width:100%;padding:.6rem;font-size:1rem;background:#1f4e79;color:#fff;border:0;border-radius:4px}
        button.retry{padding:.25rem .7rem;border:1px solid #1f4e79;background:#fff;color:#1f4e79;border-radius:4px}
        footer{max-width:960px;margin:0 auto;padding:1rem;color:#888;font-size:.8rem}
        """
}
