"""Index programmes when they are published, unpublished, deleted, moved or translated.

Draft saves never touch the public index. The importer pauses these handlers
(programmes.signal_handlers.bulk_changes) and indexes everything it wrote at once.
"""

from django.db.models.signals import pre_delete
from wagtail.signals import page_published, page_unpublished, post_page_move

from programmes.signal_handlers import in_bulk


def _programme(instance):
    from programmes.models import ProgrammePage

    page = getattr(instance, "specific", instance)
    return page if isinstance(page, ProgrammePage) else None


def _translation_group(page, exclude=None):
    """A page and its translations: each one's document lists the languages that exist."""
    from programmes.models import ProgrammePage

    pages = ProgrammePage.objects.filter(translation_key=page.translation_key)
    return pages.exclude(pk=exclude) if exclude else pages


def on_publish_or_move(sender, instance, **kwargs):
    page = _programme(instance)
    if page is not None and not in_bulk():
        from .service import get_search_service

        get_search_service().index_pages(list(_translation_group(page)))


def on_unpublish_or_delete(sender, instance, **kwargs):
    page = _programme(instance)
    if page is not None and not in_bulk():
        from .service import get_search_service

        service = get_search_service()
        service.remove_pages([page.pk])
        service.index_pages(list(_translation_group(page, exclude=page.pk)))


def connect():
    from programmes.models import ProgrammePage

    page_published.connect(on_publish_or_move, dispatch_uid="kbsearch.publish")
    page_unpublished.connect(on_unpublish_or_delete, dispatch_uid="kbsearch.unpublish")
    pre_delete.connect(on_unpublish_or_delete, sender=ProgrammePage, dispatch_uid="kbsearch.delete")
    post_page_move.connect(on_publish_or_move, dispatch_uid="kbsearch.move")
