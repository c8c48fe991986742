"""Invalidate cached pages when shared content that visitors see changes.

Pages are not watched here: a page (and its inline rows) reaches visitors only by being
published, unpublished, moved or deleted, which publishing/sequence.py handles; a draft save
leaves the cache alone. Watched: every other model of the apps below that visitors see —
taxonomies, shared contacts, research snippets, life situations, images and documents, tags, search synonyms,
sites and locales. Not watched: the search index's own tables, audit logs, revisions and
workflow states, feedback, link checks and sessions.

Bulk writers (the importer, restore, demo loader) run inside `kb.changes.bulk_changes()`:
the cache is invalidated once, when the outermost block ends.
"""

from django.apps import apps
from django.db.models.signals import m2m_changed, post_delete, post_save
from modelcluster.fields import ParentalKey
from wagtail.models import Page

from kb.changes import bulk_finished, in_bulk
from kb.tasks import enqueue_on_commit

from .tasks import invalidate_page_cache

WATCHED_APPS = {"programmes", "research", "situations", "kbsearch", "wagtailcore", "wagtailimages", "wagtaildocs", "taggit"}
IGNORED_MODELS = {
    "kbsearch": {"indexedprogramme", "posting", "facetvalue", "vocabulary", "indexstate", "pendingindexupdate"},
    "wagtailcore": {
        "pagelogentry", "modellogentry", "revision", "workflowstate", "taskstate", "pagesubscription",
        "referenceindex", "uploadedfile", "comment", "commentreply",
    },
}


def part_of_a_page(model):
    """A page type, or an inline row of one (saved with the page when it is published)."""
    if issubclass(model, Page):
        return True
    for field in model._meta.get_fields():
        if field.concrete and field.is_relation and field.related_model and issubclass(field.related_model, Page):
            # ParentalKey: an inline row; a through table's key: a page's ParentalManyToManyField
            if isinstance(field, ParentalKey) or model._meta.auto_created:
                return True
    return False


def visible(model):
    meta = model._meta
    return (
        meta.app_label in WATCHED_APPS
        and meta.model_name not in IGNORED_MODELS.get(meta.app_label, ())
        and not part_of_a_page(model)
    )


def on_change(sender, **kwargs):
    if not in_bulk():
        enqueue_on_commit(invalidate_page_cache)


def on_bulk_finished(sender, **kwargs):
    enqueue_on_commit(invalidate_page_cache)


def connect():
    """Connect to each watched model by name: a receiver for every sender would stop Django
    from deleting rows without loading them (the search index's rebuild deletes millions)."""
    for model in apps.get_models(include_auto_created=True):
        if visible(model):
            uid = f"pagecache.{model._meta.label_lower}"
            post_save.connect(on_change, sender=model, dispatch_uid=f"{uid}.save")
            post_delete.connect(on_change, sender=model, dispatch_uid=f"{uid}.delete")
            if model._meta.auto_created:  # the through table of a many-to-many relation
                m2m_changed.connect(on_change, sender=model, dispatch_uid=f"{uid}.m2m")
    bulk_finished.connect(on_bulk_finished, dispatch_uid="pagecache.bulk_finished")
