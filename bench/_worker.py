#!/usr/bin/env python3
"""One benchmark step inside one throwaway database (started by bench/run.py).

    DATABASE_URL=... DJANGO_SETTINGS_MODULE=kb.settings.dev python bench/_worker.py STEP --out RESULT.json [...]

Steps:
  import-ours      import_data() of a generated file, timed (one transaction, as in production)
  import-wagtail   the same records page by page through Wagtail's page API (add_child +
                   save_revision().publish(), translations via copy_for_translation), signals on
  import-profile   cProfile of import_data(); writes the top functions to --profile-out
  quality          import the eval corpus, then quality + latency of API / raw engine / stock Wagtail
  latency          import N generated programmes, search_index rebuild, update_index (timed)
  search           then, in a fresh process: search latency of API / raw engine / stock Wagtail
  stock-server     stock Wagtail search for the two steps above, in a process of its own: one
                   JSON query per line on stdin, slugs and milliseconds per line on stdout
  rebuild          `search_index rebuild` timed in this process (peak RSS = ru_maxrss)
  update-index     Wagtail's `update_index` timed in this process (baseline for rebuild)

Never run against a database you care about: run.py points DATABASE_URL at a fresh one.
Django and the app modules are imported inside the step functions on purpose: only after
django.setup() in main(), and only what the step measures (so an import is not timed into
another step's figures).
"""

import argparse
import importlib.util
import itertools
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

BENCH = Path(__file__).resolve().parent
PROJECT = BENCH.parent
sys.path.insert(0, str(PROJECT))
sys.path.insert(0, str(BENCH))

assert os.environ.get("DATABASE_URL"), "refusing to run without DATABASE_URL (would touch the developer's db)"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kb.settings.dev")
# Every benchmark request comes from one client: the production rate limits would answer 429.
os.environ.setdefault("RATE_LIMIT_SEARCH", "1000000")
os.environ.setdefault("RATE_LIMIT_API", "1000000")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402


