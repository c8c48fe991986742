"""Keep translations in step with their German source when it is published.

Bulk operations (the importer) sync and index once at the end instead of per page;
`bulk_changes()` tells the handlers here and in search/ to stand aside meanwhile.
"""

import threading
from contextlib import contextmanager

from django.db.models.signals import post_save
from modelsearch.signal_handlers import post_save_signal_handler
from wagtail.models import Locale
from wagtail.signals import page_published

_state = threading.local()


@contextmanager
def bulk_changes():
    """Pause the per-page handlers; when the outermost block ends, cached pages are invalidated once."""
    from pagecache.models import content_changed

    previous = getattr(_state, "bulk", False)
    _state.bulk = True
    try:
        yield
    finally:
        _state.bulk = previous
        if not previous:
            content_changed()


def in_bulk():
    return getattr(_state, "bulk", False)


def _previously_published(page, revision):
    """The page as it was at its last publish before `revision`, or None."""
    from wagtail.models import PageLogEntry

    entry = (
        PageLogEntry.objects.filter(page_id=page.pk, action="wagtail.publish", revision__isnull=False)
        .exclude(revision_id=getattr(revision, "pk", None))
        .select_related("revision")
        .order_by("-timestamp", "-pk")
        .first()
    )
    return entry.revision.as_object() if entry else None


def sync_on_publish(sender, instance, **kwargs):
    from .models import ProgrammePage
    from .translation import note_text_change, sync_translations

    if in_bulk() or not isinstance(instance, ProgrammePage):
        return
    note_text_change(instance, _previously_published(instance, kwargs.get("revision")))
    if instance.locale_id != Locale.get_default().pk:
        return
    with bulk_changes():
        sync_translations(instance, user=kwargs.get("revision") and kwargs["revision"].user)
    # The synced translations reach the search index through search/'s own publish handler,
    # which runs after this one (programmes comes before search in INSTALLED_APPS) and
    # re-indexes the whole translation group.


def update_admin_search(sender, instance, **kwargs):
    """Wagtail's own (admin) search index, skipped during bulk changes that index once at the end."""
    if not in_bulk():
        post_save_signal_handler(instance, **kwargs)


def connect():
    from .models import ProgrammePage

    page_published.connect(sync_on_publish, dispatch_uid="programmes.sync_on_publish")
    post_save.disconnect(post_save_signal_handler, sender=ProgrammePage)
    post_save.connect(update_admin_search, sender=ProgrammePage, dispatch_uid="programmes.admin_search")
