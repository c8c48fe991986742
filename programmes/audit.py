"""Audit log entries for imports: who imported which programme from which file.

Written by `import_data` inside the import's own transaction, in bulk (issue 19, item 8): an
import that commits has its audit row for every created or updated programme, and one that is
killed or rolled back has neither pages nor rows. (Written after the commit one row at a time,
a kill left 5,000 imported programmes with a few hundred audit rows.)
"""


from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from wagtail.log_actions import get_active_log_context
from wagtail.models import PageLogEntry

from .models import ProgrammePage

IMPORT_ACTION = "programmes.import"
CHUNK = 500  # pages per query: SQLite's limit on query parameters


def _entry(source, change, by, warnings):
    data = {"file": source, "change": change, "by": by}
    if warnings:  # what of this programme's record was imported differently (exchange.validate)
        data["warnings"] = warnings
    return data


def log_import(result, user=None, source="", by=""):
    """One `programmes.import` entry per created or updated programme (unchanged ones are skipped)."""
    changes = {slug: "created" for slug in result.created} | {slug: "updated" for slug in result.updated}
    context = get_active_log_context()
    user = user or context.user
    shared = {
        "action": IMPORT_ACTION, "timestamp": timezone.now(), "user": user, "uuid": context.uuid,
        "content_type": ContentType.objects.get_for_model(ProgrammePage, for_concrete_model=False),
    }
    by = by or (user.get_username() if user else "")
    slugs = list(changes)
    for start in range(0, len(slugs), CHUNK):
        pages = ProgrammePage.objects.filter(slug__in=slugs[start:start + CHUNK], locale__language_code="de")
        PageLogEntry.objects.bulk_create([
            PageLogEntry(page=page, label=page.title, **shared,
                         data=_entry(source, changes[page.slug], by, result.warned.get(page.slug)))
            for page in pages.only("pk", "slug", "title", "draft_title")
        ])