def rss_mb():
    """Peak resident set size of this process so far, MB (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def load_relevance(path):
    spec = importlib.util.spec_from_file_location("relevance", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def load_data(args):
    if args.data:
        return json.loads(Path(args.data).read_text(encoding="utf-8"))
    # bench/generate.py, needed only when no --data file is given
    from generate import generate

    return generate(args.n, seed=args.seed)


def setup_site():
    # after django.setup() in main(): each step runs in its own process on its own database
    from programmes.sitetree import ensure_site_tree

    return ensure_site_tree()


def percentile(values, p):
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    return ordered[min(len(ordered) - 1, int(p * len(ordered)))]


# --- import -------------------------------------------------------------------------------------

def step_import_ours(args):
    # after django.setup() in main(): each step runs in its own process on its own database
    from programmes.exchange import import_data
    from programmes.models import ProgrammePage

    data = load_data(args)
    setup_site()
    started = time.perf_counter()
    result = import_data(data)
    seconds = time.perf_counter() - started
    return {
        "records": len(data["programmes"]), "seconds": seconds,
        "per_second": len(data["programmes"]) / seconds,
        "created": len(result.created), "translations": result.translations,
        "pages": ProgrammePage.objects.count(), "peak_rss_mb": rss_mb(),
    }


def step_import_profile(args):
    # profiling only for --profile; app modules after django.setup() in main()
    import cProfile
    import io
    import pstats

    from programmes.exchange import import_data

    data = load_data(args)
    setup_site()
    profile = cProfile.Profile()
    started = time.perf_counter()
    profile.enable()
    import_data(data)
    profile.disable()
    seconds = time.perf_counter() - started
    out = io.StringIO()
    stats = pstats.Stats(profile, stream=out)
    stats.sort_stats("cumulative").print_stats(45)
    out.write("\n\n=== by own time (tottime) ===\n")
    stats.sort_stats("tottime").print_stats(30)
    Path(args.profile_out).write_text(out.getvalue())
    profile.dump_stats(str(Path(args.profile_out).with_suffix(".prof")))  # for pstats / snakeviz
    return {"records": len(data["programmes"]), "seconds_profiled": seconds, "profile": args.profile_out}


def step_import_wagtail(args):
    """The ordinary way: one page at a time via Wagtail's page API, with every signal handler on."""
    # after django.setup() in main(): each step runs in its own process on its own database
    from django.db import transaction
    from wagtail.models import Locale

    from kb.changes import bulk_changes
    from programmes.exchange import TAXONOMIES
    from programmes.models import Outcome, ProgrammeContact, ProgrammePage, RelatedProgramme
    from programmes.models.contacts import contact_for
    from programmes.richtext import text_to_html

    data = load_data(args)
    tree = setup_site()
    default = Locale.get_default()
    catalogue = tree[default.language_code][1]
    taxonomies = {key: model.objects.in_bulk(field_name="slug") for key, model in TAXONOMIES}
    locales = {loc.language_code: loc for loc in Locale.objects.all()}
    records = data["programmes"]
    populated = 0
    if args.sample:  # the site already holds the rest (imported untimed); time only the last `sample`
        rest, records = records[:-args.sample], records[-args.sample:]
        known = {r["slug"] for r in rest}
        # after django.setup() in main(): each step runs in its own process on its own database
        from programmes.exchange import import_data

        import_data({**data, "programmes": [{**r, "related": [x for x in r.get("related") or [] if x in known]}
                                            for r in rest]})
        populated = len(rest)

    def run():
        pages = {}
        for record in records:
            page = ProgrammePage(
                slug=record["slug"], title=record["title"], locale=default,
                summary=record["summary"], description=text_to_html(record.get("description") or ""),
                languages=list(record.get("languages") or []), status=record["status"],
                start_year=record["start_year"], end_year=record.get("end_year"),
                organisation=record["organisation"], partners=list(record.get("partners") or []),
                funding=record.get("funding") or "", website=record.get("website") or "",
                keywords=list(record.get("keywords") or []),
            )
            for key, _model in TAXONOMIES:
                setattr(page, key, [taxonomies[key][s] for s in record.get(key) or []])
            page.outcomes = [
                Outcome(indicator=o["indicator"], value=o["value"], unit=o["unit"] or "", year=o["year"],
                        source=o["source"] or "", note=o["note"] or "", sort_order=n)
                for n, o in enumerate(record.get("outcomes") or [])
            ]
            page.contact_links = [
                ProgrammeContact(contact=contact_for(c), sort_order=n)
                for n, c in enumerate(record.get("contacts") or [])
            ]
            catalogue.add_child(instance=page)
            pages[record["slug"]] = page
        # second pass, as related slugs may point forward: links, publish, translations
        for record in records:
            page = pages[record["slug"]]
            page.related_programmes = [
                RelatedProgramme(target=pages.get(s) or ProgrammePage.objects.get(slug=s, locale=default), sort_order=n)
                for n, s in enumerate(record.get("related") or [])
            ]
            page.save_revision().publish()
            for code, fields in (record.get("translations") or {}).items():
                translated = page.copy_for_translation(locales[code], copy_parents=True)
                translated.title = translated.draft_title = fields["title"]
                translated.summary = fields["summary"]
                translated.description = text_to_html(fields.get("description") or "")
                translated.keywords = list(fields.get("keywords") or [])
                translated.save_revision().publish()

    started = time.perf_counter()
    if args.signals_off:  # the same page API, but our publish handlers (index, translation sync) paused
        with transaction.atomic(), bulk_changes():
            run()
    else:
        run()
    seconds = time.perf_counter() - started
    return {
        "records": len(records), "seconds": seconds, "per_second": len(records) / seconds,
        "pages": ProgrammePage.objects.count(), "signals_off": bool(args.signals_off), "peak_rss_mb": rss_mb(),
        "populated": populated,
    }


