"""The whole public catalogue as files: programmes CSV, outcomes CSV, exchange JSON.

Only live programmes and live translations: a download never shows a draft. Every
download is generated while it is sent, a chunk of programmes at a time, so its size
is bounded by neither memory nor SQLite's expression limits. CSV cells
that a spreadsheet would run as a formula (starting with = + - @, tab or CR, also after
leading white space or as their full-width forms such as ＝) are prefixed with an
apostrophe; numbers stay numbers.
"""

import csv
import hashlib
import unicodedata

from django.db.models import Count, Max
from django.utils.http import quote_etag

from programmes import record
from programmes.api import live_translations, source_pages
from programmes.chunks import chunked, json_document
from programmes.exchange import FORMAT, Export, add_licence
from programmes.models import ProgrammePage
from programmes.models.contacts import ContactPoint

from .licence import licence

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# The record's table facts (programmes/record.py), then what the download adds.
# Service facts (issue 22) as flat columns: empty where not known; venues and times one cell each.
FACT_COLUMNS = [*record.FACTS_SHARED, *record.FACTS_TRANSLATED, *record.FACTS_CHILDREN]
PROGRAMME_COLUMNS = [*record.TABLE, *FACT_COLUMNS, "url", "translations", "last_modified", "contains_sample_data"]
OUTCOME_COLUMNS = ["programme", "programme_title", *record.OUTCOME, "sample_data"]


def safe_cell(value):
    """The value, with an apostrophe before anything a spreadsheet could read as a formula.

    Spreadsheets skip leading spaces, line breaks and no-break spaces and read full-width
    signs (＝, ＋) as their ASCII twins, so the first character that is not white space is
    checked after NFKC folding.
    """
    if not isinstance(value, str):
        return value
    if value.startswith(FORMULA_START):
        return "'" + value
    first = value.lstrip()[:1]
    if first and unicodedata.normalize("NFKC", first).startswith(FORMULA_START):
        return "'" + value
    return value


def joined(values):
    return "; ".join(values)


def live_programmes():
    return source_pages().order_by("title", "pk").with_public_related().prefetch_related(
        "themes", "target_groups", "districts", "outcomes", "contact_links__contact", "venues", "hours",
    )


class _Line:
    """A file-like object whose write() hands the line back, so csv.writer can feed a stream."""

    def write(self, text):
        return text


def write_csv(columns, rows):
    """UTF-8 with BOM, so spreadsheet programs open umlauts correctly; yields line by line."""
    writer = csv.writer(_Line())
    yield "\ufeff" + writer.writerow(columns)
    for row in rows:
        yield writer.writerow([safe_cell(row.get(column)) for column in columns])


def live_chunks():
    """The live programmes in title order, a chunk at a time (each with its own prefetch)."""
    return chunked(live_programmes(), ("title", "pk"))


def venue_cell(venue):
    """"Welcome Center Stuttgart, Charlottenplatz 17, 70173 Stuttgart (48.7765 9.1829; stop: …)", or the kind."""
    if venue["kind"] != "place":
        return venue["kind"]
    place = ", ".join(part for part in (
        venue["name"], venue["street"], " ".join(p for p in (venue["postcode"], venue["city"]) if p),
    ) if part)
    extra = "; ".join(part for part in (
        f"{venue['latitude']} {venue['longitude']}" if venue["latitude"] is not None else "",
        f"stop: {venue['transit_stop']}" if venue["transit_stop"] else "",
    ) if part)
    return f"{place} ({extra})" if extra else place


def fact_cells(page):
    facts = record.facts_of(page)
    cells = {key: ("" if facts[key] is None else facts[key]) for key in (*record.FACTS_SHARED, *record.FACTS_TRANSLATED)}
    cells["documents_to_bring"] = joined(facts["documents_to_bring"])
    cells["venues"] = joined(venue_cell(v) for v in facts["venues"])
    cells["hours"] = joined(
        f"{h['weekday']} {h['opens']}–{h['closes']}" + (f" ({h['note']})" if h["note"] else "") for h in facts["hours"]
    )
    return cells


def programme_rows(request):
    for pages in live_chunks():
        translations = live_translations(pages)
        for page in pages:
            yield {
                **{key: joined(value) if isinstance(value, list) else value
                   for key, value in record.row(page).items()},
                **fact_cells(page),
                "url": request.build_absolute_uri(page.get_url(request)),
                "translations": joined(sorted(translations.get(page.translation_key, {}))),
                "last_modified": page.last_published_at.isoformat() if page.last_published_at else "",
                "contains_sample_data": page.contains_sample_data,
            }


def programmes_csv(request):
    return write_csv(PROGRAMME_COLUMNS, programme_rows(request))


def outcome_rows():
    for pages in live_chunks():
        for page in pages:
            for outcome in page.outcomes.all():
                yield {
                    "programme": page.slug, "programme_title": page.title, **record.part(outcome, record.OUTCOME),
                    "sample_data": outcome.is_sample,
                }


def outcomes_csv():
    return write_csv(OUTCOME_COLUMNS, outcome_rows())


def exchange_json():
    """The exchange format (kb-programmes/1), as `export_programmes` writes it, live content only,
    with the lessons, facts and the data licence (kb-licence/1) declared as extensions;
    the text of json.dumps(..., ensure_ascii=False, indent=2), piece by piece."""
    export = Export(live_programmes(), order=("title", "pk"), translations=ProgrammePage.objects.public())

    def tail():
        return add_licence({"extensions": [], **export.extensions()}, licence())

    return json_document({"format": FORMAT}, "programmes", export.records(), tail)


def version_tag(name):
    """An ETag for a streamed download, from what its content depends on rather than its bytes:
    the newest publication, how many pages are live, the newest contact edit and the licence."""
    pages = ProgrammePage.objects.live().aggregate(newest=Max("last_published_at"), count=Count("pk"))
    contacts = ContactPoint.objects.aggregate(newest=Max("updated_at"))["newest"]
    key = f"{name}|{pages['newest']}|{pages['count']}|{contacts}|{licence()['name']}"
    return quote_etag(hashlib.sha256(key.encode()).hexdigest()[:32])


def newest_change():
    return ProgrammePage.objects.public().aggregate(newest=Max("last_published_at"))["newest"]
