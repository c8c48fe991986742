#!/usr/bin/env python3
"""Benchmarks of the knowledge base: import, search quality/latency, index rebuild.

    .venv/bin/python bench/run.py                       # 1,000 programmes, SQLite
    .venv/bin/python bench/run.py --sizes 1000 10000    # several sizes
    .venv/bin/python bench/run.py --postgres            # fresh database on 127.0.0.1:5432
    .venv/bin/python bench/run.py --only quality        # one scenario (import, quality, latency, rebuild)

Every step runs in its own process (bench/_worker.py) against a throwaway database:
a temporary SQLite file, or with --postgres a new database on the local server that is
dropped afterwards. `manage.py migrate` runs once into a template that each step copies,
so every step starts from a clean, migrated site. The developer's db.sqlite3 is never
opened. Results: a Markdown report on stdout and in bench/results/latest.md (plus the
raw JSON beside it). Medians throughout; every comparison is a ratio against a baseline
measured in the same run.
"""

import argparse
import datetime
import json
import os
import platform
import shlex
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
PROJECT = BENCH.parent
RESULTS = BENCH / "results"
EVAL = Path(os.environ.get("KB_EVAL_DIR", PROJECT.parent / "shared" / "eval"))
PG = {"host": "127.0.0.1", "port": 5432, "user": "postgres"}
SCENARIOS = ["import", "quality", "latency", "rebuild"]


# --- databases ----------------------------------------------------------------------------------

class SqliteDatabases:
    engine = "sqlite"

    def __init__(self, workdir):
        self.dir = Path(workdir)
        self.template = self.dir / "template.sqlite3"
        self.count = 0

    def url(self, path):
        return f"sqlite:///{path}"

    def template_url(self):
        return self.url(self.template)

    def fresh(self, name):
        self.count += 1
        path = self.dir / f"{self.count:02d}-{name}.sqlite3"
        shutil.copyfile(self.template, path)
        return self.url(path)

    def drop(self, url):
        path = Path(url[len("sqlite:///"):])
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(str(path) + suffix).unlink(missing_ok=True)

    def version(self):
        return f"SQLite {sqlite3.sqlite_version}"

    def cleanup(self):
        pass


class PostgresDatabases:
    engine = "postgresql"

    def __init__(self, workdir):
        # only for --postgres: SQLite runs need no driver
        import psycopg

        self.psycopg = psycopg
        self.prefix = f"kb_bench_{os.getpid()}"
        self.template = f"{self.prefix}_template"
        self.created = []
        self.count = 0
        self._exec(f'CREATE DATABASE "{self.template}"')
        self.created.append(self.template)

    def _exec(self, sql, fetch=False):
        with self.psycopg.connect(dbname="postgres", autocommit=True, **PG) as conn:
            cur = conn.execute(sql)
            return cur.fetchone() if fetch else None

    def url(self, name):
        return f"postgres://{PG['user']}@{PG['host']}:{PG['port']}/{name}"

    def template_url(self):
        return self.url(self.template)

    def fresh(self, name):
        self.count += 1
        db = f"{self.prefix}_{self.count:02d}_{name.replace('-', '_')}"[:63]
        self._exec(f'CREATE DATABASE "{db}" TEMPLATE "{self.template}"')
        self.created.append(db)
        return self.url(db)

    def drop(self, url):
        db = url.rsplit("/", 1)[1]
        self._exec(f'DROP DATABASE IF EXISTS "{db}" WITH (FORCE)')
        if db in self.created:
            self.created.remove(db)

    def version(self):
        return self._exec("SHOW server_version", fetch=True)[0].join(["PostgreSQL ", ""])

    def cleanup(self):
        for db in list(self.created):
            self.drop(self.url(db))


# --- running steps ------------------------------------------------------------------------------

