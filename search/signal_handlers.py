"""Index programmes when they are published, unpublished, deleted, moved or translated.

Draft saves never touch the public index. The importer pauses these handlers
(programmes.signal_handlers.bulk_changes) and indexes everything it wrote at once.
"""

from django.db import transaction
from django.db.models.signals import pre_delete
from wagtail.signals import page_published, page_unpublished, post_page_move

from programmes.signal_handlers import in_bulk


def _programme(instance):
    from programmes.models import ProgrammePage

    page = getattr(instance, "specific", instance)
    return page if isinstance(page, ProgrammePage) else None


def _refresh_translations_later(page):
    """Re-index a page's translations once the transaction commits.

    Their documents list which languages exist; deferring means pages deleted in the
    same transaction (Wagtail unpublishes and deletes translations together) are
    simply gone by then instead of being written back.
    """
    from programmes.models import ProgrammePage

    from .service import get_search_service

    key = page.translation_key
    transaction.on_commit(
        lambda: get_search_service().index_pages(list(ProgrammePage.objects.filter(translation_key=key)))
    )


def on_publish_or_move(sender, instance, **kwargs):
    page = _programme(instance)
    if page is not None and not in_bulk():
        from programmes.models import ProgrammePage

        from .service import get_search_service

        get_search_service().index_pages(list(ProgrammePage.objects.filter(translation_key=page.translation_key)))


def on_unpublish_or_delete(sender, instance, **kwargs):
    page = _programme(instance)
    if page is not None and not in_bulk():
        from .service import get_search_service

        get_search_service().remove_pages([page.pk])
        _refresh_translations_later(page)


def connect():
    from programmes.models import ProgrammePage

    page_published.connect(on_publish_or_move, dispatch_uid="kbsearch.publish")
    page_unpublished.connect(on_unpublish_or_delete, dispatch_uid="kbsearch.unpublish")
    pre_delete.connect(on_unpublish_or_delete, sender=ProgrammePage, dispatch_uid="kbsearch.delete")
    post_page_move.connect(on_publish_or_move, dispatch_uid="kbsearch.move")
