#!/usr/bin/env python3
"""Load benchmark: the production-like stack (gunicorn + PostgreSQL) on this machine, loopback only.

    .venv/bin/python bench/load.py                          # 1, 10, 25, 50 clients, 60 s each
    .venv/bin/python bench/load.py --seconds 10             # quick run
    .venv/bin/python bench/load.py --clients 1 50 --seconds 30

1. creates a throwaway PostgreSQL database on 127.0.0.1:5432 (user postgres), runs
   `manage.py migrate`, `load_demo` and `collectstatic --noinput` with
   kb.settings.production (DEBUG=false, random SECRET_KEY, ALLOWED_HOSTS=127.0.0.1,localhost,
   SECURE_SSL_REDIRECT=false, rate limits raised to 1,000,000 so that one benchmark client
   is not answered with 429s; MEDIA_ROOT is a temp directory);
2. starts gunicorn on a free loopback port (3 workers x 2 threads, timeout 30 s);
3. drives it with a standard-library load generator: one thread per client, each with its
   own keep-alive connection, issuing requests back to back (closed loop, no think time).
   Mix: ~50 % search (API and /de/suche/, realistic German queries, some with filters),
   ~25 % catalogue (/de/programme/ with and without filters), ~25 % programme pages
   (URLs from /api/v1/search/?page_size=50);
4. prints a Markdown report and writes it to bench/results/load.md (gunicorn's output goes
   to bench/results/load-gunicorn.log).

The database, gunicorn and the temp directory are removed at the end, also after an
error or Ctrl-C. collectstatic writes into the project's static/ (STATIC_ROOT is not read
from the environment; static/ is git-ignored). Standard library only; the manage.py steps
and gunicorn run with the project's .venv.
"""

import argparse
import collections
import datetime
import http.client
import json
import os
import platform
import random
import secrets
import shlex
import shutil
import signal
import socket
import string
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

BENCH = Path(__file__).resolve().parent
PROJECT = BENCH.parent
RESULTS = BENCH / "results"
VENV = PROJECT / ".venv" / "bin"
PG = {"host": "127.0.0.1", "port": 5432, "user": "postgres"}

# What people type into the search box: programme names, needs, typos, umlaut spellings,
# whole questions, one-word queries, an empty query (= all programmes with facets).
QUERIES = [
    "Sprachkurs", "Deutschkurs für Mütter", "Integrationskurs", "Hausaufgabenhilfe",
    "Welcome Center", "Anerkennung ausländischer Berufsabschlüsse", "Ausbildung",
    "Geflüchtete", "Einbürgerungsfeier", "Beratung bei Diskriminierung", "Dolmetscherdienst",
    "Gesundheitslotsen", "Stadtteilmütter", "Elternbegleiter", "Kita Sprachförderung",
    "Ehrenamt Flüchtlinge", "Schwimmkurs für Frauen", "Nachbarschaftsfrühstück",
    "interkulturelle Öffnung der Verwaltung", "Arbeit für Frauen", "Job Geflüchtete",
    "Integartionskurs", "Hausaufgabenhlife", "Sprachkurse fuer Muetter", "Welcom Center",
    "Gesundheitslotzen", "Begruessungsabend", "Übersetzer beim Arzt",
    "wo kann meine Mutter Deutsch lernen mit Kinderbetreuung",
    "wer hilft meinem Sohn bei den Hausaufgaben",
    "ich wurde bei der Wohnungssuche diskriminiert, wo bekomme ich Hilfe",
    "wie kann ich mich ehrenamtlich für Flüchtlinge engagieren",
    "Bad Cannstatt", "Sport", "Kultur und Sport", "Jugendliche", "Senioren", "Deutsch üben",
    "VHS Integrationskurs", "Azubi Stadtverwaltung", "Mütter", "",
]
FILTERS = {"theme": "themes", "target_group": "target_groups", "district": "districts",
           "status": "status", "language": "languages"}
# Weights of the request kinds (~50 % search, ~25 % catalogue, ~25 % programme pages).
MIX = [("search-api", 25), ("search-page", 25), ("catalogue", 25), ("programme", 25)]


