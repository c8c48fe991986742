"""Translated facts: the short texts on shared rows (outcomes, contact roles and opening hours,
hours notes) and the page's own service notes, in the visitor's language, falling back to
German marked as such.

Two stores, each where the text lives:
- outcome indicator, unit and note, contact role and opening hours, and hours note sit on rows every translation
  shares with the German source (or that programmes share), so their translations are a
  per-language table keyed by the German text (models/fact_translations.py);
- the cost note, registration note and what to bring are fields of each language's page, like
  its summary; a translation page whose note is empty or still the German text shows the
  German one.

The exchange extension kb-translated-facts/1 (exchange/translated_facts.py), the PO files
(translation_files.py), the status panel and the staff's form (fact_admin.py) read and write
both through this module.
"""

from django.conf import settings
from django.utils.translation import get_language, get_language_info
from wagtail.models import Locale

from kb.changes import bulk_changes

from . import record
from .models import FactTranslation, ProgrammePage

Field = FactTranslation.Field
# record part -> the key of each of its items -> the table's field
LABELS = {
    "outcomes": {"indicator": Field.INDICATOR, "unit": Field.UNIT, "note": Field.OUTCOME_NOTE},
    "contacts": {"role": Field.ROLE, "opening_hours": Field.CONTACT_HOURS},
    "hours": {"note": Field.HOURS_NOTE},
}
# Free texts, longer than a label (up to 2000 characters, as their German fields): several
# lines in the admin form, a longer limit in the exchange extension
LONG = {Field.OUTCOME_NOTE, Field.CONTACT_HOURS}
NOTES = record.FACTS_TRANSLATED  # the page's own per-language notes: key -> Kind
CHUNK = 400  # German texts per lookup query (SQLite allows 999 parameters)


def source_language():
    return settings.LANGUAGES[0][0]


def translation_languages():
    return [code for code, _name in settings.LANGUAGES[1:]]


class Text(str):
    """A fact text that knows its language (for the lang attribute)."""

    def __new__(cls, value, lang):
        text = super().__new__(cls, value)
        text.lang = lang
        return text


def is_rtl(lang):
    try:
        return get_language_info(lang)["bidi"]
    except KeyError:
        return False


def label_items(page):
    """{part: [objects]} of the page whose texts the table translates, in record order."""
    return {"outcomes": list(page.outcomes.all()), "contacts": page.contacts, "hours": list(page.hours.all())}


def german_texts(items):
    """Every (field, German text) the items carry, skipping blank ones."""
    return {
        (field, getattr(obj, key)) for part, spec in LABELS.items() for obj in items[part]
        for key, field in spec.items() if getattr(obj, key)
    }


def lookup(languages, texts):
    """{(language, field, German): translation} for `texts` ((field, German) pairs)."""
    sources = sorted({source for _field, source in texts})
    found = {}
    for start in range(0, len(sources), CHUNK):
        for row in FactTranslation.objects.filter(
            language__in=list(languages), source__in=sources[start:start + CHUNK]
        ).order_by("pk"):
            found.setdefault((row.language, row.field, row.source), row.text)
    return found


def store(labels):
    """Write {(language, field, German): translation}; an existing translation is replaced.

    Written in bulk, which sends no save signals: `bulk_changes` tells the page cache once."""
    if not labels:
        return
    with bulk_changes():
        _store(labels)


def _store(labels):
    existing = {}
    sources = sorted({source for _lang, _field, source in labels})
    for start in range(0, len(sources), CHUNK):
        for row in FactTranslation.objects.filter(
            language__in={lang for lang, _f, _s in labels}, source__in=sources[start:start + CHUNK]
        ):
            existing.setdefault((row.language, row.field, row.source), []).append(row)
    changed, new = [], []
    for key, text in labels.items():
        rows = existing.get(key)
        if rows is None:
            new.append(FactTranslation(language=key[0], field=key[1], source=key[2], text=text))
            continue
        for row in rows:
            if row.text != text:
                row.text = text
                changed.append(row)
    FactTranslation.objects.bulk_update(changed, ["text"], batch_size=CHUNK)
    FactTranslation.objects.bulk_create(new, batch_size=CHUNK)


