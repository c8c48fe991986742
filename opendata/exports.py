"""The whole public catalogue as files: programmes CSV, outcomes CSV, exchange JSON.

Only live programmes and live translations: a download never shows a draft. CSV cells
that a spreadsheet would run as a formula (starting with = + - @, tab or CR, also after
leading white space or as their full-width forms such as ＝) are prefixed with an
apostrophe; numbers stay numbers.
"""

import csv
import io
import unicodedata

from programmes.exchange import FORMAT, programme_record
from programmes.models import ProgrammePage
from programmes.richtext import html_to_text

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
PROGRAMME_COLUMNS = [
    "slug", "title", "summary", "description", "themes", "target_groups", "districts", "languages",
    "status", "start_year", "end_year", "organisation", "partners", "funding", "website", "url",
    "translations", "last_modified", "contains_sample_data",
]
OUTCOME_COLUMNS = ["programme", "programme_title", "indicator", "value", "unit", "year", "source", "note",
                   "sample_data"]


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
    from programmes.api import source_pages

    return source_pages().order_by("title", "pk").prefetch_related(
        "themes", "target_groups", "districts", "outcomes", "contact_links__contact", "related_programmes__target",
    )


def live_translations(pages):
    from programmes.api import live_translations as find

    return find(pages)


def write_csv(columns, rows):
    """UTF-8 with BOM, so spreadsheet programs open umlauts correctly."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out)
    writer.writerow(columns)
    for row in rows:
        writer.writerow([safe_cell(row.get(column)) for column in columns])
    return out.getvalue()


def programmes_csv(request):
    pages = list(live_programmes())
    translations = live_translations(pages)
    rows = []
    for page in pages:
        rows.append({
            "slug": page.slug, "title": page.title, "summary": page.summary,
            "description": html_to_text(page.description),
            "themes": joined(t.slug for t in page.themes.all()),
            "target_groups": joined(t.slug for t in page.target_groups.all()),
            "districts": joined(d.slug for d in page.districts.all()),
            "languages": joined(page.languages), "status": page.status,
            "start_year": page.start_year, "end_year": page.end_year, "organisation": page.organisation,
            "partners": joined(page.partners), "funding": page.funding, "website": page.website,
            "url": request.build_absolute_uri(page.get_url(request)),
            "translations": joined(sorted(translations.get(page.translation_key, {}))),
            "last_modified": page.last_published_at.isoformat() if page.last_published_at else "",
            "contains_sample_data": page.contains_sample_data,
        })
    return write_csv(PROGRAMME_COLUMNS, rows)


def outcomes_csv():
    rows = []
    for page in live_programmes():
        for outcome in page.outcomes.all():
            value = outcome.value
            rows.append({
                "programme": page.slug, "programme_title": page.title, "indicator": outcome.indicator,
                "value": int(value) if value is not None and float(value).is_integer() else value,
                "unit": outcome.unit, "year": outcome.year, "source": outcome.source, "note": outcome.note,
                "sample_data": outcome.is_sample,
            })
    return write_csv(OUTCOME_COLUMNS, rows)


def exchange_json():
    """The exchange format (kb-programmes/1), as `export_programmes` writes it, live content only."""
    pages = list(live_programmes())
    translations = live_translations(pages)
    return {
        "format": FORMAT,
        "programmes": [
            programme_record(p, sorted(translations.get(p.translation_key, {}).values(),
                                       key=lambda t: t.locale.language_code))
            for p in pages
        ],
    }


def newest_change():
    from django.db.models import Max

    return ProgrammePage.objects.live().aggregate(newest=Max("last_published_at"))["newest"]