# ---------------------------------------------------------------------------- setup

def log(message):
    print(f"[load {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def sql(statement):
    """One autocommit statement on the maintenance database (psycopg from the project's venv)."""
    code = ("import psycopg, sys\n"
            "with psycopg.connect(dbname='postgres', host=sys.argv[1], port=int(sys.argv[2]), user=sys.argv[3],"
            " autocommit=True) as conn:\n"
            "    row = conn.execute(sys.argv[4]).fetchone() if sys.argv[5] == '1' else conn.execute(sys.argv[4])\n"
            "    print(row[0] if sys.argv[5] == '1' and row else '')\n")
    fetch = "1" if statement.lstrip().upper().startswith(("SELECT", "SHOW")) else "0"
    done = subprocess.run([str(VENV / "python"), "-c", code, PG["host"], str(PG["port"]), PG["user"], statement, fetch],
                          capture_output=True, text=True, timeout=120)
    if done.returncode:
        raise RuntimeError(f"SQL failed: {statement}\n{done.stderr.strip()}")
    return done.stdout.strip()


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def manage(env, *args, timeout):
    shown = "manage.py " + " ".join(args)
    log(f"{shown} …")
    t0 = time.perf_counter()
    done = subprocess.run([str(VENV / "python"), "manage.py", *args], cwd=PROJECT, env=env,
                          capture_output=True, text=True, timeout=timeout)
    if done.returncode:
        raise RuntimeError(f"{shown} failed ({done.returncode}):\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}")
    seconds = time.perf_counter() - t0
    log(f"{shown}: {seconds:.1f} s")
    return seconds


class Server:
    """gunicorn in its own session (so Ctrl-C reaches only us; we stop it ourselves)."""

    def __init__(self, env, port, workers, threads, logfile):
        self.command = [str(VENV / "gunicorn"), "kb.wsgi:application", "--bind", f"127.0.0.1:{port}",
                        "--workers", str(workers), "--threads", str(threads), "--timeout", "30"]
        self.port = port
        self.logfile = logfile
        self._log = open(logfile, "w")
        self.proc = subprocess.Popen(self.command, cwd=PROJECT, env=env, stdout=self._log,
                                     stderr=subprocess.STDOUT, start_new_session=True)

    def wait_ready(self, path, timeout=60):
        deadline = time.monotonic() + timeout
        last = None
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"gunicorn exited with {self.proc.returncode}; see {self.logfile}")
            try:
                conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=5)
                conn.request("GET", path)
                resp = conn.getresponse()
                resp.read()
                conn.close()
                if resp.status == 200:
                    return
                last = f"HTTP {resp.status}"
            except OSError as exc:
                last = repr(exc)
            time.sleep(0.2)
        raise RuntimeError(f"gunicorn not ready after {timeout} s ({last}); see {self.logfile}")

    def workers(self):
        return sorted(child_pids(self.proc.pid))

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(timeout=5)
        self._log.close()


