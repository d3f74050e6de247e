#!/usr/bin/env python3
"""Turns one h2load run into the GYRE-WRK line load-compare.sh reads from wrk (jmh/load/report.lua).

h2load prints no percentiles, so they come from its --log-file: one line per request, tab-separated,
start time (µs since the epoch), HTTP status, and time to the response's end (µs). "status" counts
answers that were not 2xx/3xx; failed streams (errored ones included) count as read errors, timed-out ones as timeouts.

usage: h2load_report.py H2LOAD_OUTPUT LOG_FILE
"""
import re
import sys

UNITS = {"s": 1e6, "ms": 1e3, "us": 1.0}


def main():
    output = open(sys.argv[1]).read()
    finished = re.search(r"finished in ([\d.]+)(s|ms|us),", output)
    counts = re.search(r"requests: (\d+) total, (\d+) started, (\d+) done, (\d+) succeeded, (\d+) failed, "
                       r"(\d+) errored, (\d+) timeout", output)
    if not finished or not counts:
        return
    duration_us = float(finished.group(1)) * UNITS[finished.group(2)]
    done, failed, timeout = (int(counts.group(i)) for i in (3, 5, 7))
    times, bad = [], 0
    try:
        with open(sys.argv[2]) as log:
            for line in log:
                fields = line.split()
                if len(fields) < 3:
                    continue
                status = int(fields[1])
                bad += not 200 <= status < 400
                times.append(int(fields[2]))
    except FileNotFoundError:
        pass
    times.sort()

    def percentile(p):
        return times[min(len(times) - 1, int(len(times) * p / 100))] if times else 0

    print(f"GYRE-WRK requests={done} duration_us={int(duration_us)} p50_us={percentile(50)} "
          f"p99_us={percentile(99)} connect=0 read={failed - timeout} write=0 status={bad} "
          f"timeout={timeout}")


if __name__ == "__main__":
    main()
