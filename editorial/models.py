"""Results of the last link check (`manage.py check_links`), shown in the admin report."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class LinkCheck(models.Model):
    """One link or e-mail address of a published programme, as found by the last run."""

    page = models.ForeignKey("programmes.ProgrammePage", on_delete=models.CASCADE, related_name="+")
    where = models.CharField(_("field"), max_length=100)
    target = models.CharField(_("link"), max_length=1000)
    ok = models.BooleanField(_("works"))
    status = models.PositiveSmallIntegerField(_("HTTP status"), null=True, blank=True)
    error = models.CharField(_("problem"), max_length=500, blank=True)
    checked_at = models.DateTimeField(_("checked at"))

    class Meta:
        verbose_name = _("link check")
        ordering = ["page__title", "where"]