def child_pids(pid):
    try:
        return [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def cpu_seconds(pids):
    """{pid: utime + stime in seconds} of these processes (Linux /proc); vanished ones are left out."""
    tick = os.sysconf("SC_CLK_TCK")
    times = {}
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            times[pid] = (int(fields[11]) + int(fields[12])) / tick
        except (OSError, IndexError, ValueError):
            pass
    return times


def cpu_used(before, after):
    """CPU seconds between two snapshots; a process that appeared in between counts from 0."""
    return sum(now - before.get(pid, 0.0) for pid, now in after.items())


def machine_busy():
    """(busy, total) jiffies of all CPUs since boot, from /proc/stat."""
    try:
        values = [int(v) for v in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    except (OSError, ValueError):
        return 0, 0
    idle = values[3] + (values[4] if len(values) > 4 else 0)  # idle + iowait
    total = sum(values[:8])  # guest time is already counted in user
    return total - idle, total


def postgres_backends(db):
    """PIDs of the PostgreSQL backends connected to our database (their title names the db)."""
    pids = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                title = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
            except OSError:
                continue
            if title.startswith("postgres: ") and f" {db} " in title:
                pids.append(int(entry.name))
    return pids


# ---------------------------------------------------------------------------- load generator

def fetch_json(port, path):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request("GET", path)
        resp = conn.getresponse()
        body = resp.read()
        if resp.status != 200:
            raise RuntimeError(f"GET {path}: HTTP {resp.status}: {body[:300]!r}")
        return json.loads(body)
    finally:
        conn.close()


def discover(port):
    """Programme URLs and filter values of the demo, read from the search API."""
    urls, facets, page = [], {}, 1
    while True:
        data = fetch_json(port, f"/api/v1/search/?page_size=50&page={page}")
        if page == 1:
            facets = {facet: [f["value"] for f in data["facets"].get(facet, []) if f.get("count")]
                      for facet in FILTERS.values()}
            engine = data.get("engine")
        urls += [hit["url"] for hit in data["results"] if hit.get("url")]
        if not data["results"] or len(urls) >= data["total"] or page >= 10:
            break
        page += 1
    if not urls:
        raise RuntimeError("the demo has no programmes in the search index (/api/v1/search/ returned none)")
    return urls, facets, engine


class Mix:
    """Draws request paths; seeded per client, so runs are repeatable."""

    def __init__(self, programme_urls, facets):
        self.programme_urls = programme_urls
        self.facets = {param: facets.get(facet) or [] for param, facet in FILTERS.items()}
        self.kinds = [k for k, _w in MIX]
        self.weights = [w for _k, w in MIX]

    def _filters(self, rng, params, allowed):
        for param in rng.sample(allowed, rng.choice([1, 1, 2])):
            if self.facets.get(param):
                params.append((param, rng.choice(self.facets[param])))

    def draw(self, rng):
        kind = rng.choices(self.kinds, self.weights)[0]
        if kind in ("search-api", "search-page"):
            params = [("q", rng.choice(QUERIES))]
            if rng.random() < 0.35:
                self._filters(rng, params, list(FILTERS))
            if rng.random() < 0.1:
                params.append(("page", "2"))
            base = "/api/v1/search/" if kind == "search-api" else "/de/suche/"
            return kind, f"{base}?{urlencode(params)}"
        if kind == "catalogue":
            roll = rng.random()
            params = []
            if roll < 0.4:
                pass
            elif roll < 0.8:
                self._filters(rng, params, ["theme", "target_group", "district", "status"])
            elif roll < 0.9:
                start = rng.randrange(2000, 2024)
                params = [("from", start), ("to", start + rng.randrange(0, 10))]
            else:
                params = [("page", "2")]
            return kind, "/de/programme/" + (f"?{urlencode(params)}" if params else "")
        return kind, rng.choice(self.programme_urls)


class Client(threading.Thread):
    RETRYABLE = (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError)

    def __init__(self, port, mix, seed, start_at, stop_at, timeout):
        super().__init__(daemon=True)
        self.port, self.mix, self.rng = port, mix, random.Random(seed)
        self.start_at, self.stop_at, self.timeout = start_at, stop_at, timeout
        self.samples = []  # (kind, status or exception name, latency seconds, finished at)
        self.error_examples = {}
        self.reconnects = 0

    def run(self):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=self.timeout)
        while time.perf_counter() < self.start_at:
            time.sleep(0.001)
        while time.perf_counter() < self.stop_at:
            kind, path = self.mix.draw(self.rng)
            t0 = time.perf_counter()
            try:
                try:
                    reused = conn.sock is not None
                    conn.request("GET", path)
                    resp = conn.getresponse()
                except self.RETRYABLE:
                    # A keep-alive connection the server had already closed: reconnect once,
                    # as HTTP clients do; counted, and reported, as a reconnect.
                    if not reused:
                        raise
                    self.reconnects += 1
                    conn.close()
                    t0 = time.perf_counter()
                    conn.request("GET", path)
                    resp = conn.getresponse()
                resp.read()
                outcome = resp.status
                if resp.will_close:
                    conn.close()
            except Exception as exc:  # noqa: BLE001 - every failure is a result
                outcome = type(exc).__name__
                conn.close()
            now = time.perf_counter()
            self.samples.append((kind, outcome, now - t0, now))
            if not (isinstance(outcome, int) and 200 <= outcome < 400):
                self.error_examples.setdefault(outcome, path)
        conn.close()


def percentile(sorted_values, p):
    if not sorted_values:
        return float("nan")
    k = (len(sorted_values) - 1) * p / 100
    lo = int(k)
    hi = min(lo + 1, len(sorted_values) - 1)
    return sorted_values[lo] + (sorted_values[hi] - sorted_values[lo]) * (k - lo)


def summarise(samples, window):
    """Throughput counts the requests finished inside the window [start, stop); latency and
    errors include the requests that were still in flight at the stop and finished after it."""
    start, stop = window
    latencies = sorted(s[2] * 1000 for s in samples)
    errors = collections.Counter(s[1] for s in samples if not (isinstance(s[1], int) and 200 <= s[1] < 400))
    done = sum(1 for s in samples if s[3] < stop)
    return {
        "requests": len(samples), "in_window": done, "rps": done / (stop - start),
        "p50": percentile(latencies, 50), "p95": percentile(latencies, 95), "p99": percentile(latencies, 99),
        "max": latencies[-1] if latencies else float("nan"),
        "errors": sum(errors.values()), "by_status": dict(errors),
    }


def run_level(port, mix, clients, seconds, server, db, timeout):
    before_workers = server.workers()
    cpu0 = (time.process_time(), cpu_seconds(before_workers), cpu_seconds(postgres_backends(db)), machine_busy())
    start_at = time.perf_counter() + 0.2
    threads = [Client(port, mix, seed=clients * 1000 + i, start_at=start_at, stop_at=start_at + seconds,
                      timeout=timeout) for i in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - start_at
    busy = machine_busy()
    after_workers = server.workers()
    # Backends that closed during the level (CONN_MAX_AGE=60) are missed: a lower bound.
    cpu = {"client": time.process_time() - cpu0[0],
           "gunicorn": cpu_used(cpu0[1], cpu_seconds(after_workers)),
           "postgres": cpu_used(cpu0[2], cpu_seconds(postgres_backends(db)))}
    if busy[1] > cpu0[3][1]:  # the whole machine: busy share of all cores, as seconds of one core
        cpu["machine"] = (busy[0] - cpu0[3][0]) / (busy[1] - cpu0[3][1]) * (os.cpu_count() or 1) * elapsed
        cpu["other"] = max(0.0, cpu["machine"] - cpu["client"] - cpu["gunicorn"] - cpu["postgres"])
    samples = [s for t in threads for s in t.samples]
    window = (start_at, start_at + seconds)
    result = summarise(samples, window)
    result.update(clients=clients, seconds=elapsed, reconnects=sum(t.reconnects for t in threads),
                  cpu={k: 100 * v / elapsed for k, v in cpu.items()},
                  workers_replaced=sorted(set(before_workers) - set(after_workers)),
                  kinds={kind: summarise([s for s in samples if s[0] == kind], window) for kind, _w in MIX},
                  error_examples={str(k): v for t in threads for k, v in t.error_examples.items()})
    return result


# ---------------------------------------------------------------------------- report

def machine_info():
    cpu, mem = platform.processor() or "?", "?"
    try:
        cpu = next(line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                   if line.startswith("model name"))
        mem = next(f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB" for line in Path("/proc/meminfo").read_text().splitlines()
                   if line.startswith("MemTotal"))
    except (OSError, StopIteration):
        pass
    versions = subprocess.run(
        [str(VENV / "python"), "-c", "import django, wagtail, gunicorn; print(django.get_version(), wagtail.__version__, gunicorn.__version__)"],
        capture_output=True, text=True, cwd=PROJECT).stdout.split() + ["?"] * 3
    git = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=PROJECT).stdout.strip()
    dirty = [line[3:] for line in subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"],
             capture_output=True, text=True, cwd=PROJECT).stdout.splitlines() if line.strip()]
    return {"cpus": os.cpu_count(), "cpu": cpu, "memory": mem, "platform": platform.platform(),
            "python": platform.python_version(), "django": versions[0], "wagtail": versions[1], "gunicorn": versions[2],
            "postgres": sql("SHOW server_version"),
            "git": git + (f" + uncommitted changes in {', '.join(dirty)}" if dirty else "")}


