"""Programmes out as an exchange file: the record of each German source page with its translations.

Pages are read in chunks (programmes/chunks.py), so an export of 100,000 programmes
neither builds one giant query nor holds every page in memory: `export_text` yields the
file piece by piece.
"""

from wagtail.models import Locale

from ..chunks import chunked, json_document
from ..models import ProgrammePage
from ..record import to_record
from .extensions import KNOWN_EXTENSIONS, record_extensions
from .schema import FORMAT
from .translated_facts import chunk_lookup

programme_record = to_record  # the name other modules import


def source_programmes():
    """The German source pages, with every relation the record reads prefetched."""
    return (
        ProgrammePage.objects.filter(locale=Locale.get_default())
        .order_by("path")
        .prefetch_related(
            "themes", "target_groups", "districts", "outcomes", "contact_links__contact", "related_programmes__target",
            "venues", "hours",
        )
    )


def translations_of(pages, queryset=None):
    """{translation_key: [translation, ...]} of `pages` (one chunk), by language code."""
    found = {}
    default = Locale.get_default()
    for t in (queryset if queryset is not None else ProgrammePage.objects).filter(
        translation_key__in=[p.translation_key for p in pages]
    ).exclude(locale=default).select_related("locale").order_by("locale__language_code"):
        found.setdefault(t.translation_key, []).append(t)
    return found


class Export:
    """The records of an export, one chunk at a time; `extensions()` is known once they are all read.

    `queryset` and `order` choose the programmes and their order (German source pages by tree
    path by default); `translations` which translations go with them (all by default).
    """

    def __init__(self, queryset=None, strict=False, order=("path",), translations=None):
        self.queryset = queryset if queryset is not None else source_programmes()
        self.strict, self.order, self.translations_from = strict, order, translations
        self.used = set()
        self.programmes = self.translations = 0

    def records(self):
        for pages in chunked(self.queryset, self.order):
            translations = translations_of(pages, self.translations_from)
            found = None if self.strict else chunk_lookup(pages)
            for page in pages:
                translated = translations.get(page.translation_key, [])
                record = to_record(page, translated)
                for name, key, value in () if self.strict else record_extensions(page, translated, found):
                    record[key] = value
                    self.used.add(name)
                self.programmes += 1
                self.translations += len(record["translations"])
                yield record

    def extensions(self):
        names = [name for name in KNOWN_EXTENSIONS if name in self.used]
        return {"extensions": names} if names else {}

    def text(self):
        """The file's text in pieces, as json.dumps(export_data(), ensure_ascii=False, indent=2) writes it."""
        return json_document({"format": FORMAT}, "programmes", self.records(), self.extensions)


def export_data(queryset=None, strict=False):
    """The exchange file as one dict; with lessons and facts (kb-lessons/2, kb-facts/1) unless `strict` or there are none."""
    export = Export(queryset, strict)
    data = {"format": FORMAT, "programmes": list(export.records())}
    data.update(export.extensions())
    return data


def export_text(queryset=None, strict=False):
    """The exchange file's text, piece by piece (for files and downloads of any size)."""
    return Export(queryset, strict).text()
