"""Raise the content version when anything a visitor can see is saved or deleted.

Watched: pages and their inline rows, taxonomies, contacts, milestones (programmes,
research, wagtailcore), images and documents, search synonyms. Not watched: the search
index's own tables, audit logs, feedback, link checks and sessions, which visitors never
see. Bulk writers (the importer, restore, demo loader) run inside
`programmes.signal_handlers.bulk_changes()`, which raises the version once when it ends.
"""

from django.apps import apps
from django.db.models.signals import m2m_changed, post_delete, post_save

from .models import content_changed

WATCHED_APPS = {"programmes", "research", "kbsearch", "wagtailcore", "wagtailimages", "wagtaildocs", "taggit"}
IGNORED_MODELS = {
    "kbsearch": {"indexedprogramme", "posting", "facetvalue", "vocabulary", "indexstate", "pendingindexupdate"},
    "wagtailcore": {
        "pagelogentry", "modellogentry", "revision", "workflowstate", "taskstate", "pagesubscription",
        "referenceindex", "uploadedfile", "comment", "commentreply",
    },
}


def visible(model):
    meta = model._meta
    return meta.app_label in WATCHED_APPS and meta.model_name not in IGNORED_MODELS.get(meta.app_label, ())


def on_change(sender, **kwargs):
    from programmes.signal_handlers import in_bulk

    if not in_bulk():
        content_changed()


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
