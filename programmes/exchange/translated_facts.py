"""Extension kb-translated-facts/1: the facts' texts in other languages (docs/exchange-extensions.md).

A record's `translated_facts` maps a language to the translations of its outcome indicators,
units and notes, contact roles and opening hours, and hours notes (lists parallel to the record's `outcomes`,
`contacts` and `facts.hours`), and of its cost note, registration note and what to bring.
The labels go to the per-language table (one translation per German text), the notes to the
translation page of that language (programmes/translated_facts.py).
"""

from .. import translated_facts
from ..translated_facts import LABELS, LONG, NOTES, translation_languages
from .schema import SchemaCheck

EXTENSION = "kb-translated-facts/1"
KEY = "translated_facts"
TRANSLATED = "_translated_facts"  # in the importer's extension values (extensions.lessons_of)

_LABEL = {"type": ["string", "null"], "maxLength": 255}
_ITEMS = {"type": "array", "maxItems": 100, "items": {"type": "string", "minLength": 1, "maxLength": 255}}
_LIMITS = {"outcomes": 100, "contacts": 50, "hours": 50}


def _part_schema(part):
    properties = {key: {"type": ["string", "null"], "maxLength": 2000} if field in LONG else _LABEL
                  for key, field in LABELS[part].items()}
    return {"type": "array", "maxItems": _LIMITS[part], "items": {
        "type": "object", "additionalProperties": False, "properties": properties,
    }}


CHECK = SchemaCheck({
    "type": "object",
    "properties": {"programmes": {"type": "array", "items": {"type": "object", "properties": {KEY: {
        "type": "object",
        "additionalProperties": {
            "type": "object",
            "additionalProperties": False,
            "properties": {
                **{part: _part_schema(part) for part in LABELS},
                "cost_note": {"type": ["string", "null"], "maxLength": 500},
                "registration_note": {"type": ["string", "null"], "maxLength": 500},
                "documents_to_bring": _ITEMS,
            },
        },
    }}}}},
})


def german_items(record):
    """{part: [German items]} of a record, the lists a translation runs parallel to."""
    facts = record.get("facts") if isinstance(record.get("facts"), dict) else {}
    parts = {"outcomes": record.get("outcomes"), "contacts": record.get("contacts"), "hours": facts.get("hours")}
    return {part: [i if isinstance(i, dict) else {} for i in value] if isinstance(value, list) else []
            for part, value in parts.items()}


def labels_of(record):
    """{(language, field, German): (translation, place)} of one valid record."""
    german = german_items(record)
    labels = {}
    for lang, entry in (record.get(KEY) or {}).items():
        for part, spec in LABELS.items():
            for j, item in enumerate(entry.get(part) or []):
                for key, field in spec.items():
                    if item.get(key) and j < len(german[part]) and german[part][j].get(key):
                        labels[lang, field, german[part][j][key]] = (item[key], f"{KEY}.{lang}.{part}[{j}].{key}")
    return labels


def problems(records):
    """What is wrong with the records' `translated_facts` beyond the schema, each with its place."""
    languages = translation_languages()
    found, seen = [], {}
    for i, record in enumerate(records):
        value = record.get(KEY) if isinstance(record, dict) else None
        if not isinstance(value, dict):
            continue
        where = f"programmes[{i}].{KEY}"
        german = german_items(record)
        translations = record.get("translations") if isinstance(record.get("translations"), dict) else {}
        for lang, entry in value.items():
            if lang not in languages:
                found.append(f"{where}.{lang}: {lang!r} is not a translation language of this site "
                             f"({', '.join(languages)})")
                continue
            for part, spec in LABELS.items():
                given = entry.get(part)
                if given is None:
                    continue
                if len(given) != len(german[part]):
                    found.append(f"{where}.{lang}.{part}: {len(given)} item(s), but the record has "
                                 f"{len(german[part])} (the list runs parallel to the German one)")
                    continue
                for j, item in enumerate(given):
                    for key in spec:
                        if item.get(key) and not german[part][j].get(key):
                            found.append(f"{where}.{lang}.{part}[{j}].{key}: translates nothing (the German {key} is empty)")
            if any(entry.get(key) for key in NOTES) and lang not in translations:
                found.append(f"{where}.{lang}: notes need a {lang} translation of the programme "
                             f"(programmes[{i}].translations.{lang}) to hold them")
        for key, (text, place) in labels_of(record).items():
            other = seen.setdefault(key, (text, f"programmes[{i}].{place}"))
            if other[0] != text:
                found.append(f"programmes[{i}].{place}: translates {key[2]!r} as {text!r}, "
                             f"but {other[1]} as {other[0]!r} (one translation per German text)")
    return found


def for_import(page, record):
    """What the page's translated facts become from `record`, or None when nothing changes.

    Labels given in the file replace the table's (others are kept: other programmes may share
    them); the notes of each translation are the file's (none for a language it leaves out).
    """
    labels = {key: text for key, (text, _place) in labels_of(record).items()}
    current = translated_facts.lookup({lang for lang, _f, _s in labels}, {(f, s) for _l, f, s in labels})
    changed = {key: text for key, text in labels.items() if current.get(key) != text}
    given = record.get(KEY) or {}
    blank = {key: kind.into(None) for key, kind in NOTES.items()}
    existing = translated_facts.page_translations(page) if page.pk else {}
    notes = {
        lang: {key: kind.into((given.get(lang) or {}).get(key)) for key, kind in NOTES.items()}
        for lang in set(existing) | set(given) | set(record.get("translations") or {})
    }
    notes_changed = any(
        getattr(existing[lang], key) != value for lang in existing for key, value in notes[lang].items()
    ) or any(values != blank for lang, values in notes.items() if lang not in existing)
    if not changed and not notes_changed:
        return None
    return {"labels": changed, "notes": notes}


def apply(page, value):
    """Write the labels; leave the notes on `page` for copy_shared to give each translation."""
    translated_facts.store(value["labels"])
    page._translated_notes = value["notes"]


def chunk_lookup(pages):
    """One lookup of every translation the `pages` (one export chunk) need."""
    texts = set().union(*(translated_facts.german_texts(translated_facts.label_items(p)) for p in pages)) if pages else set()
    return translated_facts.lookup(translation_languages(), texts)