# --- search -------------------------------------------------------------------------------------

class Searchers:
    """The three ways to answer a query, each returning ranked slugs."""

    def __init__(self):
        # after django.setup() in main(): each step runs in its own process on its own database
        from django.conf import settings
        from django.test import Client

        # Time the search itself: the page cache would answer repeated queries in ~1 ms
        # (the pages step measures it separately).
        settings.PAGE_CACHE_SECONDS = 0

        # after django.setup() in main(): each step runs in its own process on its own database
        from search.params import clean_text
        from search.service import FILTER_PARAMS, SearchQuery, get_search_service

        self.client = Client(HTTP_HOST="127.0.0.1")
        self.service = get_search_service()
        self.SearchQuery, self.FILTER_PARAMS, self.clean_text = SearchQuery, FILTER_PARAMS, clean_text

    def api(self, query):
        params = [("q", query["q"]), ("lang", query.get("lang", "de")), ("page_size", "10")]
        for name, values in (query.get("filters") or {}).items():
            for value in values if isinstance(values, list) else [values]:
                params.append((name, value))
        response = self.client.get("/api/v1/search/?" + urlencode(params))
        if response.status_code != 200:
            raise RuntimeError(f"API {response.status_code}: {response.content[:200]!r}")
        return [r["slug"] for r in json.loads(response.content)["results"]]

    def raw(self, query):
        filters = {}
        for name, values in (query.get("filters") or {}).items():
            filters[self.FILTER_PARAMS[name]] = values if isinstance(values, list) else [values]
        results = self.service.search(self.SearchQuery(
            text=self.clean_text(query["q"]), lang=query.get("lang", "de"), filters=filters, page=1, page_size=10,
        ))
        return [hit.slug for hit in results.hits]

    def stock(self, query):
        """Wagtail's configured backend (database: SQLite FTS5 / PostgreSQL FTS) on live programme pages.

        Filters are applied as an id pre-filter (the ORM knows the taxonomies; the Wagtail index
        does not). For lang != de both locales are searched and the German slug reported once,
        as the contract's fallback asks.
        """
        # after django.setup() in main(): each step runs in its own process on its own database
        from programmes.models import ProgrammePage

        lang = query.get("lang", "de")
        # after django.setup() in main(): each step runs in its own process on its own database
        from wagtail.models import Locale

        codes = ["de"] if lang == "de" else [lang, "de"]
        locale_ids = list(Locale.objects.filter(language_code__in=codes).values_list("pk", flat=True))
        qs = ProgrammePage.objects.live().filter(locale__in=locale_ids)
        filters = query.get("filters") or {}
        if filters:
            pre = ProgrammePage.objects.live()
            for name, values in filters.items():
                values = values if isinstance(values, list) else [values]
                if name == "theme":
                    pre = pre.filter(themes__slug__in=values)
                elif name == "target_group":
                    pre = pre.filter(target_groups__slug__in=values)
                elif name == "district":
                    pre = pre.filter(districts__slug__in=values)
                elif name == "status":
                    pre = pre.filter(status__in=values)
            ids = set(pre.values_list("pk", flat=True))
            if "language" in filters:
                wanted = set(filters["language"] if isinstance(filters["language"], list) else [filters["language"]])
                ids = {pk for pk, langs in ProgrammePage.objects.filter(pk__in=ids).values_list("pk", "languages")
                       if wanted & set(langs or [])}
            qs = qs.filter(pk__in=list(ids))
        slugs = []
        for page in qs.search(query["q"])[:20]:
            if page.slug not in slugs:
                slugs.append(page.slug)
        return slugs[:10]


