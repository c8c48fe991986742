"""The content version: a stamp in every cache key, replaced whenever published content changes.

It lives in the database rather than the cache so that every web worker sees a change at
once, whichever cache backend runs (a per-process LocMemCache cannot be cleared from
another process), and it changes inside the transaction that changes the content: other
connections see the new stamp exactly when they see the new content. A random stamp, not
a counter, so that a rolled-back change cannot make a later stamp match entries rendered
from content that never committed. Reading it is one primary-key query per request.
"""

import uuid

from django.db import models


class ContentVersion(models.Model):
    stamp = models.CharField(max_length=32, default="")

    class Meta:
        verbose_name = "Inhaltsversion"

    def __str__(self):
        return f"content version {self.stamp}"

    @classmethod
    def current(cls):
        return cls.objects.filter(pk=1).values_list("stamp", flat=True).first() or ""

    @classmethod
    def bump(cls):
        stamp = uuid.uuid4().hex
        if not cls.objects.filter(pk=1).update(stamp=stamp):
            cls.objects.update_or_create(pk=1, defaults={"stamp": stamp})


def content_changed():
    """Every cached response is stale: give the content a new stamp."""
    ContentVersion.bump()
