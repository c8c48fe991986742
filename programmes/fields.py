"""Model fields for short lists of strings (partners, keywords, language codes).

Stored as JSON so the exchange format's lists round-trip with their order; edited in
the admin as one item per line, which is what staff expect from a list.
"""

import re

from django import forms
from django.conf.locale import LANG_INFO
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from .languages import ISO_639_1, LANGUAGE_NAMES


class StringListFormField(forms.CharField):
    widget = forms.Textarea(attrs={"rows": 3})

    def __init__(self, *, codes=False, **kwargs):
        self.codes = codes
        kwargs.pop("encoder", None)
        kwargs.pop("decoder", None)
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, (list, tuple)):
            return "\n".join(value)
        return value or ""

    def to_python(self, value):
        if isinstance(value, (list, tuple)):
            return [str(v).strip() for v in value if str(v).strip()]
        text = super().to_python(value) or ""
        separators = r"[\n,;]+" if self.codes else r"\n+"
        items = [item.strip() for item in re.split(separators, text)]
        items = [item.lower() if self.codes else item for item in items if item]
        return list(dict.fromkeys(items))

    def validate(self, value):
        super().validate(value)
        if self.codes:
            unknown = [code for code in value if code not in ISO_639_1]
            if unknown:
                raise ValidationError(
                    _("Unknown language code(s): %(codes)s. Use ISO 639-1 codes such as de, en, tr."),
                    params={"codes": ", ".join(unknown)},
                    code="language",
                )


def language_choices():
    """Every ISO 639-1 code as (code, "Name (code)"): the languages Stuttgart's services are most
    often offered in first, by their German name, then the rest."""
    common = sorted(LANGUAGE_NAMES, key=lambda code: LANGUAGE_NAMES[code][0])
    rest = sorted(
        (code for code in ISO_639_1 if code not in LANGUAGE_NAMES),
        key=lambda code: LANG_INFO.get(code, {}).get("name", code),
    )
    return [(code, f"{LANGUAGE_NAMES[code][0]} ({code})") for code in common] + [
        (code, f"{LANG_INFO[code]['name']} ({code})" if code in LANG_INFO else code) for code in rest
    ]


class LanguageListFormField(forms.TypedMultipleChoiceField):
    """Languages picked from a list of names, stored as ISO 639-1 codes."""

    widget = forms.SelectMultiple(attrs={"size": 8})

    def __init__(self, **kwargs):
        for unused in ("encoder", "decoder", "max_length"):
            kwargs.pop(unused, None)
        kwargs.setdefault("required", False)
        kwargs.setdefault("help_text", _("Pick one or more; hold Ctrl (Cmd on a Mac) to choose several."))
        super().__init__(choices=language_choices, **kwargs)


class StringListField(models.JSONField):
    """A list of strings, entered one per line."""

    def __init__(self, *args, codes=False, **kwargs):
        self.codes = codes
        kwargs.setdefault("default", list)
        kwargs.setdefault("blank", True)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        if self.codes:
            kwargs["codes"] = True
        if kwargs.get("default") is list:
            del kwargs["default"]
        kwargs.pop("blank", None)
        return name, path, args, kwargs

    def formfield(self, **kwargs):
        if self.codes:
            return LanguageListFormField(label=self.verbose_name, required=not self.blank)
        return StringListFormField(
            codes=self.codes,
            label=self.verbose_name,
            help_text=self.help_text,
            required=not self.blank,
        )

    def validate(self, value, model_instance):
        super().validate(value, model_instance)
        if self.codes:
            StringListFormField(codes=True).validate(value or [])
