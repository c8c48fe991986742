"""Wagtail's own (admin) search index for programmes, paused during bulk changes.

What follows a publish (translations, the public search index, the page cache) is
publishing/sequence.py. The bulk flag itself lives in kb/changes.py.
"""

from django.db.models.signals import post_save
from modelsearch.signal_handlers import post_save_signal_handler

from kb.changes import in_bulk

from .models import ProgrammePage


def update_admin_search(sender, instance, **kwargs):
    """Wagtail's own (admin) search index, skipped during bulk changes that index once at the end."""
    if not in_bulk():
        post_save_signal_handler(instance, **kwargs)


def connect():
    post_save.disconnect(post_save_signal_handler, sender=ProgrammePage)
    post_save.connect(update_admin_search, sender=ProgrammePage, dispatch_uid="programmes.admin_search")
