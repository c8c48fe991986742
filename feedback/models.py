"""One answer to "Was this page helpful?".

Stores only what the visitor typed or chose, and where they were: no IP address, no
user agent, no account. The rate limit (kb.middleware) counts in the cache, not here.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Feedback(models.Model):
    class Kind(models.TextChoices):
        PAGE = "page", _("programme page")
        SEARCH = "search", _("search results")

    class Status(models.TextChoices):
        NEW = "new", _("new")
        READ = "read", _("read")
        ARCHIVED = "archived", _("archived")

    kind = models.CharField(_("where"), max_length=10, choices=Kind.choices)
    page = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("page"),
    )
    query = models.CharField(_("search query"), max_length=500, blank=True)
    language = models.CharField(_("language"), max_length=10, blank=True)
    helpful = models.BooleanField(_("helpful"))
    comment = models.TextField(_("comment"), max_length=1000, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.NEW)
    created_at = models.DateTimeField(_("received"), auto_now_add=True)

    class Meta:
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "-created_at"])]

    def __str__(self):
        where = self.page.title if self.page_id and self.page else self.query
        return f"{'+' if self.helpful else '−'} {where}"[:80]
