"""Audit log entries for imports: who imported which programme from which file."""

from wagtail.log_actions import log

from .models import ProgrammePage

IMPORT_ACTION = "programmes.import"


def log_import(result, user=None, source="", by=""):
    """One `programmes.import` entry per created or updated programme (unchanged ones are skipped)."""
    changes = {slug: "created" for slug in result.created} | {slug: "updated" for slug in result.updated}
    pages = ProgrammePage.objects.filter(slug__in=changes, locale__language_code="de")
    for page in pages:
        log(instance=page, action=IMPORT_ACTION, user=user,
            data={"file": source, "change": changes[page.slug], "by": by or (user.get_username() if user else "")})
