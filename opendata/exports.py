"""The whole public catalogue as files: programmes CSV, outcomes CSV, exchange JSON.

Only live programmes and live translations: a download never shows a draft. CSV cells
that a spreadsheet would run as a formula (starting with = + - @, tab or CR, also after
leading white space or as their full-width forms such as ＝) are prefixed with an
apostrophe; numbers stay numbers.
"""

import csv
import io
import unicodedata

from django.db.models import Max

from programmes import record
from programmes.api import live_translations, source_pages
from programmes.exchange import FORMAT
from programmes.models import ProgrammePage

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# The record's table facts (programmes/record.py), then what the download adds.
PROGRAMME_COLUMNS = [*record.TABLE, "url", "translations", "last_modified", "contains_sample_data"]
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
        "themes", "target_groups", "districts", "outcomes", "contact_links__contact",
    )


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
            **{key: joined(value) if isinstance(value, list) else value for key, value in record.row(page).items()},
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
            rows.append({
                "programme": page.slug, "programme_title": page.title, **record.part(outcome, record.OUTCOME),
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
            record.to_record(p, sorted(translations.get(p.translation_key, {}).values(),
                                       key=lambda t: t.locale.language_code))
            for p in pages
        ],
    }


def newest_change():
    return ProgrammePage.objects.public().aggregate(newest=Max("last_published_at"))["newest"]
