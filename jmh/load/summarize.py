#!/usr/bin/env python3
"""Turns load-compare.sh's raw samples into the Markdown tables it prints and saves.

Per scenario and server: the median over that server's runs of requests/s, p50 and p99 latency,
server CPU time per request and peak RSS; then A/B ratios. Pipelined latencies are left out: wrk's
coordinated-omission correction counts responses where it should count batches, adds synthetic
samples below the recorded minimum, and its percentiles then come out 0 or too high. A sample whose run saw errors, non-2xx
answers or a failed correctness check is still counted, but the table says so: a fast wrong answer
must never pass for a fast server.

usage: summarize.py RESULTS_DIR   (reads samples.csv and, if present, idle.csv and failures.txt)
"""
import csv
import statistics
import sys
from pathlib import Path


def median(rows, field):
    values = [float(row[field]) for row in rows if row[field] not in ("", "nan")]
    return statistics.median(values) if values else float("nan")


def ratio(a, b):
    if b == 0 or a != a or b != b:
        return "n/a"
    return f"{a / b:.2f}×"


def fmt(value, digits):
    return "n/a" if value != value else f"{value:,.{digits}f}"


def notes(rows, pipelined, websocket):
    found = ["latency n/a: wrk's is wrong when pipelining"] if pipelined else []
    if websocket:
        found.append("latency n/a: WsLoadClient gives a mean round trip, in the raw output")
    failed_checks = sorted({row["check"] for row in rows if row["check"] != "ok"})
    if failed_checks:
        found.append("check failed: " + ", ".join(failed_checks))
    non2xx = sum(int(row["non2xx"]) for row in rows)
    if non2xx:
        found.append(f"{non2xx:,} non-2xx")
    errors = sum(int(row["errors"]) for row in rows)
    if errors:
        found.append(f"{errors:,} socket errors/timeouts")
    no_p99 = sum(1 for row in rows if row["p99_ms"] == "nan")
    if no_p99 and not pipelined and not websocket:
        found.append(f"wrk gave no p99 in {no_p99} run(s)")
    others = median(rows, "others_cpu_pct")
    if others > 5:
        found.append(f"other processes took {others:.0f}% of the CPUs")
    if "jit_us_per_req" in rows[0]:
        jit, cpu = median(rows, "jit_us_per_req"), median(rows, "cpu_us_per_req")
        if jit > 0.1 * cpu:
            found.append(f"JIT compilers took {jit:.1f} of the {cpu:.1f} CPU µs/req: not warmed up")
    return "; ".join(found)


def load_tables(samples):
    by_scenario = {}
    for row in samples:
        by_scenario.setdefault(row["scenario"], {}).setdefault(row["side"], []).append(row)

    out = ["| scenario | server | req/s | p50 ms | p99 ms | CPU µs/req | user µs/req | peak RSS MiB | runs | notes |",
           "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |"]
    ratios = ["| scenario | A / B | req/s | p99 | CPU/req | user/req | peak RSS |",
              "| --- | --- | ---: | ---: | ---: | ---: | ---: |"]
    for scenario, sides in by_scenario.items():
        medians = {}
        for side in ("A", "B"):
            rows = sides.get(side, [])
            if not rows:
                continue
            m = {f: median(rows, f) for f in ("rps", "p50_ms", "p99_ms", "cpu_us_per_req", "hwm_mib")}
            m["user_us_per_req"] = median(rows, "user_us_per_req") if "user_us_per_req" in rows[0] else float("nan")
            pipelined = scenario.endswith("-pipelined")
            websocket = scenario.endswith("echo-ws")
            if pipelined or websocket:
                m["p50_ms"] = m["p99_ms"] = float("nan")
            medians[side] = (rows[0]["name"], m)
            out.append(f"| {scenario} | {rows[0]['name']} | {fmt(m['rps'], 0)} | {fmt(m['p50_ms'], 2)} | "
                       f"{fmt(m['p99_ms'], 2)} | {fmt(m['cpu_us_per_req'], 2)} | {fmt(m['user_us_per_req'], 2)} | "
                       f"{fmt(m['hwm_mib'], 0)} | "
                       f"{len(rows)} | {notes(rows, pipelined, websocket)} |")
        if len(medians) == 2:
            (a_name, a), (b_name, b) = medians["A"], medians["B"]
            ratios.append(f"| {scenario} | {a_name} / {b_name} | {ratio(a['rps'], b['rps'])} | "
                          f"{ratio(a['p99_ms'], b['p99_ms'])} | {ratio(a['cpu_us_per_req'], b['cpu_us_per_req'])} | "
                          f"{ratio(a['user_us_per_req'], b['user_us_per_req'])} | "
                          f"{ratio(a['hwm_mib'], b['hwm_mib'])} |")
    return out, ratios


def idle_table(idle):
    out = ["| server | held / opened | heap before MiB | heap after MiB | heap B/conn | RSS before MiB | "
           "RSS after MiB | RSS B/conn |",
           "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    per_conn = {}
    for row in idle:
        count = int(row["count"])
        values = {k: float(row[k]) for k in ("heap_before_mib", "heap_after_mib", "rss_before_mib", "rss_after_mib")}
        heap = (values["heap_after_mib"] - values["heap_before_mib"]) * 1048576 / count
        rss = (values["rss_after_mib"] - values["rss_before_mib"]) * 1048576 / count
        per_conn[row["side"]] = (row["name"], heap, rss)
        out.append(f"| {row['name']} | {row['held']} / {count} | {fmt(values['heap_before_mib'], 1)} | "
                   f"{fmt(values['heap_after_mib'], 1)} | {fmt(heap, 0)} | {fmt(values['rss_before_mib'], 1)} | "
                   f"{fmt(values['rss_after_mib'], 1)} | {fmt(rss, 0)} |")
    if "A" in per_conn and "B" in per_conn:
        (a_name, a_heap, a_rss), (b_name, b_heap, b_rss) = per_conn["A"], per_conn["B"]
        out.append(f"| {a_name} / {b_name} | | | | {ratio(a_heap, b_heap)} | | | {ratio(a_rss, b_rss)} |")
    return out


def main():
    results = Path(sys.argv[1])
    lines = []
    samples_file = results / "samples.csv"
    if samples_file.exists():
        samples = list(csv.DictReader(samples_file.open()))
        if samples:
            table, ratios = load_tables(samples)
            lines += ["### Load (medians over runs)", "", *table, "",
                      "### Ratios A / B (req/s: above 1 means A serves more; p99, CPU, RSS: below 1 means A "
                      "needs less)", "", *ratios, ""]
    idle_file = results / "idle.csv"
    if idle_file.exists():
        idle = list(csv.DictReader(idle_file.open()))
        if idle:
            lines += ["### Idle keep-alive connections (after a full GC)", "", *idle_table(idle), ""]
    failures_file = results / "failures.txt"
    if failures_file.exists():
        lines += ["### Runs that could not be measured", "",
                  *(f"- {line}" for line in failures_file.read_text().splitlines()), ""]
    print("\n".join(lines))


if __name__ == "__main__":
    main()
