"""Programme texts out to a translation agency and back, as gettext PO files.

One entry per translatable field: msgctxt `slug|field`, msgid the German text, msgstr
the translation (pre-filled when one exists; marked fuzzy when the German changed since).
The texts on shared rows (outcome indicators, units and notes, contact roles, hours notes)
are translated once per German text, as in any gettext catalogue: msgctxt is the kind of
text (`outcome.indicator`, `contact.role`, ...), without a slug (programmes/translated_facts.py).
PO is what agencies' tools (and free ones like Poedit) read; XLIFF converters exist too.
"""

import polib
from django.db import transaction
from django.utils import timezone
from wagtail.models import Locale

from kb.changes import bulk_changes

from .exchange import catalogue_for, publish, update_indexes
from .models import FactTranslation, ProgrammePage
from .richtext import html_to_text, text_to_html
from .translated_facts import NOTES, german_texts, label_items, lookup, own_note, store
from .translation import OUTDATED, copy_shared, translation_statuses

# NOTES: the service notes, a translation's own value, else none (translated_facts.own_note)
FIELDS = ["title", "summary", "plain_summary", "description", "keywords", *NOTES]
LISTS = ["keywords", "documents_to_bring"]  # one item per line in the PO entry
LABEL_CONTEXTS = [choice for choice, _label in FactTranslation.Field.choices]
REQUIRED = ["title", "summary"]


class TranslationFileError(Exception):
    def __init__(self, problems):
        self.problems = problems
        super().__init__("\n".join(problems))


def _text(page, field):
    value = getattr(page, field)
    if field == "description":
        return html_to_text(value)
    if field in LISTS:
        return "\n".join(value)
    return value or ""


def _set(page, field, text):
    if field == "description":
        page.description = text_to_html(text)
    elif field in LISTS:
        setattr(page, field, [line.strip() for line in text.splitlines() if line.strip()])
    else:
        setattr(page, field, text)


def export_po(sources, lang):
    po = polib.POFile(wrapwidth=0)
    po.metadata = {
        "Project-Id-Version": "Stuttgart integration programmes",
        "Language": lang,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
    }
    labels = {}  # (field, German) -> titles of the programmes that use it
    for source in sources:
        status, translation = translation_statuses(source).get(lang, (None, None))
        for field in FIELDS:
            text = _text(source, field)
            if not text:
                continue
            if translation and field in NOTES:
                own = own_note(translation, source, field)
                translated = "\n".join(own) if isinstance(own, list) else own
            else:
                translated = _text(translation, field) if translation else ""
            entry = polib.POEntry(
                msgctxt=f"{source.slug}|{field}", msgid=text, msgstr=translated, comment=f"{source.title} – {field}",
            )
            if status == OUTDATED and entry.msgstr:
                entry.flags.append("fuzzy")
            po.append(entry)
        for pair in sorted(german_texts(label_items(source))):
            labels.setdefault(pair, []).append(source.title)
    found = lookup([lang], labels)
    for (field, text), titles in labels.items():
        po.append(polib.POEntry(
            msgctxt=field, msgid=text, msgstr=found.get((lang, field, text), ""), comment=" · ".join(titles),
        ))
    return po


def import_po(content):
    """Write the translations of a PO file; all or nothing. Returns the pages written."""
    try:
        po = polib.pofile(content)
    except (OSError, ValueError) as exc:
        raise TranslationFileError([f"file: not a readable PO file ({exc})"]) from exc
    lang = po.metadata.get("Language", "").strip()
    locale = Locale.objects.filter(language_code=lang).first()
    problems = []
    if locale is None or locale == Locale.get_default():
        problems.append(f"Language: {lang!r} is not a translation language of this site")
    texts, labels = {}, {}
    for n, entry in enumerate(po):
        if entry.msgctxt in LABEL_CONTEXTS:  # a fact's text, translated wherever it occurs
            if entry.msgstr.strip() and "fuzzy" not in entry.flags and not entry.obsolete:
                labels[lang, entry.msgctxt, entry.msgid] = entry.msgstr.strip()
            continue
        slug, _, field = (entry.msgctxt or "").partition("|")
        if field not in FIELDS:
            problems.append(f"entry {n + 1}: msgctxt {entry.msgctxt!r} is not 'slug|field' with a known field")
            continue
        if entry.msgstr.strip() and "fuzzy" not in entry.flags and not entry.obsolete:
            texts.setdefault(slug, {})[field] = entry.msgstr
    sources = {p.slug: p for p in ProgrammePage.objects.filter(locale=Locale.get_default(), slug__in=texts)}
    for slug, fields in texts.items():
        source = sources.get(slug)
        if source is None:
            problems.append(f"{slug}: no programme with this slug")
            continue
        exists = ProgrammePage.objects.filter(translation_key=source.translation_key, locale=locale).exists()
        missing = [f for f in REQUIRED if f not in fields]
        if not exists and missing:
            problems.append(f"{slug}: a new translation needs {', '.join(missing)}")
    if problems:
        raise TranslationFileError(problems)

    written = []
    with transaction.atomic(), bulk_changes():
        store(labels)
        for slug, fields in texts.items():
            source = sources[slug]
            page = ProgrammePage.objects.filter(translation_key=source.translation_key, locale=locale).first()
            parent = None
            if page is None:
                parent = catalogue_for(locale)
                page = ProgrammePage(slug=source.slug, locale=locale, translation_key=source.translation_key)
            for field, text in fields.items():
                _set(page, field, text)
            page.translated_at = timezone.now()
            copy_shared(source, page)
            publish(page, parent=parent)
            written.append(page)
        update_indexes(ProgrammePage.objects.filter(pk__in=[p.pk for p in written]))
    return written
