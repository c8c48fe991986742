#!/usr/bin/env python3
"""Where a search's time goes, per eval query, on a filled site (docs/benchmarks.md, "The p95 gap").

    DATABASE_URL=sqlite:///SITE DJANGO_SETTINGS_MODULE=kb.settings.dev DEBUG=0 \\
        .venv/bin/python bench/profile_search.py [--rounds 5] [--between none|stock|stock-process|flush]

SITE is a database the bench's `latency` step filled (import, `search_index rebuild`,
`update_index`). The raw engine answers the 50 eval queries after one warm-up round; each
query's time is split into planning, SQL (the cursor's execute: with SQLite that includes
reading every row a sort needs) and highlighting; the rest is reading the rows, facet tallies
and building hits, in Python. `--between` runs something before each timed query:

- `stock`: stock Wagtail's search of the same query, in this process (how the bench ran it
  before 2026-12-04);
- `stock-process`: the same from a process of its own (`bench/_worker.py stock-server`);
- `flush`: `PRAGMA shrink_memory`, which empties this connection's SQLite page cache.
"""

import argparse
import collections
import json
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _worker import Searchers, StockProcess, percentile  # noqa: E402 - sets Django up
from django.db import connection  # noqa: E402

import search.engines.embedded as embedded  # noqa: E402

EVAL = Path(os.environ.get("KB_EVAL_DIR", Path(__file__).resolve().parents[2] / "shared" / "eval"))

spent = collections.defaultdict(float)


def timed(name, fn):
    def wrapper(*args, **kwargs):
        started = time.perf_counter()
        try:
            return fn(*args, **kwargs)
        finally:
            spent[name] += time.perf_counter() - started
    return wrapper


def sql_timer(execute, sql, params, many, context):
    started = time.perf_counter()
    try:
        return execute(sql, params, many, context)
    finally:
        spent["sql"] += time.perf_counter() - started


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--between", choices=["none", "stock", "stock-process", "flush"], default="none")
    parser.add_argument("--queries", default=str(EVAL / "queries.json"))
    parser.add_argument("--top", type=int, default=10, help="slowest queries listed")
    args = parser.parse_args()

    embedded.plan_query = timed("plan", embedded.plan_query)
    embedded.highlight = timed("highlight", embedded.highlight)
    queries = json.loads(Path(args.queries).read_text(encoding="utf-8"))["queries"]
    searchers = Searchers()
    stock = StockProcess() if args.between == "stock-process" else searchers.stock

    def between(query):
        if args.between == "flush":
            with connection.cursor() as cursor:
                cursor.execute("PRAGMA shrink_memory")
        elif args.between != "none":
            stock(query)

    for query in queries:
        searchers.raw(query)
    samples, parts = [], collections.defaultdict(list)
    with connection.execute_wrapper(sql_timer):
        for _round in range(args.rounds):
            for query in queries:
                between(query)
                spent.clear()
                started = time.perf_counter()
                searchers.raw(query)
                total = 1000 * (time.perf_counter() - started)
                samples.append(total)
                parts[query["id"]].append((total, *(1000 * spent[k] for k in ("plan", "sql", "highlight"))))
    if isinstance(stock, StockProcess):
        stock.close()

    print(f"{connection.vendor}, {len(samples)} searches, between: {args.between}")
    print(f"raw engine p50 {statistics.median(samples):.1f} ms, p95 {percentile(samples, 0.95):.1f} ms, "
          f"max {max(samples):.1f} ms")
    print("\n| query | text | filters | ms | plan | SQL | highlight | rest |\n|---|---|---|---|---|---|---|---|")
    by_id = {q["id"]: q for q in queries}
    rows = sorted(
        ((*(statistics.median(r[i] for r in runs) for i in range(4)), qid) for qid, runs in parts.items()),
        reverse=True,
    )
    for total, plan, sql, hl, qid in rows[:args.top]:
        q = by_id[qid]
        filters = ", ".join(f"{k}={'/'.join(v) if isinstance(v, list) else v}" for k, v in (q.get("filters") or {}).items())
        print(f"| {qid} | {q['q']} | {filters} | {total:.1f} | {plan:.1f} | {sql:.1f} | {hl:.1f} | "
              f"{total - plan - sql - hl:.1f} |")


if __name__ == "__main__":
    main()
