"""The programme API (/api/v1/programmes/, /api/v1/taxonomies/): the catalogue for other systems.

The list takes the search contract's filters (the schema of search/params.py, so both APIs
reject the same bad input the same way) plus `modified_after` and a year range; every
item names the translations that exist, so a client can ask for them. Queries per
request are fixed, whatever the page size.
"""

import re

from django.db.models import Q, TextField
from django.db.models.functions import Cast
from django.http import HttpResponse
from django.utils.http import http_date
from django.utils.translation import get_supported_language_variant
from django.utils.translation.trans_real import parse_accept_lang_header
from ninja import Query, Router
from ninja.pagination import paginate
from wagtail.models import Locale

from kb.api_errors import ApiError
from kb.paging import Listing, PagePagination
from opendata.licence import licensed
from search.params import site_languages

from . import api_schemas as schemas
from . import record as programme_record
from .catalogue import with_taxonomy
from .models import District, ProgrammePage, TargetGroup, Theme
from .models.filters import facet_condition, running_from
from .params import LangParams, ProgrammeParams

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
TAXONOMY_FILTERS = ("themes", "target_groups", "districts")


def with_last_modified(response, moment):
    """Last-Modified on ninja's temporal response (the licence Link is added by kb/api.py)."""
    if moment:
        response["Last-Modified"] = http_date(moment.timestamp())
    return response


def request_lang(request, lang=None):
    """`lang` when given (already validated by LangParams), else the best site language in
    Accept-Language, else German."""
    if lang:
        return lang
    for code, _quality in parse_accept_lang_header(request.headers.get("Accept-Language", "")):
        if code == "*":
            continue
        try:
            lang = get_supported_language_variant(code)[:2]
        except LookupError:
            continue
        if lang in site_languages():
            return lang
    return "de"


def source_pages():
    """Live German programmes: one per programme, translations hang off them."""
    return ProgrammePage.objects.public().filter(locale=Locale.get_default())


def modified_since(queryset, moment):
    """Programmes whose German page or any live translation was published at or after `moment`."""
    changed = ProgrammePage.objects.public().filter(last_published_at__gte=moment).values("translation_key")
    return queryset.filter(translation_key__in=changed)


def filter_programmes(params):
    """The list's queryset for validated ProgrammeParams; ApiError for a backwards year range."""
    year_from, year_to, modified_after = params.year_from, params.year_to, params.modified_after
    if year_from and year_to and year_to < year_from:
        raise ApiError("year_to", "year_to is before year_from")
    pages = source_pages()
    for facet, values in params.filters().items():
        if facet in TAXONOMY_FILTERS:
            pages = with_taxonomy(pages, facet, values)
        elif facet == "status":
            pages = pages.filter(status__in=values)
        elif facet == "languages":
            pages = pages.annotate(languages_text=Cast("languages", TextField()))
            either = Q()
            for code in values:
                either |= Q(languages_text__contains=f'"{code}"')
            pages = pages.filter(either)
        elif facet == "facts":  # names checked by the schema (search/params.py Filters)
            for name in values:
                pages = pages.filter(facet_condition(ProgrammePage, name))
    if year_to:
        pages = pages.filter(start_year__lte=year_to)
    if year_from:
        pages = pages.filter(running_from(year_from))
    if modified_after:
        pages = modified_since(pages, modified_after)
    return pages


def live_translations(pages):
    """{translation_key: {language_code: page}} of the live translations of `pages`, in one query."""
    found = {}
    for page in (
        ProgrammePage.objects.public().filter(translation_key__in=[p.translation_key for p in pages])
        .exclude(locale=Locale.get_default()).select_related("locale")
        .only("id", "title", "summary", "url_path", "translation_key", "locale", "last_published_at")
    ):
        found.setdefault(page.translation_key, {})[page.locale.language_code] = page
    return found


def latest(*moments):
    moments = [m for m in moments if m]
    return max(moments) if moments else None


# The record's table facts without the longer texts (the detail has them).
LIST_ITEM = [key for key in programme_record.TABLE if key not in ("description", "partners", "funding", "website")]