class Runner:
    def __init__(self, dbs, workdir, verbose):
        self.dbs = dbs
        self.workdir = Path(workdir)
        self.verbose = verbose
        self.commands = []
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "kb.settings.dev",
            "DEBUG": "0",  # no query log, no debug toolbar-ish overhead: production-like timings
            "MEDIA_ROOT": str(self.workdir / "media"),
            "LOG_LEVEL": "WARNING",
        }
        self.env.pop("ELASTICSEARCH_URL", None)

    def log(self, text):
        print(text, file=sys.stderr, flush=True)

    def _run(self, argv, url, label):
        env = {**self.env, "DATABASE_URL": url}
        shown = f"DATABASE_URL={url} DJANGO_SETTINGS_MODULE=kb.settings.dev DEBUG=0 " + shlex.join(
            [Path(a).name if a == sys.executable else a for a in argv]
        )
        if shown not in self.commands:
            self.commands.append(shown)
        self.log(f"  $ {label}")
        started = time.perf_counter()
        proc = subprocess.run(argv, cwd=PROJECT, env=env, capture_output=True, text=True)
        if proc.returncode != 0:
            raise RuntimeError(f"{label} failed ({proc.returncode}):\n{proc.stdout[-3000:]}\n{proc.stderr[-5000:]}")
        if self.verbose and proc.stderr.strip():
            self.log(proc.stderr[-2000:])
        return time.perf_counter() - started

    def migrate(self):
        seconds = self._run([sys.executable, "manage.py", "migrate", "--noinput"], self.dbs.template_url(), "migrate template")
        self.log(f"  migrate: {seconds:.1f}s")

    def step(self, step, url, **options):
        out = self.workdir / f"{step}-{int(time.time() * 1000)}.json"
        argv = [sys.executable, "bench/_worker.py", step, "--out", str(out)]
        for key, value in options.items():
            if value is True:
                argv.append(f"--{key.replace('_', '-')}")
            elif value not in (None, False):
                argv += [f"--{key.replace('_', '-')}", str(value)]
        self._run(argv, url, f"{step} {' '.join(argv[5:])}")
        return json.loads(out.read_text())

    def fresh_step(self, step, name, **options):
        url = self.dbs.fresh(name)
        try:
            return self.step(step, url, **options)
        finally:
            self.dbs.drop(url)


# --- scenarios ----------------------------------------------------------------------------------

def scenario_import(runner, sizes, args):
    out = {}
    for n in sizes:
        data = runner.workdir / f"programmes-{n}.json"
        if not data.exists():
            subprocess.run([sys.executable, str(BENCH / "generate.py"), str(n), str(data), "--seed", str(args.seed)], check=True)
        row = {"ours": [], "wagtail": [], "wagtail_signals_off": []}
        for rep in range(args.import_repeat):
            runner.log(f"import n={n} rep {rep + 1}/{args.import_repeat}")
            row["ours"].append(runner.fresh_step("import-ours", f"imp-ours-{n}", data=data))
            sample = args.baseline_sample if args.baseline_sample and n > args.baseline_sample else None
            row["wagtail"].append(runner.fresh_step("import-wagtail", f"imp-wt-{n}", data=data, sample=sample))
            if args.signals_off_baseline:
                row["wagtail_signals_off"].append(
                    runner.fresh_step("import-wagtail", f"imp-wtoff-{n}", data=data, signals_off=True))
        if args.profile:
            prof = RESULTS / f"profile-import-{n}-{runner.dbs.engine}.txt"
            row["profile"] = runner.fresh_step("import-profile", f"imp-prof-{n}", data=data, profile_out=prof)
        out[n] = row
    return out


def scenario_quality(runner, args):
    """One fresh site per query file, so every file is scored by the three systems in one run."""
    out = {}
    for n, path in enumerate(args.quality_queries):
        runner.log(f"quality: eval corpus, {Path(path).name}")
        out[str(path)] = runner.fresh_step(
            "quality", f"quality-{n}", corpus=EVAL / "corpus.json", queries=Path(path),
            relevance=EVAL / "relevance.py", repeat=args.repeat,
        )
    return out