def errors_text(result):
    if not result["errors"]:
        return "0"
    parts = ", ".join(f"{k}: {v}" for k, v in sorted(result["by_status"].items(), key=lambda kv: -kv[1]))
    return f"**{result['errors']}** ({parts})"


def report(info, command, args, setup, engine, programmes, levels, server, log_findings, started, wall):
    md = [f"# Load benchmark — {started:%Y-%m-%d %H:%M}", ""]
    md += ["## Result", "",
           "| clients | requests | throughput req/s | p50 ms | p95 ms | p99 ms | max ms | errors (by status) |",
           "|---:|---:|---:|---:|---:|---:|---:|---|"]
    for r in levels:
        md.append(f"| {r['clients']} | {r['requests']:,} | {r['rps']:.1f} | {r['p50']:.1f} | {r['p95']:.1f} | "
                  f"{r['p99']:.1f} | {r['max']:.0f} | {errors_text(r)} |")
    md += ["", f"Each level ran {args.seconds:g} s; throughput = requests finished within those seconds / seconds; "
           "*requests*, latency and errors also include the requests still in flight at the end. Closed loop (each client sends its next request as soon as the "
           "previous answer is read, no think time). Latency = request sent → whole body read, on the client. "
           "Errors = HTTP status outside 2xx/3xx, or an exception (named by its class, e.g. `timeout`). "
           "3xx are not followed.", ""]

    md += ["## Per request kind", "",
           "| clients | kind | requests | p50 ms | p95 ms | p99 ms | errors |", "|---:|---|---:|---:|---:|---:|---|"]
    for r in levels:
        for kind, k in r["kinds"].items():
            md.append(f"| {r['clients']} | {kind} | {k['requests']:,} | {k['p50']:.1f} | {k['p95']:.1f} | "
                      f"{k['p99']:.1f} | {errors_text(k)} |")
    md += ["", "## CPU during each level", "",
           f"Percent of one core ({info['cpus']} cores in total); the load generator runs on the same machine.", "",
           "| clients | gunicorn workers | PostgreSQL backends | load generator | other processes | whole machine "
           "| keep-alive reconnects | workers replaced |",
           "|---:|---:|---:|---:|---:|---:|---:|---|"]
    for r in levels:
        c = r["cpu"]
        md.append(f"| {r['clients']} | {c['gunicorn']:.0f} % | {c['postgres']:.0f} % | {c['client']:.0f} % | "
                  f"{c.get('other', float('nan')):.0f} % | {c.get('machine', float('nan')):.0f} % of {info['cpus'] * 100} % | "
                  f"{r['reconnects']} | {', '.join(map(str, r['workers_replaced'])) or 'none'} |")
    examples = {(r["clients"], k): v for r in levels for k, v in r["error_examples"].items()}
    if examples:
        md += ["", "First failing request per level and status:", ""]
        md += [f"- {c} clients, {k}: `{v}`" for (c, k), v in examples.items()]
    md += ["", "## Server log", "", f"gunicorn's output: `{server.logfile.relative_to(PROJECT)}`. "
           + (", ".join(f"{k}: {v}" for k, v in log_findings.items()) if log_findings else "No tracebacks, errors or worker timeouts in it.")]

    md += ["", "## Setup", "",
           f"- Machine: {info['cpus']} × {info['cpu']}; memory {info['memory']}; {info['platform']}",
           f"- Python {info['python']}, Django {info['django']}, Wagtail {info['wagtail']}, gunicorn {info['gunicorn']}, "
           f"PostgreSQL {info['postgres']} (127.0.0.1:5432, fresh database `{args.db}`, dropped afterwards)",
           f"- Load average (1/5/15 min) before the run {' / '.join(f'{v:.2f}' for v in info['loadavg'][0])}, "
           f"after it {' / '.join(f'{v:.2f}' for v in info['loadavg'][1])}; anything else running on the machine "
           "shows as *other processes* in the CPU table",
           f"- Code: git {info['git']}",
           f"- Server: `{shlex.join([str(Path(server.command[0]).relative_to(PROJECT))] + server.command[1:])}` "
           "(gthread workers, gunicorn's defaults otherwise: keep-alive 2 s, no access log)",
           "- Settings: `kb.settings.production`, DEBUG=false, SECURE_SSL_REDIRECT=false, "
           "ALLOWED_HOSTS=127.0.0.1,localhost, random 50-character SECRET_KEY, "
           f"DATABASE_CONN_MAX_AGE {os.environ.get('DATABASE_CONN_MAX_AGE', '60')} (default), "
           "no REDIS_URL (rate-limit counters in per-process memory), no ELASTICSEARCH_URL "
           f"(search engine reported by the API: `{engine}`)",
           "- **Rate limits raised**: RATE_LIMIT_SEARCH=1000000 and RATE_LIMIT_API=1000000 — the production "
           "defaults (60 searches and 300 API requests per client and minute) would answer this single-address "
           "benchmark with 429s within seconds; the limiter still runs (one cache increment per search/API request).",
           f"- Content: `manage.py load_demo` ({programmes} German programme pages found through the API), "
           f"`collectstatic --noinput` into static/; setup took {setup['total']:.0f} s "
           f"(migrate {setup['migrate']:.0f} s, load_demo {setup['load_demo']:.0f} s, collectstatic {setup['collectstatic']:.0f} s)",
           f"- Mix (weights): {', '.join(f'{k} {w} %' for k, w in MIX)}; search = {len(QUERIES)} German queries "
           "(names, needs, typos, umlaut spellings, questions, empty query), 35 % with one or two filters from the "
           "demo's facets, 10 % page 2; catalogue = /de/programme/ 40 % plain, 40 % filtered, 10 % year range, 10 % page 2; "
           "programme = a random demo programme URL. Warm-up before the first level: "
           f"{args.warmup:g} s at {max(args.clients)} clients, not counted.",
           f"- Wall time of the whole run: {wall / 60:.1f} min", "",
           "## Command", "", "```", command, "```", ""]
    return "\n".join(md)


