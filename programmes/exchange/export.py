"""Programmes out as an exchange file: the record of each German source page with its translations."""

from wagtail.models import Locale

from ..models import ProgrammePage
from ..record import to_record
from .extensions import add_facts, add_lessons
from .schema import FORMAT

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


def export_data(queryset=None, strict=False):
    """The exchange file; with lessons (extension kb-lessons/1) unless `strict` or there are none."""
    pages = list(queryset if queryset is not None else source_programmes())
    translations = {}
    for t in ProgrammePage.objects.filter(
        translation_key__in=[p.translation_key for p in pages]
    ).exclude(locale=Locale.get_default()).select_related("locale").order_by("locale__language_code"):
        translations.setdefault(t.translation_key, []).append(t)
    data = {
        "format": FORMAT,
        "programmes": [to_record(p, translations.get(p.translation_key, [])) for p in pages],
    }
    return data if strict else add_facts(add_lessons(data, pages), pages)