def item_json(source, translations, lang, request):
    """One programme of the list, its title and summary in `lang` where translated."""
    shown = translations.get(lang, source) if lang != "de" else source
    facts = programme_record.row(source, LIST_ITEM)
    facts.update(programme_record.row(shown, ["title", "summary"]))
    head = {key: facts.pop(key) for key in ("slug", "title", "summary")}
    return {
        **head,
        "url": shown.get_url(request),
        "lang": "de" if shown is source else lang,
        "translations": sorted(translations),
        **facts,
        "last_modified": latest(source.last_published_at, *(t.last_published_at for t in translations.values())),
    }


def programme_list(request, params, response):
    """The filtered programmes for the paginator; one page is shown with its translations
    (fetched for that page only) and Last-Modified from the newest programme shown."""
    lang = request_lang(request, params.lang)
    pages = filter_programmes(params).order_by("title", "pk").prefetch_related("themes", "target_groups", "districts")

    def answer(window, total, number, size):
        translations = live_translations(window)
        items = [item_json(p, translations.get(p.translation_key, {}), lang, request) for p in window]
        with_last_modified(response, latest(*(item["last_modified"] for item in items)))
        return licensed({"lang": lang, "total": total, "page": number, "page_size": size, "results": items})

    return Listing(pages, answer)


def programme_detail(request, slug, lang, response):
    lang = request_lang(request, lang)
    # Every relation the record reads is prefetched: no query per outcome or link.
    source = source_pages().with_public_related().prefetch_related(
        "themes", "target_groups", "districts", "outcomes", "contact_links__contact",
    ).filter(slug=slug).first() if SLUG.fullmatch(slug) else None
    if source is None:
        raise ApiError("slug", f"no programme with slug {slug!r}", status=404)
    translations = live_translations([source]).get(source.translation_key, {})
    page = translations.get(lang, source)
    record = programme_record.to_record(source, translations=list(translations.values()))
    if page is not source:
        record.update(programme_record.part(page, programme_record.TRANSLATION))
    record["facts"] = programme_record.facts_of(page)  # the notes in the language shown
    record["url"] = page.url
    modified = latest(source.last_published_at, *(t.last_published_at for t in translations.values()))
    with_last_modified(response, modified)
    return licensed(record)


def taxonomy_json(model, lang):
    return [
        {"slug": item.slug, "label": item.label(lang), "labels": item.all_labels()}
        for item in model.objects.all()
    ]


def taxonomies(request, lang):
    lang = request_lang(request, lang)
    return licensed({
        "lang": lang,
        "themes": taxonomy_json(Theme, lang),
        "target_groups": taxonomy_json(TargetGroup, lang),
        "districts": taxonomy_json(District, lang),
        "status": [{"slug": value, "label": str(label)} for value, label in ProgrammePage.Status.choices],
    })


router = Router(tags=["programmes"])
ERRORS = {400: schemas.Error, 429: schemas.Error}


@router.get(
    "/programmes/", response={200: schemas.ProgrammeList, **ERRORS}, url_name="api-programmes",
    summary="Programmes, filtered and paged",
    description="Filters repeat as OR and combine across as AND (as in the search API); "
    "`modified_after` and `year_from`/`year_to` narrow further. Ordered by title.",
)
@paginate(PagePagination)
def programme_list_operation(request, response: HttpResponse, params: Query[ProgrammeParams]):
    return programme_list(request, params, response)


@router.get(
    "/programmes/{slug}/", response={200: schemas.Programme, 404: schemas.Error, **ERRORS},
    url_name="api-programme", summary="One programme, as in the exchange format, with its URL",
)
def programme_operation(request, response: HttpResponse, slug: str, params: Query[LangParams]):
    return programme_detail(request, slug, params.lang, response)


@router.get(
    "/taxonomies/", response={200: schemas.Taxonomies, **ERRORS}, url_name="api-taxonomies",
    summary="Themes, target groups, districts and statuses with their labels",
)
def taxonomies_operation(request, params: Query[LangParams]):
    return taxonomies(request, params.lang)
