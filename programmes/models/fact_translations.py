"""Translations of the short fact texts that sit on shared rows: outcome indicators, units and
notes, contact roles and opening hours, notes on opening hours.

Those rows are copied from the German source to every translation (outcomes, hours) or shared
between programmes (contacts), so their text cannot live on the translation page. One row here
translates one German text into one language, wherever it occurs, as a gettext catalogue does:
"Teilnehmende" is translated once for every programme. When the German text changes, its
translation no longer matches and the page falls back to German (marked lang="de") until the
new text is translated (programmes/translated_facts.py).
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


class FactTranslation(models.Model):
    class Field(models.TextChoices):
        INDICATOR = "outcome.indicator", _("outcome indicator")
        UNIT = "outcome.unit", _("outcome unit")
        OUTCOME_NOTE = "outcome.note", _("outcome note")
        ROLE = "contact.role", _("contact role")
        CONTACT_HOURS = "contact.opening_hours", _("contact opening hours")
        HOURS_NOTE = "hours.note", _("note on opening hours")

    language = models.CharField(_("language"), max_length=10)
    field = models.CharField(_("field"), max_length=30, choices=Field.choices)
    source = models.TextField(_("German text"))
    text = models.TextField(_("translation"))

    class Meta:
        verbose_name = _("fact translation")
        verbose_name_plural = _("fact translations")
        ordering = ["language", "field", "source"]
        indexes = [models.Index(fields=["language", "field"])]

    def __str__(self):
        return f"{self.language}: {self.source} → {self.text}"

    def clean(self):
        super().clean()
        languages = [code for code, _name in settings.LANGUAGES[1:]]  # a setting, so not a field choice
        if self.language not in languages:
            raise ValidationError({"language": _("Use one of the site's translation languages: %(codes)s.")
                                   % {"codes": ", ".join(languages)}})
        twin = FactTranslation.objects.filter(language=self.language, field=self.field, source=self.source)
        if twin.exclude(pk=self.pk).exists():
            raise ValidationError({"source": _("This German text already has a translation in this language.")})
