"""Life situations ("Lebenslagen"): the home page's way in for people who do not know the
name of the service they need — "I want to learn German", not "Sprachförderung".

Each situation is a short sentence with an icon and a pre-filtered catalogue behind it.
Staff edit them as translatable snippets: the sentence exists per language, the filters
are set once on the German situation and shared by its translations.
"""

from urllib.parse import urlencode

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Locale, TranslatableMixin

from programmes.models import TargetGroup, Theme

ICONS = [
    ("arrive", _("Suitcase (arriving)")),
    ("language", _("Speech bubbles (language)")),
    ("work", _("Briefcase (work)")),
    ("school", _("Book (school and children)")),
    ("certificate", _("Certificate (recognition)")),
    ("health", _("Heart (health)")),
    ("advice", _("Signpost (advice)")),
    ("rights", _("Shield (discrimination)")),
    ("people", _("People (meeting, volunteering)")),
    ("home", _("House (housing)")),
]


class LifeSituation(TranslatableMixin, models.Model):
    sentence = models.CharField(
        _("sentence"), max_length=120,
        help_text=_("In the visitor's words, e.g. “I want to learn German”."),
    )
    icon = models.CharField(_("icon"), max_length=20, choices=ICONS, default="advice")
    themes = models.ManyToManyField(Theme, blank=True, verbose_name=_("themes"), related_name="+")
    target_groups = models.ManyToManyField(
        TargetGroup, blank=True, verbose_name=_("target groups"), related_name="+"
    )
    sort_order = models.PositiveSmallIntegerField(_("sort order"), default=0)

    panels = [
        FieldPanel("sentence"), FieldPanel("icon"), FieldPanel("themes"),
        FieldPanel("target_groups"), FieldPanel("sort_order"),
    ]

    class Meta(TranslatableMixin.Meta):
        ordering = ["sort_order", "pk"]
        verbose_name = _("life situation")
        verbose_name_plural = _("life situations")

    def __str__(self):
        return self.sentence

    def filter_source(self):
        """The situation whose filters count: the German one (translations share it)."""
        default = Locale.get_default()
        if self.locale_id == default.pk:
            return self
        return LifeSituation.objects.filter(translation_key=self.translation_key, locale=default).first() or self

    def querystring(self):
        source = self.filter_source()
        pairs = [("theme", t.slug) for t in source.themes.all()]
        pairs += [("target_group", g.slug) for g in source.target_groups.all()]
        return urlencode(pairs)


def situations_for(language_code):
    """The situations in this language; German ones stand in where a translation is missing."""
    default = Locale.get_default()
    situations = LifeSituation.objects.filter(locale__language_code__in={language_code, default.language_code})
    chosen = {}
    for situation in situations.select_related("locale").prefetch_related("themes", "target_groups"):
        if situation.translation_key not in chosen or situation.locale.language_code == language_code:
            chosen[situation.translation_key] = situation
    return sorted(chosen.values(), key=lambda s: (s.sort_order, s.pk))
