"""Admin: translate a programme's fact texts (outcome indicators, units and notes, contact roles
and opening hours, hours notes) into one language, on one form linked from the translation's status panel.

The translations are stored once per German text (models/fact_translations.py): a role
translated here is translated on every programme that names it. The service notes are fields
of the translation page itself and are edited there.
"""

import hashlib

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from .models import FactTranslation, ProgrammePage
from .translated_facts import (
    LONG,
    german_texts,
    label_items,
    lookup,
    source_of,
    store,
    translation_languages,
)

LABELS = dict(FactTranslation.Field.choices)


class FactsForm(forms.Form):
    """One optional field per German text; its label says what the text is."""

    def __init__(self, texts, initial, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.texts = {}
        for field, german in sorted(texts):
            # Named by the text itself: a German text changed meanwhile cannot receive another's translation.
            name = "text_" + hashlib.sha1(f"{field}|{german}".encode()).hexdigest()[:16]
            self.texts[name] = (field, german)
            self.fields[name] = forms.CharField(
                label=f"{LABELS[field]}: {german}", required=False, initial=initial.get((field, german), ""),
                widget=forms.Textarea(attrs={"rows": 2}) if field in LONG else None,
                max_length=2000 if field in LONG else 255,
            )


def translate_facts(request, page_id, lang):
    page = get_object_or_404(ProgrammePage, pk=page_id)
    if lang not in translation_languages():
        raise Http404
    if not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    source = source_of(page)
    texts = german_texts(label_items(source))
    current = {(field, german): text for (_lang, field, german), text in lookup([lang], texts).items()}
    form = FactsForm(texts, current, request.POST or None)
    if request.method == "POST" and form.is_valid():
        wanted = {(lang, *form.texts[name]): value.strip() for name, value in form.cleaned_data.items()}
        store({key: text for key, text in wanted.items() if text})
        for (_lang, field, german), text in wanted.items():
            if not text:  # emptied: the German text shows again, marked as German
                FactTranslation.objects.filter(language=lang, field=field, source=german).delete()
        messages.success(request, _("The fact translations were saved."))
        return redirect(request.path)
    translation = ProgrammePage.objects.filter(translation_key=source.translation_key, locale__language_code=lang).first()
    return render(request, "programmes/admin/translate_facts.html", {
        "form": form, "source": source, "translation": translation, "lang": lang,
    })
