"""Fresh public pages after staff change the review (pagecache/ watches only its own list of apps).

Every review model a visitor sees raises the page cache's content version when saved or
deleted. Not watched: survey answers (published counts may lag by PAGE_CACHE_SECONDS, so a
burst of answers cannot flush the whole site's cache) and brochure builds (a finished build
raises the version itself).
"""

from django.apps import apps
from django.db.models.signals import m2m_changed, post_delete, post_save

from pagecache.signal_handlers import on_change

UNWATCHED = {"surveysubmission", "brochurebuild"}


def connect():
    for model in apps.get_app_config("review").get_models(include_auto_created=True):
        if model._meta.model_name in UNWATCHED:
            continue
        uid = f"review.pagecache.{model._meta.label_lower}"
        post_save.connect(on_change, sender=model, dispatch_uid=f"{uid}.save")
        post_delete.connect(on_change, sender=model, dispatch_uid=f"{uid}.delete")
        if model._meta.auto_created:
            m2m_changed.connect(on_change, sender=model, dispatch_uid=f"{uid}.m2m")
