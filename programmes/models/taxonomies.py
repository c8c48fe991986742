"""Themes, target groups and districts: small managed vocabularies with fixed slugs.

The slugs are the contract (../shared/contracts/programme-exchange.md); the labels are
for people and exist per language. A data migration fills them on every fresh site.
"""

from django import forms
from django.conf import settings
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel

# German and English labels have columns of their own (the exchange contract names them);
# every other configured language is one more field in the same form, stored in `labels`,
# so adding a language to KB_LANGUAGES needs no code change and no migration.
OTHER_LANGUAGES = [(code, name) for code, name in settings.LANGUAGES if code not in ("de", "en")]


class TaxonomyFormBase(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for code, _name in OTHER_LANGUAGES:
            self.fields[f"label_{code}"].initial = (self.instance.labels or {}).get(code, "")

    def save(self, commit=True):
        labels = dict(self.instance.labels or {})
        for code, _name in OTHER_LANGUAGES:
            value = self.cleaned_data.get(f"label_{code}", "").strip()
            if value:
                labels[code] = value
            else:
                labels.pop(code, None)
        self.instance.labels = labels
        return super().save(commit=commit)


TaxonomyForm = type("TaxonomyForm", (TaxonomyFormBase,), {
    f"label_{code}": forms.CharField(label=_("Label in %(language)s") % {"language": name}, max_length=120,
                                     required=False)
    for code, name in OTHER_LANGUAGES
})


class Taxonomy(models.Model):
    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    label_de = models.CharField(_("German label"), max_length=120)
    label_en = models.CharField(_("English label"), max_length=120)
    labels = models.JSONField(
        _("labels in other languages"), default=dict, blank=True,
        help_text=_("Language code to label, for every site language besides German and English."),
    )
    sort_order = models.PositiveSmallIntegerField(_("sort order"), default=0)

    base_form_class = TaxonomyForm
    panels = [
        FieldPanel("slug"), FieldPanel("label_de"), FieldPanel("label_en"),
        *[FieldPanel(f"label_{code}") for code, _name in OTHER_LANGUAGES],
        FieldPanel("sort_order"),
    ]

    class Meta:
        abstract = True
        ordering = ["sort_order", "slug"]

    def __str__(self):
        return self.label()

    def label(self, lang=None):
        """The label in `lang` (default: the active language); German where none exists."""
        lang = (lang or get_language() or "de")[:2]
        if lang in ("de", "en"):
            return getattr(self, f"label_{lang}") or self.label_de
        return (self.labels or {}).get(lang) or self.label_de

    def all_labels(self):
        """{language: label} for every configured language (German where none is set)."""
        return {code: self.label(code) for code, _name in settings.LANGUAGES}


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