class StockProcess:
    """Stock Wagtail answering in a process of its own (`stock-server`), timed there.

    Stock Wagtail is another product: run in our process, each of its queries (2-64 s at
    100,000 programmes) left the process so disturbed that our next query took twice as
    long (docs/benchmarks.md, "The p95 gap"). A web worker of ours never runs it. Queries
    still alternate with ours one by one, so both see the same moment of a noisy machine.
    """

    def __init__(self):
        self.proc = subprocess.Popen(
            [sys.executable, __file__, "stock-server", "--out", os.devnull],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, encoding="utf-8",
        )

    def __call__(self, query):
        self.proc.stdin.write(json.dumps(query, ensure_ascii=False) + "\n")
        self.proc.stdin.flush()
        line = self.proc.stdout.readline()
        if not line:
            raise RuntimeError(f"stock-server exited ({self.proc.poll()})")
        answer = json.loads(line)
        if answer.get("error"):
            raise RuntimeError(answer["error"])
        return answer["slugs"], answer["ms"]

    def close(self):
        self.proc.stdin.close()
        self.proc.wait(timeout=60)


def step_stock_server(args):
    """The other end of `StockProcess`: answers stock queries until stdin closes."""
    searchers = Searchers()
    out = sys.stdout
    sys.stdout = sys.stderr  # nothing but answers on the pipe
    for line in sys.stdin:
        query = json.loads(line)
        started = time.perf_counter()
        try:
            answer = {"slugs": searchers.stock(query)}
        except Exception as exc:  # noqa: BLE001 - reported back as the query's error
            answer = {"error": f"{type(exc).__name__}: {exc}"}
        answer["ms"] = 1000 * (time.perf_counter() - started)
        out.write(json.dumps(answer, ensure_ascii=False) + "\n")
        out.flush()
    return {}


def measure(searchers, queries, repeat, relevance=None):
    """Interleave the three systems per query; returns quality (if judged) and latency samples."""
    stock = StockProcess()
    try:
        return _measure({"api": searchers.api, "raw": searchers.raw, "stock": stock}, queries, repeat, relevance)
    finally:
        stock.close()


def _measure(systems, queries, repeat, relevance):
    for query in queries:  # warm-up: caches, vocabulary, SQLite page cache
        for fn in systems.values():
            fn(query)
    samples = {name: [] for name in systems}
    per_query = {name: [] for name in systems}
    ranked = {name: {} for name in systems}
    errors = {name: [] for name in systems}
    # Cycle through every order of the systems: the first of ours to run a query pays for
    # reading its postings into SQLite's page cache (at 100,000 programmes that alone made
    # the API look 2.3x slower than the same engine called right after it). A plain rotation
    # of three still put the API before the raw engine for two queries in three.
    orders = list(itertools.permutations(systems))
    for round_ in range(repeat):
        for n, query in enumerate(queries):
            for name in orders[(n + round_) % len(orders)]:
                fn = systems[name]
                started = time.perf_counter()
                try:
                    slugs = fn(query)
                except Exception as exc:  # noqa: BLE001 - a benchmark reports, never stops
                    slugs = []
                    errors[name].append(f"{query['id']}: {type(exc).__name__}: {exc}"[:300])
                ms = 1000 * (time.perf_counter() - started)
                if isinstance(slugs, tuple):  # timed where it ran (StockProcess)
                    slugs, ms = slugs
                samples[name].append(ms)
                per_query[name].append((query["id"], ms))
                ranked[name][query["id"]] = slugs
    out = {}
    for name in systems:
        medians = {}
        for qid, ms in per_query[name]:
            medians.setdefault(qid, []).append(ms)
        qmed = [statistics.median(v) for v in medians.values()]
        entry = {
            "p50_ms": statistics.median(samples[name]), "p95_ms": percentile(samples[name], 0.95),
            "max_ms": max(samples[name]), "mean_ms": statistics.fmean(samples[name]),
            "query_median_p50_ms": statistics.median(qmed), "samples": len(samples[name]),
            "errors": errors[name][:10], "error_count": len(errors[name]),
            "slowest": sorted(((statistics.median(v), qid) for qid, v in medians.items()), reverse=True)[:5],
        }
        if relevance is not None:
            rows = []
            for query in queries:
                slugs = ranked[name][query["id"]]
                ndcg, rr, recall = relevance.score(slugs, query["relevant"])
                rows.append({"id": query["id"], "kind": query.get("kind", "?"), "ndcg": ndcg, "rr": rr,
                             "recall": recall, "zero": not slugs})
            n = len(rows)
            entry.update(
                ndcg10=sum(r["ndcg"] for r in rows) / n, mrr=sum(r["rr"] for r in rows) / n,
                recall10=sum(r["recall"] for r in rows) / n, zero_rate=sum(r["zero"] for r in rows) / n,
                by_kind={
                    kind: {
                        "ndcg10": statistics.fmean(r["ndcg"] for r in rows if r["kind"] == kind),
                        "zero_rate": statistics.fmean(r["zero"] for r in rows if r["kind"] == kind),
                    }
                    for kind in sorted({r["kind"] for r in rows})
                },
            )
        out[name] = entry
    return out