def scan_log(path):
    text = path.read_text(errors="replace") if path.exists() else ""
    findings = {}
    for label, needle in [("tracebacks", "Traceback"), ("worker timeouts", "WORKER TIMEOUT"),
                          ("ERROR lines", "ERROR"), ("'Internal Server Error' lines", "Internal Server Error"),
                          ("worker boots after start", "Booting worker")]:
        n = text.count(needle)
        if label == "worker boots after start":
            n = max(0, n - WORKERS_AT_START[0])
        if n:
            findings[label] = n
    return findings


WORKERS_AT_START = [0]


# ---------------------------------------------------------------------------- main

def interrupted(signum, frame):
    raise KeyboardInterrupt

def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, nargs="+", default=[1, 10, 25, 50], help="concurrency levels")
    parser.add_argument("--seconds", type=float, default=60, help="duration of each level (default 60)")
    parser.add_argument("--warmup", type=float, default=5, help="unmeasured warm-up seconds (default 5)")
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--timeout", type=float, default=30, help="client socket timeout per request (s)")
    parser.add_argument("--output", type=Path, default=RESULTS / "load.md")
    args = parser.parse_args()
    args.db = f"kb_load_{os.getpid()}"

    started, t_start, load_before = datetime.datetime.now(), time.perf_counter(), os.getloadavg()
    command = ("cd " + str(PROJECT) + " && .venv/bin/python bench/load.py " + shlex.join(sys.argv[1:])).rstrip()
    RESULTS.mkdir(parents=True, exist_ok=True)
    signal.signal(signal.SIGTERM, interrupted)
    signal.signal(signal.SIGINT, interrupted)  # also when started in the background (SIGINT ignored there)

    tmp = Path(tempfile.mkdtemp(prefix="kb-load-"))
    env = {k: v for k, v in os.environ.items() if k not in ("ELASTICSEARCH_URL", "REDIS_URL", "DATABASE_URL")}
    env.update(
        DJANGO_SETTINGS_MODULE="kb.settings.production",
        SECRET_KEY="".join(secrets.choice(string.ascii_letters + string.digits + "!#%+-=_") for _ in range(50)),
        ALLOWED_HOSTS="127.0.0.1,localhost", SECURE_SSL_REDIRECT="false", DEBUG="false",
        DATABASE_URL=f"postgres://{PG['user']}@{PG['host']}:{PG['port']}/{args.db}",
        RATE_LIMIT_SEARCH="1000000", RATE_LIMIT_API="1000000",
        MEDIA_ROOT=str(tmp / "media"), PYTHONUNBUFFERED="1",
    )
    server = None
    created = False
    try:
        sql(f'CREATE DATABASE "{args.db}"')
        created = True
        log(f"database {args.db} created")
        setup = {"migrate": manage(env, "migrate", "--noinput", timeout=900),
                 "load_demo": manage(env, "load_demo", timeout=900),
                 "collectstatic": manage(env, "collectstatic", "--noinput", timeout=600)}
        setup["total"] = sum(setup.values())

        port = free_port()
        server = Server(env, port, args.workers, args.threads, RESULTS / "load-gunicorn.log")
        log(f"gunicorn starting on 127.0.0.1:{port} (pid {server.proc.pid})")
        server.wait_ready("/api/v1/search/?q=Sprachkurs")
        WORKERS_AT_START[0] = len(server.workers())
        urls, facets, engine = discover(port)
        mix = Mix(urls, facets)
        log(f"ready: {len(urls)} programme pages, engine {engine}, workers {server.workers()}")

        # Every kind of request must work before we measure it.
        rng = random.Random(0)
        checks = {}
        while len(checks) < len(MIX):
            kind, path = mix.draw(rng)
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            conn.request("GET", path)
            resp = conn.getresponse()
            resp.read()
            conn.close()
            if resp.status != 200:
                raise RuntimeError(f"sanity check: GET {path} -> HTTP {resp.status}; see {server.logfile}")
            checks[kind] = path
        if args.warmup > 0:
            log(f"warm-up {args.warmup:g} s at {max(args.clients)} clients")
            run_level(port, mix, max(args.clients), args.warmup, server, args.db, args.timeout)

        levels = []
        for clients in args.clients:
            log(f"{clients} clients for {args.seconds:g} s …")
            r = run_level(port, mix, clients, args.seconds, server, args.db, args.timeout)
            levels.append(r)
            log(f"{clients} clients: {r['requests']} requests, {r['rps']:.1f} req/s, p50 {r['p50']:.1f} ms, "
                f"p95 {r['p95']:.1f} ms, p99 {r['p99']:.1f} ms, errors {r['errors']} {r['by_status'] or ''}")
            if server.proc.poll() is not None:
                raise RuntimeError(f"gunicorn died during the {clients}-client level; see {server.logfile}")

        info = machine_info()
        info["loadavg"] = (load_before, os.getloadavg())
        server.stop()
        text = report(info, command, args, setup, engine, len(urls), levels, server, scan_log(server.logfile),
                      started, time.perf_counter() - t_start)
        args.output.parent.mkdir(parents=True, exist_ok=True)
        args.output.write_text(text)
        print(text)
        log(f"written to {args.output}")
        return 1 if any(r["errors"] for r in levels) else 0
    except KeyboardInterrupt:
        log("interrupted")
        return 130
    finally:
        if server is not None:
            server.stop()
        if created:
            try:
                sql(f'DROP DATABASE IF EXISTS "{args.db}" WITH (FORCE)')
                log(f"database {args.db} dropped")
            except Exception as exc:  # noqa: BLE001
                log(f"could not drop database {args.db}: {exc}")
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
