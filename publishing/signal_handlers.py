"""One receiver per Wagtail page signal, calling the sequence in publishing/sequence.py."""

from django.db.models.signals import post_delete, post_save, pre_delete
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from programmes.models import ProgrammePage

from . import sequence


def on_published(sender, instance, revision=None, **kwargs):
    sequence.published(instance, revision=revision)


def on_unpublished(sender, instance, **kwargs):
    sequence.unpublished(instance)


def on_moved(sender, instance, **kwargs):
    sequence.moved(instance)


def on_programme_deleted(sender, instance, **kwargs):
    sequence.programme_deleted(instance)


def on_page_deleted(sender, instance, **kwargs):
    sequence.page_deleted(instance)


def on_restriction_changed(sender, instance, **kwargs):
    sequence.restriction_changed(instance.page_id)


def connect():
    page_published.connect(on_published, dispatch_uid="publishing.published")
    page_unpublished.connect(on_unpublished, dispatch_uid="publishing.unpublished")
    post_page_move.connect(on_moved, dispatch_uid="publishing.moved")
    # Before the row goes: the search index needs the translation key.
    pre_delete.connect(on_programme_deleted, sender=ProgrammePage, dispatch_uid="publishing.programme_deleted")
    # Every page type's delete also deletes its `Page` row, so this sees them all.
    post_delete.connect(on_page_deleted, sender=Page, dispatch_uid="publishing.page_deleted")
    # Privacy (password, login, groups) added, edited or removed: what is public changes below it.
    post_save.connect(on_restriction_changed, sender=PageViewRestriction, dispatch_uid="publishing.restriction_saved")
    post_delete.connect(on_restriction_changed, sender=PageViewRestriction, dispatch_uid="publishing.restriction_deleted")
