#!/usr/bin/env python3
"""Turns one bench/run.sh run (its work folder) into results/latest.md and results/latest.tsv.

Every figure of ours is reported as a ratio to the matching ceiling measured in the same run.
Usage: report.py WORK_DIR OUT.md OUT.tsv
"""
import re
import statistics
import sys
from pathlib import Path


def fields(text):
    return dict(part.split("=", 1) for part in text.split() if "=" in part)


def median(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def number(value, digits=0):
    if value is None:
        return "n/a"
    if digits == 0:
        return f"{value:,.0f}"
    return f"{value:,.{digits}f}"


def ratio(ours, ceiling):
    if ours is None or not ceiling:
        return None
    return ours / ceiling


def percent(value):
    return "n/a" if value is None else f"{100 * value:.0f}%"


def main():
    work, out_md, out_tsv = Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3])
    machine = dict(
        line.split("\t", 1) for line in (work / "machine.tsv").read_text().splitlines() if "\t" in line
    )

    http, curl, indicators = {}, {}, {}
    for line in (work / "raw.tsv").read_text().splitlines():
        kind, figure, connections, _rep, rest = line.split("\t", 4)
        values = fields(rest)
        if kind == "indicators":
            indicators.setdefault(figure, []).append(values)
            continue
        (http if kind == "http" else curl).setdefault((figure, int(connections)), []).append(values)

    def http_stat(figure, connections, key, scale=1.0):
        runs = http.get((figure, connections), [])
        return median([float(run[key]) * scale for run in runs if key in run])

    def cpu_per_request(figure, connections):
        """Median over runs of the server's CPU time per request, in ms (CPU % × 10 / req/s)."""
        runs = http.get((figure, connections), [])
        return median([float(run["cpu_pct"]) * 10 / float(run["rps"]) for run in runs
                       if "cpu_pct" in run and float(run.get("rps", 0)) > 0])

    def http_max(figure, connections, key, scale=1.0):
        values = [float(run[key]) * scale for run in http.get((figure, connections), []) if key in run]
        return max(values) if values else None

    def curl_rate(figure):
        runs = [runs for (name, _), runs in curl.items() if name == figure]
        return median([float(run["rate"]) for group in runs for run in group if "rate" in run])

    tsv = [["group", "figure", "connections", "metric", "value", "unit", "ceiling", "ceiling_value", "ratio"]]
    md = []
    md.append("# Benchmark results (latest run)")
    md.append("")
    md.append(f"Command: `{machine.get('command', 'bench/run.sh')}` at {machine.get('date')} on commit "
              f"`{machine.get('commit')}`.  ")
    md.append(f"confianza binary: `{machine.get('binary')}`.  ")
    md.append(f"Machine: {machine.get('nproc')} cores (`nproc`), {machine.get('cpu')}, {machine.get('memory')}, "
              f"Linux {machine.get('kernel')}, load before the run {machine.get('load')}.  ")
    md.append(f"Tools: {machine.get('swift')}; {machine.get('wrk')}.  ")
    md.append(f"Settings: {machine.get('settings')}. Loopback only; the client (wrk) shares the machine's cores "
              "with the server.")
    md.append("")

    # ---- webhook ----
    md.append("## Webhook ingest vs ceilings (Kannel GET route, realistic mix, same wrk script for all)")
    md.append("")
    md.append("| server | conns | req/s | p50 ms | p99 ms | server CPU % | CPU ms/req | RSS MiB | non-2xx | "
              "ratio to hello | ratio to SQLite-per-request |")
    md.append("|---|---|---|---|---|---|---|---|---|---|---|")
    connections_seen = sorted({c for (_, c) in http})
    for connections in connections_seen:
        hello = http_stat("ceiling-hello", connections, "rps")
        sqlite = http_stat("ceiling-sqlite", connections, "rps")
        for figure, label in [("ceiling-hello", "ceiling: Hummingbird hello world"),
                              ("ceiling-sqlite", "ceiling: + one SQLite insert per request, FULL"),
                              ("confianza-webhook", "**confianza serve, full pipeline**")]:
            rps = http_stat(figure, connections, "rps")
            p50 = http_stat(figure, connections, "p50_us", 1e-3)
            p99 = http_stat(figure, connections, "p99_us", 1e-3)
            cpu = http_stat(figure, connections, "cpu_pct")
            cpu_ms = cpu_per_request(figure, connections)
            rss = http_max(figure, connections, "rss_kib", 1 / 1024)
            non2xx = sum(int(run.get("non2xx", 0)) + int(run.get("errors", 0)) for run in http.get((figure, connections), []))
            r_hello = ratio(rps, hello) if figure != "ceiling-hello" else None
            r_sqlite = ratio(rps, sqlite) if figure == "confianza-webhook" else None
            md.append(f"| {label} | {connections} | {number(rps)} | {number(p50, 2)} | {number(p99, 2)} | "
                      f"{number(cpu)} | {number(cpu_ms, 3)} | {number(rss, 1)} | {non2xx} | "
                      f"{percent(r_hello) if r_hello is not None else '—'} | "
                      f"{percent(r_sqlite) if r_sqlite is not None else '—'} |")
            for metric, value, unit in [("req_per_s", rps, "1/s"), ("p50", p50, "ms"), ("p99", p99, "ms"),
                                        ("server_cpu", cpu, "%"), ("cpu_per_request", cpu_ms, "ms"),
                                        ("server_rss", rss, "MiB"), ("non_2xx_or_errors", non2xx, "count")]:
                row = ["webhook", figure, connections, metric, "" if value is None else f"{value:.3f}", unit, "", "", ""]
                if metric == "req_per_s" and figure != "ceiling-hello":
                    row[6:9] = ["ceiling-hello", f"{hello:.1f}" if hello else "", f"{r_hello:.4f}" if r_hello else ""]
                tsv.append(row)
                if metric == "req_per_s" and figure == "confianza-webhook":
                    tsv.append(["webhook", figure, connections, metric, f"{rps:.3f}" if rps else "", unit,
                                "ceiling-sqlite", f"{sqlite:.1f}" if sqlite else "",
                                f"{r_sqlite:.4f}" if r_sqlite else ""])
    md.append("")
    ours16 = http_stat("confianza-webhook", 16, "rps")
    hello16 = http_stat("ceiling-hello", 16, "rps")
    p99_16 = http_stat("confianza-webhook", 16, "p99_us", 1e-3)
    r16 = ratio(ours16, hello16)
    if r16 is not None and p99_16 is not None:
        md.append(f"Issue 10 targets at 16 connections: ≥ 30% of hello-world req/s — **{percent(r16)}** "
                  f"({'met' if r16 >= 0.30 else 'not met'}); p99 ≤ 10 ms — **{p99_16:.2f} ms** "
                  f"({'met' if p99_16 <= 10 else 'not met'}).")
        md.append("")

    # ---- webhook on PostgreSQL ----
    md.append("## Webhook ingest on PostgreSQL vs ceilings (same route, mix and wrk script; cluster with fsync on)")
    md.append("")
    if any(figure == "ceiling-postgres" for (figure, _) in http):
        md.append("| server | conns | req/s | p50 ms | p99 ms | server CPU % | CPU ms/req | RSS MiB | non-2xx | "
                  "ratio to hello | ratio to PostgreSQL-per-request |")
        md.append("|---|---|---|---|---|---|---|---|---|---|---|")
        for connections in connections_seen:
            hello = http_stat("ceiling-hello", connections, "rps")
            pg = http_stat("ceiling-postgres", connections, "rps")
            for figure, label in [("ceiling-postgres", "ceiling: Hummingbird + one PostgreSQL insert per request"),
                                  ("confianza-webhook-postgres", "**confianza serve --database postgres://…**")]:
                rps = http_stat(figure, connections, "rps")
                p50 = http_stat(figure, connections, "p50_us", 1e-3)
                p99 = http_stat(figure, connections, "p99_us", 1e-3)
                cpu = http_stat(figure, connections, "cpu_pct")
                cpu_ms = cpu_per_request(figure, connections)
                rss = http_max(figure, connections, "rss_kib", 1 / 1024)
                non2xx = sum(int(run.get("non2xx", 0)) + int(run.get("errors", 0))
                             for run in http.get((figure, connections), []))
                r_hello = ratio(rps, hello)
                r_pg = ratio(rps, pg) if figure != "ceiling-postgres" else None
                md.append(f"| {label} | {connections} | {number(rps)} | {number(p50, 2)} | {number(p99, 2)} | "
                          f"{number(cpu)} | {number(cpu_ms, 3)} | {number(rss, 1)} | {non2xx} | {percent(r_hello)} | "
                          f"{percent(r_pg) if r_pg is not None else '—'} |")
                for metric, value, unit in [("req_per_s", rps, "1/s"), ("p50", p50, "ms"), ("p99", p99, "ms"),
                                            ("server_cpu", cpu, "%"), ("cpu_per_request", cpu_ms, "ms"),
                                            ("server_rss", rss, "MiB"), ("non_2xx_or_errors", non2xx, "count")]:
                    tsv.append(["webhook-postgres", figure, connections, metric,
                                "" if value is None else f"{value:.3f}", unit, "", "", ""])
                for ceiling, value, r in [("ceiling-hello", hello, r_hello), ("ceiling-postgres", pg, r_pg)]:
                    if r is not None:
                        tsv.append(["webhook-postgres", figure, connections, "req_per_s", f"{rps:.3f}", "1/s",
                                    ceiling, f"{value:.1f}", f"{r:.4f}"])
        md.append("")
        md.append("Both PostgreSQL servers use a pool of 20 connections; `confianza serve` commits each message "
                  "alone on PostgreSQL (no group commit across instances).")
    else:
        md.append("Not measured in this run (BENCH_POSTGRES=0, PostgreSQL 15 not installed, or the cluster did not start).")
    md.append("")

    # ---- outbox ----
    easy = curl_rate("ceiling-curl-easy")
    multi = curl_rate("ceiling-curl-multi")
    drain = curl_rate("confianza-outbox-drain")
    md.append("## Outbox drain vs libcurl (all POSTing the same JSON to the local fake gateway, ceiling-hello)")
    md.append("")
    md.append("| figure | in flight | msgs or req/s | ratio to libcurl easy | ratio to libcurl multi |")
    md.append("|---|---|---|---|---|")
    md.append(f"| ceiling: libcurl, one easy handle reused | 1 | {number(easy)} | — | — |")
    md.append(f"| ceiling: libcurl multi | 16 | {number(multi)} | — | — |")
    md.append(f"| **confianza outbox drain** (OutboxService + GenericSender + CurlClient, SQLite FULL, "
              f"outbox.concurrency 4, one transaction per result) | 4 | {number(drain)} | {percent(ratio(drain, easy))} | "
              f"{percent(ratio(drain, multi))} |")
    md.append("")
    for figure, value in [("ceiling-curl-easy", easy), ("ceiling-curl-multi", multi)]:
        tsv.append(["outbox", figure, 1 if figure.endswith("easy") else 16, "req_per_s",
                    "" if value is None else f"{value:.3f}", "1/s", "", "", ""])
    for ceiling, value in [("ceiling-curl-easy", easy), ("ceiling-curl-multi", multi)]:
        r = ratio(drain, value)
        tsv.append(["outbox", "confianza-outbox-drain", 4, "msgs_per_s", "" if drain is None else f"{drain:.3f}",
                    "1/s", ceiling, "" if value is None else f"{value:.1f}", "" if r is None else f"{r:.4f}"])

    # ---- indicators at scale ----
    md.append("## Indicators at scale (issue 4): every network's indicators, index and stage from SQLite")
    md.append("")
    if indicators:
        gen = (indicators.get("indicators-generate") or [{}])[0]
        ceiling_runs = indicators.get("indicators-ceiling", [])
        ceiling_s = median([float(r["seconds"]) for r in ceiling_runs if "seconds" in r])
        reused = gen.get("reused") == "1"
        md.append(f"{int(gen.get('networks', 0)):,} networks × 30 members × 52 weeks, {int(gen.get('rows', 0)):,} rows in "
                  f"the real schema ({'reused from an earlier run' if reused else 'generated in this run'}). "
                  "Each phase is its own process (peak RSS is the phase's); the file is in the page cache for all.")
        md.append("")
        md.append("| phase | period | seconds | CPU s | peak RSS MiB | ratio to ceiling (s) | checks |")
        md.append("|---|---|---|---|---|---|---|")
        if gen and not reused:
            md.append(f"| setup: generate the file (bulk SQL inserts; not a figure) | — | {number(float(gen['seconds']), 1)} | "
                      f"{number(float(gen['cpu_s']), 1)} | {number(float(gen['rss_kib']) / 1024, 1)} | — | — |")
        for figure, label in [("indicators-ceiling", "ceiling: one raw GROUP BY pass over every row"),
                              ("indicators-ours-year", "**ours: IndicatorExport (Engine.Reports over SQLiteStore) + CSV**"),
                              ("indicators-ours-week", "**ours, last ISO week**")]:
            runs = indicators.get(figure, [])
            if not runs:
                continue
            seconds = median([float(r["seconds"]) for r in runs if "seconds" in r])
            cpu = median([float(r["cpu_s"]) for r in runs if "cpu_s" in r])
            rss = max(float(r["rss_kib"]) / 1024 for r in runs if "rss_kib" in r)
            r = ratio(seconds, ceiling_s) if figure != "indicators-ceiling" else None
            checks = ", ".join(run.get("checks", "?") for run in runs)
            period = runs[0].get("period", "all rows")
            md.append(f"| {label} | {period} | {number(seconds, 2)} | {number(cpu, 2)} | {number(rss, 1)} | "
                      f"{'—' if r is None else f'{r:.1f}×'} | {checks} |")
            for metric, value, unit in [("seconds", seconds, "s"), ("cpu", cpu, "s"), ("peak_rss", rss, "MiB")]:
                row = ["indicators", figure, "", metric, "" if value is None else f"{value:.3f}", unit, "", "", ""]
                if metric == "seconds" and r is not None:
                    row[6:9] = ["indicators-ceiling", f"{ceiling_s:.3f}", f"{r:.4f}"]
                tsv.append(row)
        md.append("")
        md.append("Checks: ours compares S1, S3, Q1 and Q3 (numerator and denominator) of seven networks with values "
                  "counted from the generator; the ceiling checks it aggregated exactly the rows written. Ratio > 1 "
                  "means ours is slower than the raw pass.")
        if gen.get("seconds") and gen.get("reused") != "1":
            tsv.append(["indicators", "indicators-generate", "", "seconds", gen["seconds"], "s", "", "", ""])
    else:
        md.append("Not measured in this run (BENCH_INDICATORS_NETWORKS=0 or the generator failed; see indicators.err).")
    md.append("")

    # ---- core ----
    md.append("## Core micro-benchmarks (package-benchmark, median of the samples)")
    md.append("")
    core = parse_core((work / "core.md").read_text() if (work / "core.md").exists() else "")
    if core:
        md.append("| benchmark | wall clock p50 | throughput p50 | allocations p50 | samples |")
        md.append("|---|---|---|---|---|")
        for name, metrics in core.items():
            wall = metrics.get("Time (wall clock)")
            throughput = metrics.get("Throughput (# / s)")
            malloc = metrics.get("Malloc (total)")
            md.append(f"| {name} | {show(wall)} | {show(throughput, '/s')} | {show(malloc)} | "
                      f"{(wall or {}).get('samples', '')} |")
            for metric, value in [("wall_clock_p50", wall), ("throughput_p50", throughput), ("mallocs_p50", malloc)]:
                if value:
                    tsv.append(["core", name, "", metric, value["p50"], value["unit"], "", "", ""])
        md.append("")
        md.append("One call per sample. CPU time is left out: package-benchmark reads it from a 10 ms process "
                  "clock on Linux, far coarser than one call, so its p50 reads 0.")
    else:
        md.append("The micro-benchmarks did not run; see the work folder's core.err.")
    md.append("")
    # ---- kannel ----
    kannel = {figure: runs for (figure, _), runs in
              ((key, value) for key, value in curl.items() if key[0].startswith("kannel-"))}
    md.append("## End to end through a real Kannel (fakesmsc → bearerbox → smsbox → webhook → reply → fakesmsc)")
    md.append("")
    modes = [("kannel-echo", "kannel-confianza", "shared cores"),
             ("kannel-split-echo", "kannel-split-confianza", "split cores: Kannel on CPU 0, the webhook server on the others")]
    measured = [(e, o, label) for e, o, label in modes
                if any("rate" in r for r in kannel.get(e, [])) and any("rate" in r for r in kannel.get(o, []))]
    if measured:
        md.append("| cores | webhook behind Kannel | MO messages per run | reply parts seen (per run) | msgs/s | "
                  "Kannel CPU ms per message | webhook server CPU ms per message | ratio to Kannel + echo |")
        md.append("|---|---|---|---|---|---|---|---|")
        ratios = {}
        for echo_figure, ours_figure, label in measured:
            rows = []
            for figure in (echo_figure, ours_figure):
                runs = [r for r in kannel[figure] if "rate" in r]
                def per_message(key):
                    values = [1000 * float(r[key]) / int(r["messages"]) for r in runs if key in r]
                    return f"{median(values):.3f}" if values else "n/a"
                rows.append((runs, median([float(r["rate"]) for r in runs]), per_message("kannel_cpu_s"), per_message("server_cpu_s")))
            (echo_runs, echo, echo_k, echo_s), (ours_runs, ours, ours_k, ours_s) = rows
            r = ratio(ours, echo)
            ratios[label] = r
            md.append(f"| {label} | ceiling: trivial echo webhook (ceiling-hello `/echo`) | {echo_runs[0].get('messages')} | "
                      f"{', '.join(x.get('reply_parts', '?') for x in echo_runs)} | {number(echo)} | {echo_k} | {echo_s} | — |")
            md.append(f"| {label} | **confianza serve, full pipeline** | {ours_runs[0].get('messages')} | "
                      f"{', '.join(x.get('reply_parts', '?') for x in ours_runs)} | {number(ours)} | {ours_k} | {ours_s} | {percent(r)} |")
            tsv.append(["kannel", echo_figure, "", "msgs_per_s", f"{echo:.3f}", "1/s", "", "", ""])
            tsv.append(["kannel", ours_figure, "", "msgs_per_s", f"{ours:.3f}", "1/s", echo_figure,
                        f"{echo:.1f}", "" if r is None else f"{r:.4f}"])
        md.append("")
        verdicts = "; ".join(f"{label.split(':')[0]} **{percent(r)}** ({'met' if r is not None and r >= 0.9 else 'not met'})"
                             for label, r in ratios.items())
        md.append(f"Issue 10 target: ≥ 90% of Kannel's own rate — {verdicts}. On shared cores Kannel and the "
                  "webhook server divide the same CPUs, so the rate cannot exceed the cores / (K + W), K and W being "
                  "their CPU time per message (the columns above); split cores measure each side's own limit, as "
                  "when Kannel and the application run on separate machines. The clock runs from the first MO to the last reply "
                  "part at the handsets; our replies can be longer than one SMS, so more parts cross Kannel than "
                  "with the echo.")
    else:
        skipped = [r.get("skipped") for runs in kannel.values() for r in runs if r.get("skipped")]
        md.append("Not measured in this run" + (f" ({skipped[0]})." if skipped else
                  " (Kannel not installed, BENCH_KANNEL=0, or the runs gave no result)."))
    md.append("")

    out_md.write_text("\n".join(md) + "\n")
    out_tsv.write_text("\n".join("\t".join(str(c) for c in row) for row in tsv) + "\n")


