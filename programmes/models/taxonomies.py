"""Themes, target groups and districts: small managed vocabularies with fixed slugs.

The slugs are the contract (../shared/contracts/programme-exchange.md); the labels are
for people and exist per language. A data migration fills them on every fresh site.
"""

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel


class Taxonomy(models.Model):
    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    label_de = models.CharField(_("German label"), max_length=120)
    label_en = models.CharField(_("English label"), max_length=120)
    sort_order = models.PositiveSmallIntegerField(_("sort order"), default=0)

    panels = [FieldPanel("slug"), FieldPanel("label_de"), FieldPanel("label_en"), FieldPanel("sort_order")]

    class Meta:
        abstract = True
        ordering = ["sort_order", "slug"]

    def __str__(self):
        return self.label()

    def label(self, lang=None):
        """The label in `lang` (default: the active language); German where none exists."""
        lang = (lang or get_language() or "de")[:2]
        return getattr(self, f"label_{lang}", "") or self.label_de


class Theme(Taxonomy):
    class Meta(Taxonomy.Meta):
        verbose_name = _("theme")
        verbose_name_plural = _("themes")


class TargetGroup(Taxonomy):
    class Meta(Taxonomy.Meta):
        verbose_name = _("target group")
        verbose_name_plural = _("target groups")


class District(Taxonomy):
    class Meta(Taxonomy.Meta):
        verbose_name = _("district")
        verbose_name_plural = _("districts")
