"""Search latency of one checkout on a prepared site, for before/after comparisons (issue 21).

Run it from the checkout to measure (its code is imported from the working directory):

    cd CHECKOUT && DATABASE_URL=sqlite:////tmp/site.sqlite3 DJANGO_SETTINGS_MODULE=kb.settings.dev DEBUG=0 \
        .venv/bin/python /path/to/bench/vocabulary_latency.py --rounds 3 QUERIES.json ...

Times `get_search_service().search()` (the raw engine, no HTTP) for every query of the files,
after one warm-up pass; prints one JSON line: p50, p95 and mean in ms, and the number of
timings. Run the old and the new checkout alternately on equal copies of one site so both
see the same machine load.
"""

import argparse
import json
import os
import statistics
import sys
import time

sys.path.insert(0, os.getcwd())  # the checkout being measured, not this file's


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("queries", nargs="+")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kb.settings.dev")
    # after DJANGO_SETTINGS_MODULE is chosen for the database under test
    import django

    django.setup()
    # app modules only after django.setup()
    from search.service import SearchQuery, get_search_service

    queries = []
    for path in args.queries:
        with open(path, encoding="utf-8") as handle:
            queries += [(q["q"], q.get("lang", "de")) for q in json.load(handle)["queries"]]
    service = get_search_service()
    for text, lang in queries:  # warm-up: caches, vocabulary, lemmatiser word lists
        service.search(SearchQuery(text=text, lang=lang))
    timings = []
    for _round in range(args.rounds):
        for text, lang in queries:
            started = time.perf_counter()
            service.search(SearchQuery(text=text, lang=lang))
            timings.append((time.perf_counter() - started) * 1000)
    timings.sort()
    print(json.dumps({
        "checkout": os.getcwd(), "n": len(timings), "p50_ms": round(statistics.median(timings), 2),
        "p95_ms": round(timings[int(0.95 * (len(timings) - 1))], 2), "mean_ms": round(statistics.fmean(timings), 2),
    }))


if __name__ == "__main__":
    main()
