"""What the search index knows about a programme page: one extraction for both engines.

Fields carry weights (title and keywords above body text); facets are the contract's
slugs. Pages are read in batches with their relations prefetched, so indexing cost
does not grow with the number of outcomes or contacts per programme.
"""

from dataclasses import dataclass, field

from programmes import record
from programmes.models import ProgrammePage
from programmes.richtext import html_to_text

FIELD_WEIGHTS = {
    "title": 5.0,
    "keywords": 4.0,
    "summary": 2.0,
    "plain": 2.0,
    "taxonomy": 1.5,
    "organisation": 1.2,
    "description": 1.0,
    "outcomes": 0.5,
    "lessons": 0.8,
}


@dataclass
class ProgrammeDoc:
    page_id: int
    translation_key: str
    lang: str
    languages_available: list
    slug: str
    title: str
    summary: str
    description: str
    url: str
    status: str
    start_year: int
    end_year: int | None
    published_at: object
    fields: dict = field(default_factory=dict)  # name -> text
    facets: dict = field(default_factory=dict)  # themes/target_groups/districts/status/languages -> [values]


def _labels(items, lang):
    return " ".join(item.label(lang) for item in items)


def build_doc(page, languages_available):
    lang = page.locale.language_code
    taxonomies = {key: list(getattr(page, key).all()) for key in record.TAXONOMIES}
    description = html_to_text(page.description)
    outcomes = " ".join(o.indicator for o in page.outcomes.all())
    return ProgrammeDoc(
        page_id=page.pk,
        translation_key=str(page.translation_key),
        lang=lang,
        languages_available=sorted(languages_available),
        slug=page.slug,
        title=page.title,
        summary=page.summary,
        description=description,
        url=page.get_url() or "",
        status=page.status,
        start_year=page.start_year,
        end_year=page.end_year,
        published_at=page.first_published_at,
        fields={
            "title": page.title,
            "keywords": " ; ".join(page.keywords),
            "summary": page.summary,
            "plain": page.plain_summary,
            "taxonomy": " ; ".join(_labels(items, lang) for items in taxonomies.values()),
            "organisation": " ; ".join([page.organisation, *page.partners]),
            "description": description,
            "outcomes": outcomes,
            "lessons": lessons_text(page),
        },
        facets={
            **{key: [item.slug for item in items] for key, items in taxonomies.items()},
            "status": [page.status],
            "languages": list(page.languages),
            "facts": [name for name, known in record.facets_of(page).items() if known],
        },
    )


def lessons_text(page):
    """Lessons and transfer (issue 7): purpose, approach, what worked, challenges, transfer, costs, reports."""
    return " ; ".join(filter(None, [getattr(page, name) for name in record.LESSONS_2.values()]
                             + list(getattr(page, record.LESSONS_REPORTS))))


def iter_docs(queryset, batch_size=500):
    """Documents for the public programme pages in `queryset` (ProgrammePage.objects.public()), in batches."""
    ids = list(queryset.public().order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), batch_size):
        yield from docs_for(
            ProgrammePage.objects.filter(pk__in=ids[start:start + batch_size])
            .select_related("locale")
            .prefetch_related("themes", "target_groups", "districts", "outcomes", "venues")
            .order_by("pk")
        )


def docs_for(pages):
    """Documents for live pages whose relations are already loaded: prefetched by `iter_docs`,
    or built in memory by the importer (reading 100,000 new pages back cost it a fifth of
    its time). Pages that are not public (not live, private, ...) are skipped: the index holds
    only what visitors may see."""
    pages = [page for page in pages if page.live]
    shown = set(ProgrammePage.objects.filter(pk__in=[p.pk for p in pages]).public().values_list("pk", flat=True))
    pages = [page for page in pages if page.pk in shown]
    available = {}
    for key, code in ProgrammePage.objects.public().filter(
        translation_key__in={p.translation_key for p in pages}
    ).values_list("translation_key", "locale__language_code"):
        available.setdefault(key, set()).add(code)
    for page in pages:
        yield build_doc(page, available.get(page.translation_key, {page.locale.language_code}))
