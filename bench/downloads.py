"""Downloads, export and backup on a filled site: time, first byte, peak memory, size, count.

Issue 19, item 3: the open-data downloads, `export_programmes` and `backup` must work at
100,000 programmes on SQLite and PostgreSQL by streaming. Each output runs in a process of
its own, so its peak RSS is its own; a memory figure that grows with N means something is
built whole. Fill the database first (README: `import_programmes` of a generated file).

    export DATABASE_URL=sqlite:////tmp/site.sqlite3 DJANGO_SETTINGS_MODULE=kb.settings.dev DEBUG=0
    .venv/bin/python bench/downloads.py --workdir /tmp/downloads [--out results.md]

Django is imported inside the functions on purpose: each measurement is a child process that
sets itself up (setup()) so its peak memory is its own.
"""

import argparse
import csv
import io
import json
import os
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
URLS = ["/opendata/programme.csv", "/opendata/ergebnisse.csv", "/opendata/programme.json", "/opendata/programme.atom"]


def setup():
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kb.settings.dev")
    import django

    django.setup()


def peak_mb():
    """This process's own peak RSS (VmHWM). Not getrusage's ru_maxrss: Linux carries that over
    fork and exec, so every child reported the parent's peak once the parent had counted the
    records of a large JSON download."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def fetch(url, target):
    """GET `url` through the WSGI app, streaming the body to `target`."""
    setup()
    from django.test import Client

    started = time.perf_counter()
    response = Client().get(url, HTTP_HOST="localhost")  # a host the settings allow
    chunks = iter(response.streaming_content if response.streaming else [response.content])
    first = None
    size = 0
    with open(target, "wb") as out:
        for chunk in chunks:
            if first is None:
                first = time.perf_counter() - started
            out.write(chunk)
            size += len(chunk)
    return {"status": response.status_code, "streaming": response.streaming, "first_byte_s": first,
            "seconds": time.perf_counter() - started, "bytes": size, "peak_mb": peak_mb()}


def command(name, *args):
    setup()
    from django.core.management import call_command

    started = time.perf_counter()
    call_command(name, *args, stdout=io.StringIO())
    return {"seconds": time.perf_counter() - started, "peak_mb": peak_mb()}


def public_count():
    setup()
    from programmes.models import Outcome, ProgrammePage

    public = ProgrammePage.objects.public().filter(locale__language_code="de")
    return {"programmes": public.count(), "outcomes": Outcome.objects.filter(programme__in=public).count()}


def count(kind, path):
    """Records in an output: CSV rows, exchange records, Atom entries, backup records."""
    if kind.endswith(".csv"):
        with open(path, newline="", encoding="utf-8-sig") as handle:
            return sum(1 for _ in csv.reader(handle)) - 1
    if kind.endswith(".atom"):
        return Path(path).read_text(encoding="utf-8").count("<entry>")
    if kind == "backup":
        found = sorted(Path(path).rglob("*.json"), key=lambda p: p.stat().st_size)
        data = json.loads(found[-1].read_text(encoding="utf-8"))  # the largest: the exchange file
        return len(data.get("programmes", []))
    return len(json.loads(Path(path).read_text(encoding="utf-8"))["programmes"])


def child(argv):
    """Run one measurement in a fresh process; its JSON result."""
    result = subprocess.run([sys.executable, __file__, *argv], capture_output=True, text=True, cwd=ROOT)
    if result.returncode:
        return {"error": (result.stderr.strip().splitlines() or ["?"])[-1]}
    return json.loads(result.stdout.strip().splitlines()[-1])


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workdir", default="/tmp/downloads")
    parser.add_argument("--out", help="append the Markdown table to this file")
    parser.add_argument("--label", default=os.environ.get("DATABASE_URL", "").split(":")[0])
    parser.add_argument("--_one", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args._one:
        kind, *rest = args._one
        value = {"fetch": lambda: fetch(*rest), "command": lambda: command(*rest), "count": public_count}[kind]()
        print(json.dumps(value))
        return
    work = Path(args.workdir)
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    expected = child(["--_one", "count"])
    rows = []
    for url in URLS:
        target = work / url.rsplit("/", 1)[-1]
        result = child(["--_one", "fetch", url, str(target)])
        if "error" not in result and result["status"] != 200:
            result = {"error": f"HTTP {result['status']}"}
        elif "error" not in result:
            result["records"] = count(url, target)
        rows.append((url, result))
    target = work / "export.json"
    result = child(["--_one", "command", "export_programmes", str(target)])
    if "error" not in result:
        result.update(bytes=target.stat().st_size, records=count("export", target))
    rows.append(("manage.py export_programmes", result))
    target = work / "backup"
    result = child(["--_one", "command", "backup", str(target)])
    if "error" not in result:
        result.update(bytes=sum(p.stat().st_size for p in target.rglob("*") if p.is_file()),
                      records=count("backup", target))
    rows.append(("manage.py backup", result))
    lines = [f"public programmes: {expected['programmes']}, their outcomes: {expected['outcomes']} ({args.label})", "",
             "| output | ok | s | first byte s | peak RSS MB | MB | records |", "|---|---|---|---|---|---|---|"]
    for name, r in rows:
        if "error" in r:
            lines.append(f"| {name} | **failed**: {r['error']} | | | | | |")
            continue
        wanted = expected["outcomes"] if name.endswith("ergebnisse.csv") else expected["programmes"]
        ok = r.get("status", 200) == 200 and (name.endswith(".atom") or r["records"] == wanted)
        first = f"{r['first_byte_s']:.2f}" if r.get("first_byte_s") is not None else "–"
        lines.append(f"| {name} | {'yes' if ok else 'NO'} | {r['seconds']:.1f} | {first} | {r['peak_mb']:.0f} | "
                     f"{r['bytes'] / 1e6:.1f} | {r['records']} |")
    text = "\n".join(lines) + "\n"
    print(text)
    if args.out:
        with open(args.out, "a", encoding="utf-8") as out:
            out.write(text + "\n")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