def scenario_latency_and_rebuild(runner, sizes, args, do_latency, do_rebuild):
    out = {}
    for n in sizes:
        data = runner.workdir / f"programmes-{n}.json"
        if not data.exists():
            subprocess.run([sys.executable, str(BENCH / "generate.py"), str(n), str(data), "--seed", str(args.seed)], check=True)
        url = runner.dbs.fresh(f"lat-{n}")
        try:
            runner.log(f"latency n={n}")
            row = {"latency": runner.step("latency", url, data=data)}
            row["latency"].update(runner.step("search", url, queries=EVAL / "queries.json", repeat=args.repeat))
            if do_latency:
                runner.log(f"pages n={n}")
                row["pages"] = runner.step("pages", url, repeat=args.repeat)
            if do_rebuild:
                row["rebuild"], row["update_index"] = [], []
                for rep in range(args.repeat):
                    runner.log(f"rebuild n={n} rep {rep + 1}/{args.repeat}")
                    row["rebuild"].append(runner.step("rebuild", url))
                    row["update_index"].append(runner.step("update-index", url))
            if not do_latency:
                row.pop("latency")
            out[n] = row
        finally:
            runner.dbs.drop(url)
    return out


# --- report -------------------------------------------------------------------------------------

def med(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else float("nan")


def ratio(a, b):
    return a / b if b else float("nan")


def machine_info(dbs):
    cpu = platform.processor() or ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                mem = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    except OSError:
        pass
    versions = subprocess.run(
        [sys.executable, "-c", "import django, wagtail; print(django.get_version(), wagtail.__version__)"],
        capture_output=True, text=True, cwd=PROJECT,
    ).stdout.split()
    git = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=PROJECT).stdout.strip()
    dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], capture_output=True, text=True, cwd=PROJECT).stdout.split("\n")
    dirty = [line[3:] for line in dirty if line.strip()]
    return {
        "cpus": os.cpu_count(), "cpu": cpu, "memory": mem, "python": platform.python_version(),
        "platform": platform.platform(), "django": versions[0] if versions else "?",
        "wagtail": versions[1] if len(versions) > 1 else "?", "db": dbs.version(),
        "git": git + (f" + uncommitted changes in {', '.join(dirty)}" if dirty else ""),
    }