def step_quality(args):
    # after django.setup() in main(): each step runs in its own process on its own database
    from programmes.exchange import import_data
    from programmes.models import ProgrammePage

    relevance = load_relevance(args.relevance)
    corpus = json.loads(Path(args.corpus).read_text(encoding="utf-8"))
    queries = json.loads(Path(args.queries).read_text(encoding="utf-8"))["queries"]
    setup_site()
    import_data(corpus)  # our index is written by the import itself (contract: findable at once)
    started = time.perf_counter()
    call_command("update_index", verbosity=0)
    update_index_s = time.perf_counter() - started
    result = measure(Searchers(), queries, args.repeat, relevance)
    return {"programmes": len(corpus["programmes"]), "pages": ProgrammePage.objects.count(),
            "queries": len(queries), "repeat": args.repeat, "update_index_s": update_index_s, "systems": result}


def step_latency(args):
    """Fill the site: import, our rebuild, Wagtail's update_index (timed, for the report)."""
    # after django.setup() in main(): each step runs in its own process on its own database
    from programmes.exchange import import_data
    from programmes.models import ProgrammePage

    data = load_data(args)
    setup_site()
    started = time.perf_counter()
    import_data(data)
    import_s = time.perf_counter() - started
    started = time.perf_counter()
    call_command("search_index", "rebuild", stdout=open(os.devnull, "w"))
    rebuild_s = time.perf_counter() - started
    started = time.perf_counter()
    call_command("update_index", verbosity=0)
    update_index_s = time.perf_counter() - started
    return {"programmes": len(data["programmes"]), "pages": ProgrammePage.objects.count(),
            "import_s": import_s, "rebuild_s": rebuild_s, "update_index_s": update_index_s}


def step_search(args):
    """Search latency in a fresh process, as a web worker serves it, not in the process whose
    heap and caches still hold the import of every programme.

    Two passes: our API and raw engine alone (how our search scales: a worker of ours serves
    nothing else), then all three systems side by side (the comparison with stock Wagtail).
    Alone, a stock query of several seconds does not come between two of ours: at 100,000
    programmes each one left the machine's caches cold enough to make our next query slower
    even from another process, an effect that grows with stock Wagtail's cost, not ours.
    """
    queries = json.loads(Path(args.queries).read_text(encoding="utf-8"))["queries"]
    searchers = Searchers()
    alone = _measure({"api": searchers.api, "raw": searchers.raw}, queries, args.repeat, None)
    return {"queries": len(queries), "repeat": args.repeat, "alone": alone,
            "systems": measure(searchers, queries, args.repeat)}


