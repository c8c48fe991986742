"""Demo translations: every demo programme in every site language, written for the demo.

`demo/translations/<lang>.json` holds title, summary, plain-language summary, description
and keywords per programme slug; `de-plain.json` the German plain-language summaries;
`demo/fact_translations.json` the translations of the outcome indicators, units and notes
and the contacts' roles and opening hours (stored once per German text, programmes/translated_facts.py). They
are merged into the demo exchange file before import, so the ordinary importer creates the
translation pages; the plain-language summary, which the exchange format does not carry, is
set afterwards. Every page the demo translated is marked `demo_translation` and says so on
the page, until staff have checked it and untick the mark.
"""

import json
from pathlib import Path

from django.conf import settings

from .models import ProgrammePage

TRANSLATIONS_DIR = Path(__file__).parent / "demo" / "translations"
FACTS_FILE = Path(__file__).parent / "demo" / "fact_translations.json"
EXCHANGE_KEYS = ("title", "summary", "description", "keywords")


def load_files():
    """{language: {slug: entry}} for every configured language that has a file."""
    configured = {code for code, _name in settings.LANGUAGES}
    files = {}
    for path in sorted(TRANSLATIONS_DIR.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        if data["language"] in configured:
            files.setdefault(data["language"], {}).update(data["programmes"])
    return files


def with_translations(data, files):
    """The exchange `data` with each file's translations added where a record has none."""
    for record in data["programmes"]:
        translations = record.setdefault("translations", {})
        for language, entries in files.items():
            entry = entries.get(record["slug"])
            if language == settings.LANGUAGES[0][0] or not entry or language in translations:
                continue
            if entry.get("title") and entry.get("summary"):
                translations[language] = {key: entry.get(key) or ([] if key == "keywords" else None)
                                          for key in EXCHANGE_KEYS}
    return data


def wanted_values(files):
    """{(slug, language): {field: value}} the demo's pages should carry after import."""
    source = settings.LANGUAGES[0][0]
    wanted = {}
    for language, entries in files.items():
        for slug, entry in entries.items():
            values = {"plain_summary": entry.get("plain_summary") or ""}
            if language != source:
                values["demo_translation"] = True
            wanted[(slug, language)] = values
    return wanted


def pages_to_update(files):
    """Demo pages whose plain-language summary or demo mark differ from the files, with values."""
    wanted = wanted_values(files)
    slugs = {slug for slug, _language in wanted}
    for page in ProgrammePage.objects.filter(slug__in=slugs).select_related("locale"):
        values = wanted.get((page.slug, page.locale.language_code))
        if values is None:
            values = {"demo_translation": True} if page.locale.language_code != settings.LANGUAGES[0][0] else {}
        changes = {k: v for k, v in values.items() if getattr(page, k) != v}
        if changes:
            yield page, changes


def fact_labels():
    """{(language, field, German): translation} of the demo's fact texts, in the configured languages."""
    configured = {code for code, _name in settings.LANGUAGES[1:]}
    labels = json.loads(FACTS_FILE.read_text(encoding="utf-8"))["labels"]
    return {
        (language, field, german): text
        for field, table in labels.items() for german, by_language in table.items()
        for language, text in by_language.items() if language in configured
    }