def report(info, command, runner, results, started_at, elapsed):
    md = [f"# Knowledge-base benchmarks — {started_at:%Y-%m-%d %H:%M} ({info['db']})", ""]
    md += ["## Machine", "",
           f"- CPU: {info['cpus']} × {info['cpu']}; memory {info['memory']}",
           f"- Python {info['python']}, Django {info['django']}, Wagtail {info['wagtail']}; {info['platform']}",
           f"- Database: {info['db']} (fresh throwaway database per step, migrated from a template)",
           f"- Code: git {info['git']}",
           "- Settings: kb.settings.dev with DEBUG=0; search engine: embedded; Wagtail backend: "
           "wagtail.search.backends.database",
           f"- Wall time of the whole run: {elapsed / 60:.1f} min", ""]

    if "import" in results:
        md += ["## Import throughput", "",
               "Same generated file (`bench/generate.py N --seed S`) into an empty site. *ours* = "
               "`programmes.exchange.import_data` (one transaction, index written once at the end). "
               "*Wagtail page API* = per record `catalogue.add_child(instance=ProgrammePage(...))`, then "
               "`save_revision().publish()` (+ `copy_for_translation` for translations), autocommit, with every "
               "signal handler on (so our per-publish indexing and translation sync run as they would for an editor).", ""]
        head = "| programmes | ours: programmes/s | Wagtail page API: programmes/s | ratio ours / page API | ours: s | page API: s |"
        has_off = any(r["wagtail_signals_off"] for r in results["import"].values())
        if has_off:
            head += " page API, our signals paused, 1 transaction: programmes/s | ratio ours / that |"
        md += [head, "|" + "---|" * (head.count("|") - 1)]
        for n, row in results["import"].items():
            ours = med([r["per_second"] for r in row["ours"]])
            wt = med([r["per_second"] for r in row["wagtail"]])
            sampled = max((r.get("populated", 0) for r in row["wagtail"]), default=0)
            if sampled:
                wt_label = f"{wt:.1f} (last {row['wagtail'][0]['records']:,} records into a site of {sampled:,})"
            else:
                wt_label = f"{wt:.1f}"
            line = (f"| {n:,} | {ours:.1f} | {wt_label} | **{ratio(ours, wt):.2f}×** | "
                    f"{med([r['seconds'] for r in row['ours']]):.1f} | {med([r['seconds'] for r in row['wagtail']]):.1f} |")
            if has_off:
                off = med([r["per_second"] for r in row["wagtail_signals_off"]])
                line += f" {off:.1f} | {ratio(ours, off):.2f}× |"
            md.append(line)
        reps = {len(row["ours"]) for row in results["import"].values()}
        md += ["", f"Medians of {', '.join(map(str, sorted(reps)))} run(s) each; each run in its own fresh database."]
        for n, row in results["import"].items():
            if row.get("profile"):
                md.append(f"cProfile of `import_data` at {n:,}: `{row['profile']['profile']}`.")
        md.append("")

    for path, q in results.get("quality", {}).items():
        s = q["systems"]
        md += [f"## Search quality and latency on the eval set: `{Path(path).name}`", "",
               f"`{EVAL}/corpus.json` ({q['programmes']} programmes, {q['pages']} pages with translations) imported with "
               f"`import_data`; Wagtail's index filled with `update_index`; {q['queries']} queries from `{Path(path).name}`, "
               f"scored with the functions of `relevance.py` (nDCG@10, MRR@10, recall@10). Latency: {q['repeat']} timed "
               "rounds after one warm-up round, the three systems interleaved per query (stock Wagtail in a process of its own).", "",
               "| system | nDCG@10 | MRR | recall@10 | zero-result | p50 ms | p95 ms | p50 ratio vs raw engine | p50 ratio vs stock Wagtail |",
               "|---|---|---|---|---|---|---|---|---|"]
        names = {"api": "our `/api/v1/search/` (Django test Client)", "raw": "raw engine `get_search_service().search()`",
                 "stock": "stock Wagtail `ProgrammePage.objects.live().search(q)`"}
        for key in ("api", "raw", "stock"):
            e = s[key]
            md.append(f"| {names[key]} | {e['ndcg10']:.3f} | {e['mrr']:.3f} | {e['recall10']:.3f} | {e['zero_rate']:.0%} | "
                      f"{e['p50_ms']:.1f} | {e['p95_ms']:.1f} | {ratio(e['p50_ms'], s['raw']['p50_ms']):.2f}× | "
                      f"{ratio(e['p50_ms'], s['stock']['p50_ms']):.2f}× |")
        quality = (f"nDCG@10 **{ratio(s['api']['ndcg10'], s['stock']['ndcg10']):.2f}×**, "
                   f"MRR {ratio(s['api']['mrr'], s['stock']['mrr']):.2f}×" if s["stock"]["ndcg10"]
                   else "not a ratio: stock Wagtail finds none of the graded programmes")
        md += ["", f"Quality ratio API / stock Wagtail: {quality}. HTTP-layer overhead API / raw engine (p50): "
               f"**{ratio(s['api']['p50_ms'], s['raw']['p50_ms']):.2f}×**.", ""]
        kinds = sorted(s["api"]["by_kind"])
        md += ["nDCG@10 (zero-result rate) per query kind:", "",
               "| kind | " + " | ".join(kinds) + " |", "|---|" + "---|" * len(kinds)]
        for key in ("api", "stock"):
            md.append(f"| {key} | " + " | ".join(
                f"{s[key]['by_kind'][k]['ndcg10']:.2f} ({s[key]['by_kind'][k]['zero_rate']:.0%})" for k in kinds) + " |")
        md.append("")

    if "latency" in results:
        md += ["## Search latency on synthetic programmes", "",
               "Generated programmes imported with `import_data`, then `search_index rebuild` and Wagtail's `update_index`; "
               "the eval queries (no relevance judgements on synthetic data: latency only), one warm-up round, "
               "then the timed rounds with the three systems interleaved per query (stock Wagtail answering from a "
               "process of its own).", "",
               "| programmes | pages | system | p50 ms | p95 ms | max ms | p50 ratio vs raw engine | p50 ratio vs stock Wagtail |",
               "|---|---|---|---|---|---|---|---|"]
        for n, row in results["latency"].items():
            lat = row.get("latency")
            if not lat:
                continue
            s = lat["systems"]
            for key in ("api", "raw", "stock"):
                e = s[key]
                md.append(f"| {n:,} | {lat['pages']:,} | {key} | {e['p50_ms']:.1f} | {e['p95_ms']:.1f} | {e['max_ms']:.1f} | "
                          f"{ratio(e['p50_ms'], s['raw']['p50_ms']):.2f}× | {ratio(e['p50_ms'], s['stock']['p50_ms']):.2f}× |")
        md += ["", "Ours alone (API and raw engine interleaved, no stock query in between; stock Wagtail in the table "
               "above ran in a process of its own):", "",
               "| programmes | system | p50 ms | p95 ms | max ms | p50 ratio vs raw engine | p95 ratio vs raw engine |",
               "|---|---|---|---|---|---|---|"]
        for n, row in results["latency"].items():
            alone = (row.get("latency") or {}).get("alone")
            for key in ("api", "raw") if alone else ():
                e = alone[key]
                md.append(f"| {n:,} | {key} | {e['p50_ms']:.1f} | {e['p95_ms']:.1f} | {e['max_ms']:.1f} | "
                          f"{ratio(e['p50_ms'], alone['raw']['p50_ms']):.2f}× | "
                          f"{ratio(e['p95_ms'], alone['raw']['p95_ms']):.2f}× |")
        md += [""]
        for n, row in results["latency"].items():
            lat = row.get("latency")
            if lat:
                slow = ", ".join(f"{qid} {ms:.0f} ms" for ms, qid in lat["systems"]["api"]["slowest"])
                md.append(f"Slowest API queries at {n:,} (median per query): {slow}.")
        md.append("")

    if any(row.get("pages") for row in results.get("latency", {}).values()):
        md += ["## Public pages and API", "",
               "Django test Client in a fresh process on the database of the latency step (no HTTP server): "
               "one warm-up request, then the timed ones. *Rendered* = the page cache emptied before each request "
               "(the first visitor after a publish); *cached* = served from the page cache (pagecache/, LocMemCache "
               "here). SQL = queries of one request (max over the runs). Peak RSS = the process after serving "
               "them all.", "",
               "| programmes | page | status | rendered p50 ms | p95 ms | SQL | cached p50 ms | p95 ms | SQL | "
               "rendered / cached |", "|---|---|---|---|---|---|---|---|---|---|"]
        for n, row in results["latency"].items():
            for name, e in (row.get("pages") or {}).get("urls", {}).items():
                md.append(f"| {n:,} | {name} | {e['status']} | {e['p50_ms']:.1f} | {e['p95_ms']:.1f} | {e['queries']} | "
                          f"{e['cached_p50_ms']:.2f} | {e['cached_p95_ms']:.2f} | {e['cached_queries']} | "
                          f"{ratio(e['p50_ms'], e['cached_p50_ms']):.0f}× |")
        md += [""] + [
            f"Web process at {n:,}: peak RSS {row['pages']['peak_rss_mb']:.0f} MB "
            f"({row['pages']['rss_before_mb']:.0f} MB after start-up)."
            for n, row in results["latency"].items() if row.get("pages")
        ] + [""]

    if any(row.get("rebuild") for row in results.get("latency", {}).values()):
        md += ["## Full index rebuild", "",
               "`manage.py search_index rebuild` (our engine) vs Wagtail's `manage.py update_index` (baseline, all pages) "
               "on the same database, each run in a fresh process; peak RSS = `ru_maxrss` of that process "
               "(Django loaded before the command: the 'before' column).", "",
               "| programmes | pages | rebuild s | peak RSS MB (before) | update_index s | peak RSS MB (before) | ratio rebuild / update_index |",
               "|---|---|---|---|---|---|---|"]
        for n, row in results["latency"].items():
            if not row.get("rebuild"):
                continue
            rb, ui = row["rebuild"], row["update_index"]
            rb_s, ui_s = med([r["seconds"] for r in rb]), med([r["seconds"] for r in ui])
            md.append(f"| {n:,} | {rb[0]['pages']:,} | {rb_s:.2f} | {med([r['peak_rss_mb'] for r in rb]):.0f} "
                      f"({med([r['rss_before_mb'] for r in rb]):.0f}) | {ui_s:.2f} | {med([r['peak_rss_mb'] for r in ui]):.0f} "
                      f"({med([r['rss_before_mb'] for r in ui]):.0f}) | **{ratio(rb_s, ui_s):.2f}×** |")
        md += ["", f"Medians of {args_repeat_note(results)} run(s).", ""]

    errors = []
    for path, q in results.get("quality", {}).items():
        for key, e in q["systems"].items():
            errors += [f"quality {Path(path).name}/{key}: {msg}" for msg in e["errors"]]
    for n, row in results.get("latency", {}).items():
        if row.get("latency"):
            for key, e in [*row["latency"]["systems"].items(), *row["latency"].get("alone", {}).items()]:
                errors += [f"latency {n}/{key}: {msg}" for msg in e["errors"]]
    if errors:
        md += ["## Errors during the run", ""] + [f"- {e}" for e in errors] + [""]

    md += ["## Commands", "", "```", command, "```", "", "Steps it ran (each in its own process and database):", "", "```"]
    md += runner.commands + ["```", ""]
    return "\n".join(md)