def _timed_command(args, *command, **options):
    # after django.setup() in main(): each step runs in its own process on its own database
    from programmes.models import ProgrammePage

    before = rss_mb()
    started = time.perf_counter()
    call_command(*command, stdout=open(os.devnull, "w"), **options)
    seconds = time.perf_counter() - started
    return {"seconds": seconds, "rss_before_mb": before, "peak_rss_mb": rss_mb(),
            "pages": ProgrammePage.objects.count()}


def step_pages(args):
    """Public pages and API responses in a fresh process: latency, SQL queries, peak RSS.

    The peak RSS of this process is what a web worker needs to serve them (Django loaded,
    caches warm) on a site of this size.
    """
    # after django.setup() in main(): each step runs in its own process on its own database
    from django.conf import settings
    from django.core.cache import caches
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from programmes.models import ProgrammePage

    before = rss_mb()
    client = Client(HTTP_HOST="127.0.0.1")
    page = ProgrammePage.objects.live().filter(locale__language_code="de").order_by("-pk").first()
    urls = {
        "catalogue": "/de/programme/",
        "catalogue, filtered, page 2": "/de/programme/?theme=language&page=2",
        "programme page": page.url,
        "search page": "/de/suche/?q=Sprachkurs+f%C3%BCr+Eltern",
        "API search": "/api/v1/search/?q=Sprachkurs&page_size=10",
        "API detail": f"/api/v1/programmes/{page.slug}/",
        "API list": "/api/v1/programmes/?page_size=50",
        "API list, filtered, page 2": "/api/v1/programmes/?theme=language&status=active&page=2&page_size=50",
        "HSDS services": "/api/hsds/services?per_page=50",
    }
    pages_cache = caches[settings.PAGE_CACHE_ALIAS]
    out = {}
    for name, url in urls.items():
        status = client.get(url).status_code  # warm-up
        entry = {"url": url, "status": status}
        # rendered: the page cache emptied before each request (the first visitor after a publish);
        # cached: the same request again (every later anonymous visitor until the next publish).
        for mode in ("rendered", "cached"):
            samples, queries = [], []
            for _ in range(args.repeat * 5):
                if mode == "rendered":
                    pages_cache.clear()
                with CaptureQueriesContext(connection) as captured:
                    started = time.perf_counter()
                    client.get(url)
                    samples.append(1000 * (time.perf_counter() - started))
                queries.append(len(captured))
            prefix = "" if mode == "rendered" else "cached_"
            entry.update({f"{prefix}p50_ms": statistics.median(samples), f"{prefix}p95_ms": percentile(samples, 0.95),
                          f"{prefix}queries": max(queries), f"{prefix}samples": len(samples)})
        out[name] = entry
    return {"pages": ProgrammePage.objects.count(), "urls": out, "rss_before_mb": before, "peak_rss_mb": rss_mb()}


def step_rebuild(args):
    return _timed_command(args, "search_index", "rebuild")


def step_update_index(args):
    return _timed_command(args, "update_index", verbosity=0)


STEPS = {
    "import-ours": step_import_ours, "import-wagtail": step_import_wagtail, "import-profile": step_import_profile,
    "quality": step_quality, "latency": step_latency, "search": step_search, "rebuild": step_rebuild, "update-index": step_update_index,
    "pages": step_pages, "stock-server": step_stock_server,
}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("step", choices=sorted(STEPS))
    parser.add_argument("--out", required=True)
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--data", help="exchange file instead of generating")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--signals-off", action="store_true")
    parser.add_argument("--sample", type=int, default=0, help="import-wagtail: time only the last N records")
    parser.add_argument("--profile-out")
    parser.add_argument("--corpus")
    parser.add_argument("--queries")
    parser.add_argument("--relevance")
    args = parser.parse_args()
    result = STEPS[args.step](args)
    if args.step == "stock-server":
        return
    result.update(step=args.step, vendor=connection.vendor)
    Path(args.out).write_text(json.dumps(result, indent=1, ensure_ascii=False, default=str))


if __name__ == "__main__":
    main()