def show(value, per=""):
    if not value:
        return "n/a"
    unit = value["unit"]
    if per and unit in ("K", "M"):  # throughput in thousands or millions per second
        return f"{value['p50']} {unit}{per}"
    if per and unit in ("#", ""):  # throughput in plain units per second
        return f"{value['p50']}{per}"
    return f"{value['p50']} {unit}".strip()


KNOWN_METRICS = ["Time (wall clock)", "Time (total CPU)", "Malloc (total)", "Throughput (# / s)"]


def parse_core(text):
    """Reads package-benchmark's markdown tables: '### <name> metrics' then '| Metric (unit) * | p0 | p25 | p50 |…'."""
    results = {}
    current = None
    header = []
    for line in text.splitlines():
        if line.startswith("### "):
            current = re.sub(r"\s+metrics$", "", line[4:].strip())
            results.setdefault(current, {})
            header = []
            continue
        if current is None or not line.startswith("|"):
            continue
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if cells and cells[0].lower() == "metric":
            header = [c.lower() for c in cells]
            continue
        if not header or set(cells[0]) <= set("-:"):
            continue
        label = cells[0].rstrip("* ").strip()
        name = next((known for known in KNOWN_METRICS if label.startswith(known)), label)
        unit = label[len(name):].strip().strip("()") if name != label else ""
        row = dict(zip(header, cells))
        if "p50" in row:
            results[current][name] = {"p50": row["p50"], "unit": unit, "samples": row.get("samples", "")}
    return {name: metrics for name, metrics in results.items() if metrics}


if __name__ == "__main__":
    main()
