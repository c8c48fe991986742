"""Which programmes are due for review: last check plus the page's review interval.

A programme never confirmed counts from its first publication. Dates are compared in
Python: the interval varies per page in months, and the catalogue has hundreds of
programmes, not millions.
"""

import calendar
import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log
from wagtail.models import Locale

from kb.tasks import enqueue_on_commit
from pagecache.tasks import invalidate_page_cache
from programmes.models import ProgrammePage

CONFIRM_ACTION = "editorial.confirm_review"


def add_months(day, months):
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def last_checked(page):
    if page.last_reviewed:
        return page.last_reviewed
    published = page.first_published_at or page.latest_revision_created_at
    return timezone.localdate(published) if published else timezone.localdate()


def review_due(page):
    return add_months(last_checked(page), page.review_interval_months or 12)


def stale_year():
    """Outcomes from before this year are flagged as old (settings.REVIEW_STALE_YEARS)."""
    return timezone.localdate().year - settings.REVIEW_STALE_YEARS


def stale_since():
    """Contact records unchanged since before this moment are flagged as old."""
    today = timezone.localdate()
    return timezone.make_aware(datetime.datetime.combine(add_months(today, -12 * settings.REVIEW_STALE_YEARS),
                                                         datetime.time()))


@dataclass
class Overdue:
    page: ProgrammePage
    due: datetime.date
    stale_outcomes: list = field(default_factory=list)
    stale_contacts: list = field(default_factory=list)


def overdue_programmes(today=None):
    """Live German programmes whose review is due on or before `today`, oldest first."""
    today = today or timezone.localdate()
    pages = (
        ProgrammePage.objects.live().filter(locale=Locale.get_default())
        .select_related("team").prefetch_related("outcomes", "contact_links__contact").order_by("title")
    )
    old, since = stale_year(), stale_since()
    rows = [
        Overdue(
            page, review_due(page), [o for o in page.outcomes.all() if o.year < old],
            [link.contact for link in page.contact_links.all() if link.contact.updated_at < since],
        )
        for page in pages
    ]
    return sorted((row for row in rows if row.due <= today), key=lambda row: (row.due, row.page.title))


def by_team(rows):
    """[(team group or None, rows)] with unassigned programmes last."""
    teams = {}
    for row in rows:
        teams.setdefault(row.page.team, []).append(row)
    return sorted(teams.items(), key=lambda item: (item[0] is None, item[0].name if item[0] else ""))


@transaction.atomic
def confirm_reviewed(page, user=None, today=None):
    """"Still correct": stamp the review date on the page and its translations, no new revision.

    The date is also written into the latest draft and live revisions so that publishing
    a later edit does not bring back the old date.
    """
    today = today or timezone.localdate()
    pages = ProgrammePage.objects.filter(translation_key=page.translation_key)
    pages.update(last_reviewed=today)
    enqueue_on_commit(invalidate_page_cache)  # the public page shows the review date
    for each in pages.select_related("latest_revision", "live_revision"):
        for revision in {each.latest_revision, each.live_revision} - {None}:
            revision.content["last_reviewed"] = today.isoformat()
            revision.save(update_fields=["content"])
    page.last_reviewed = today
    log(instance=page, action=CONFIRM_ACTION, user=user, data={"date": today.isoformat()})
    return page