def source_of(page):
    """The German source of `page` (the page itself when it is the source)."""
    default = Locale.get_default()
    return page if page.locale_id == default.pk else page.get_translation_or_none(default) or page


def own_note(translation, source, key):
    """The translation's own value of a note, or the empty value when it has none (blank, or
    still the German text that Wagtail's "translate" copied)."""
    value = getattr(translation, key)
    if translation is source or not value or value == getattr(source, key):
        return NOTES[key].into(None)
    return value


def local_text(obj, key):
    """`obj.key` as `localise` left it: in the reader's language where translated, else as
    stored (German); for readers given the rows rather than the page (PDF, JSON-LD)."""
    return getattr(obj, "local", {}).get(key, getattr(obj, key))


def localise(page, language=None, items=None):
    """Attach `local` ({key: Text}) to the page's outcomes, contacts and hours, and return the
    page's notes as Texts ({key: Text, "documents_to_bring": [Text]}), each in the visitor's
    language where translated, else in the page's language, else German.
    """
    language = (language or get_language() or source_language())[:2]
    items = items if items is not None else label_items(page)
    german = source_language()
    page_lang = page.locale.language_code
    wanted = [lang for lang in dict.fromkeys([language, page_lang]) if lang != german]
    found = lookup(wanted, german_texts(items)) if wanted else {}
    for part, spec in LABELS.items():
        for obj in items[part]:
            local = {}
            for key, field in spec.items():
                value = getattr(obj, key)
                lang = next((lang for lang in wanted if (lang, field, value) in found), None) if value else None
                local[key] = Text(found[lang, field, value], lang) if lang else Text(value or "", german)
            obj.local = local
    source = source_of(page)
    notes = {}
    for key in NOTES:
        own = own_note(page, source, key)
        value, lang = (own, page_lang) if own else (getattr(source, key), german)
        notes[key] = [Text(item, lang) for item in value] if isinstance(value, list) else Text(value or "", lang)
    return notes


def page_translations(source, translations=None):
    """{language: translation page} of a source page."""
    if translations is None:
        translations = source.get_translations().select_related("locale")
    return {t.locale.language_code: t for t in translations}


def record_value(page, translations, found=None):
    """The `translated_facts` object of an exported record, or None when nothing is translated.

    {language: {"outcomes": [{indicator, unit, note}], "contacts": [{role}], "hours": [{note}],
    "cost_note", "registration_note", "documents_to_bring"}}: the lists run parallel to the
    record's outcomes, contacts and facts.hours; null (or []) where there is no translation.
    `found` is a `lookup` covering the page's texts (one per export chunk), else it is read here.
    """
    items = label_items(page)
    if found is None:
        found = lookup(translation_languages(), german_texts(items))
    pages = page_translations(page, translations)
    value = {}
    for lang in translation_languages():
        entry = {
            part: [
                {key: (found.get((lang, field, getattr(obj, key))) if getattr(obj, key) else None)
                 for key, field in spec.items()}
                for obj in items[part]
            ]
            for part, spec in LABELS.items()
        }
        translation = pages.get(lang)
        for key, kind in NOTES.items():
            entry[key] = kind.out(own_note(translation, page, key) if translation else kind.into(None))
        if has_any(entry):
            value[lang] = entry
    return value or None


def has_any(entry):
    for key, value in entry.items():
        if key in LABELS:
            if any(text for item in value for text in item.values()):
                return True
        elif value:
            return True
    return False


def untranslated(source, lang, translation=None, items=None):
    """[(what, German text)] of the source's facts that have no translation into `lang` yet."""
    items = items if items is not None else label_items(source)
    texts = german_texts(items)
    found = lookup([lang], texts)
    labels = dict(Field.choices)
    missing = [(labels[field], text) for field, text in sorted(texts) if (lang, field, text) not in found]
    for key in NOTES:
        if getattr(source, key) and not (translation and own_note(translation, source, key)):
            missing.append((ProgrammePage._meta.get_field(key).verbose_name, _as_text(getattr(source, key))))
    return missing


def _as_text(value):
    return "\n".join(value) if isinstance(value, list) else value