def args_repeat_note(results):
    reps = {len(row["rebuild"]) for row in results.get("latency", {}).values() if row.get("rebuild")}
    return ", ".join(map(str, sorted(reps)))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000], help="programme counts (default 1000)")
    parser.add_argument("--postgres", action="store_true", help="fresh databases on 127.0.0.1:5432 instead of SQLite")
    parser.add_argument("--only", nargs="+", choices=SCENARIOS, default=SCENARIOS)
    parser.add_argument("--repeat", type=int, default=3, help="timed rounds for search latency and rebuild (default 3)")
    parser.add_argument("--import-repeat", type=int, default=1, help="import runs per size and method (default 1)")
    parser.add_argument("--signals-off-baseline", action="store_true",
                        help="also time the page API with our publish handlers paused, in one transaction")
    parser.add_argument("--profile", action="store_true", help="cProfile one extra import_data run per size")
    parser.add_argument("--baseline-sample", type=int, default=0,
                        help="import: time the Wagtail page API on only the last N records of larger files, "
                        "after importing the rest untimed (e.g. 500 at 100,000)")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--quality-queries", nargs="+", default=[str(EVAL / "queries.json")],
                        help="graded query files for the quality scenario (default: the shared queries.json)")
    parser.add_argument("--out", default=str(RESULTS / "latest.md"))
    parser.add_argument("--keep", action="store_true", help="keep the scratch directory")
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args()

    RESULTS.mkdir(exist_ok=True)
    workdir = tempfile.mkdtemp(prefix="kb-bench-")
    started_at, t0 = datetime.datetime.now(), time.perf_counter()
    dbs = PostgresDatabases(workdir) if args.postgres else SqliteDatabases(workdir)
    runner = Runner(dbs, workdir, args.verbose)
    results = {}
    try:
        info = machine_info(dbs)
        runner.migrate()
        if "import" in args.only:
            results["import"] = scenario_import(runner, args.sizes, args)
        if "quality" in args.only:
            results["quality"] = scenario_quality(runner, args)
        if "latency" in args.only or "rebuild" in args.only:
            results["latency"] = scenario_latency_and_rebuild(
                runner, args.sizes, args, "latency" in args.only, "rebuild" in args.only)
    finally:
        dbs.cleanup()
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)
    command = "cd " + str(PROJECT) + " && .venv/bin/python bench/run.py " + shlex.join(sys.argv[1:])
    text = report(info, command.rstrip(), runner, results, started_at, time.perf_counter() - t0)
    out = Path(args.out)
    out.write_text(text, encoding="utf-8")
    out.with_suffix(".json").write_text(json.dumps({"machine": info, "results": results}, indent=1, default=str))
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
