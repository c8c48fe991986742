"""What happens after a page is published, unpublished, moved or deleted, in this order.

Publishing a programme:
1. note which of its texts changed since its last publish (the translation status);
2. German source: sync the shared fields into its translations (programmes/translation.py);
3. when the transaction commits, enqueue the re-indexing of the whole translation group
   (search/tasks.py) — which therefore includes the translations synced in step 2;
4. when it commits, enqueue the page-cache invalidation (pagecache/tasks.py).
Any other page: step 4 only.
A view restriction (Wagtail privacy, e.g. a password) added to or removed from a page changes
what is public below it (programmes/models/public.py): the programmes there are re-indexed
(private ones leave the index) and the page cache is invalidated.

One sequence called by one receiver per signal (publishing/signal_handlers.py), instead of
each app listening on its own and the outcome depending on the order of INSTALLED_APPS.
Bulk writers (the importer, restore, the demo loader) run inside `kb.changes.bulk_changes()`:
the per-page steps are skipped, they sync and index once themselves, and pagecache/
invalidates once when the bulk block ends.
"""

from wagtail.models import Locale, Page, PageLogEntry

from kb.changes import bulk_changes, in_bulk
from kb.tasks import enqueue_on_commit
from pagecache.tasks import invalidate_page_cache
from programmes.models import ProgrammePage
from programmes.translation import note_text_change, sync_translations
from search.service import get_search_service
from search.tasks import update_programme


def _programme(page):
    page = getattr(page, "specific", page)
    return page if isinstance(page, ProgrammePage) else None


def _previously_published(page, revision):
    """The page as it was at its last publish before `revision`, or None."""
    entry = (
        PageLogEntry.objects.filter(page_id=page.pk, action="wagtail.publish", revision__isnull=False)
        .exclude(revision_id=getattr(revision, "pk", None))
        .select_related("revision")
        .order_by("-timestamp", "-pk")
        .first()
    )
    return entry.revision.as_object() if entry else None


def _reindex(programme, removed_ids=()):
    enqueue_on_commit(update_programme, str(programme.translation_key), list(removed_ids))


def published(page, revision=None):
    if in_bulk():
        return
    programme = _programme(page)
    if programme is not None:
        note_text_change(programme, _previously_published(programme, revision))
        if programme.locale_id == Locale.get_default().pk:
            with bulk_changes():  # the translations' own publishes must not start this sequence again
                sync_translations(programme, user=revision.user if revision else None)
        _reindex(programme)
    enqueue_on_commit(invalidate_page_cache)


def unpublished(page):
    if in_bulk():
        return
    programme = _programme(page)
    if programme is not None:
        _reindex(programme, removed_ids=[programme.pk])  # and its translations' language lists change
    enqueue_on_commit(invalidate_page_cache)


def moved(page):
    if in_bulk():
        return
    programme = _programme(page)
    if programme is not None:
        _reindex(programme)  # its URL changed
    enqueue_on_commit(invalidate_page_cache)


def programme_deleted(page):
    if not in_bulk():
        get_search_service().forget_pages([page.pk])
        _reindex(page, removed_ids=[page.pk])


def page_deleted(page):
    if not in_bulk():
        enqueue_on_commit(invalidate_page_cache)


def restriction_changed(page_id):
    """A view restriction on page `page_id` was added, changed or removed."""
    if in_bulk():
        return
    page = Page.objects.filter(pk=page_id).first()
    if page is not None:
        keys = (
            ProgrammePage.objects.descendant_of(page, inclusive=True)
            .values_list("translation_key", flat=True).distinct()
        )
        for key in keys:
            enqueue_on_commit(update_programme, str(key), [])
    enqueue_on_commit(invalidate_page_cache)
