"""The programme API (/api/v1/programmes/, /api/v1/taxonomies/): the catalogue for other systems.

The list takes the search contract's filters (parsed by search.forms, so both APIs
reject the same bad input the same way) plus `modified_after` and a year range; every
item names the translations that exist, so a client can ask for them. Queries per
request are fixed, whatever the page size.
"""

import re
from datetime import datetime, time

from django.db.models import Q, TextField
from django.db.models.functions import Cast
from django.http import JsonResponse
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.http import http_date
from django.utils.translation import get_supported_language_variant
from django.utils.translation.trans_real import parse_accept_lang_header
from ninja import Query, Router
from wagtail.models import Locale

from kb.api_errors import error
from search.forms import BadRequest, parse_lang, parse_search_params, site_languages

from . import api_schemas as schemas
from . import record as programme_record
from .catalogue import with_taxonomy
from .exchange import source_programmes
from .models import District, ProgrammePage, TargetGroup, Theme
from .models.filters import facet_condition

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
TAXONOMY_FILTERS = ("themes", "target_groups", "districts")
EARLIEST = datetime(1900, 1, 1)


def json_response(data, last_modified=None):
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False})
    if last_modified:
        response["Last-Modified"] = http_date(last_modified.timestamp())
    return response


def request_lang(request):
    """`lang` when given (validated), else the best site language in Accept-Language, else German."""
    if request.GET.get("lang"):
        return parse_lang(request.GET)
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


def parse_modified_after(params):
    """An ISO 8601 date or date-time; a bare date means from its start (site time zone)."""
    value = params.get("modified_after")
    if not value:
        return None
    try:
        moment = parse_datetime(value)
        if moment is None and parse_date(value):
            moment = datetime.combine(parse_date(value), time.min)
    except ValueError:
        moment = None
    if moment is None:
        raise BadRequest("modified_after", "modified_after must be an ISO 8601 date or date-time")
    if moment.replace(tzinfo=None) < EARLIEST:
        # Nothing was published before 1900; flooring keeps the UTC conversion in range.
        moment = EARLIEST.replace(tzinfo=moment.tzinfo)
    return timezone.make_aware(moment) if timezone.is_naive(moment) else moment


def parse_year(params, name):
    value = params.get(name)
    if value in (None, ""):
        return None
    try:
        year = int(value)
    except ValueError:
        raise BadRequest(name, f"{name} must be a year between 1990 and 2100") from None
    if not 1990 <= year <= 2100:
        raise BadRequest(name, f"{name} must be a year between 1990 and 2100")
    return year


def source_pages():
    """Live German programmes: one per programme, translations hang off them."""
    return ProgrammePage.objects.live().filter(locale=Locale.get_default())


def modified_since(queryset, moment):
    """Programmes whose German page or any live translation was published at or after `moment`."""
    changed = ProgrammePage.objects.live().filter(last_published_at__gte=moment).values("translation_key")
    return queryset.filter(translation_key__in=changed)


def filter_programmes(params):
    """The list's queryset and parsed query; BadRequest for anything malformed."""
    query = parse_search_params(params, default_page_size=20)
    year_from, year_to = parse_year(params, "year_from"), parse_year(params, "year_to")
    if year_from and year_to and year_to < year_from:
        raise BadRequest("year_to", "year_to is before year_from")
    modified_after = parse_modified_after(params)
    pages = source_pages()
    for facet, values in query.filters.items():
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
        elif facet == "facts":
            for name in values:
                if name not in programme_record.FACETS:
                    raise BadRequest("facet", f"unknown facet {name!r}; available: {', '.join(programme_record.FACETS)}")
                pages = pages.filter(facet_condition(ProgrammePage, name))
    if year_to:
        pages = pages.filter(start_year__lte=year_to)
    if year_from:
        pages = pages.filter(Q(end_year__isnull=True) | Q(end_year__gte=year_from))
    if modified_after:
        pages = modified_since(pages, modified_after)
    return pages, query


def live_translations(pages):
    """{translation_key: {language_code: page}} of the live translations of `pages`, in one query."""
    found = {}
    for page in (
        ProgrammePage.objects.live().filter(translation_key__in=[p.translation_key for p in pages])
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


def programme_list(request):
    try:
        lang = request_lang(request)
        pages, query = filter_programmes(request.GET)
    except BadRequest as exc:
        return error(400, exc.message, exc.field)
    total = pages.count()
    start = (query.page - 1) * query.page_size
    window = list(
        pages.order_by("title", "pk").prefetch_related("themes", "target_groups", "districts")
        [start:start + query.page_size]
    )
    translations = live_translations(window)
    items = [item_json(p, translations.get(p.translation_key, {}), lang, request) for p in window]
    newest = latest(*(item["last_modified"] for item in items))
    for item in items:
        item["last_modified"] = item["last_modified"].isoformat() if item["last_modified"] else None
    body = {"lang": lang, "total": total, "page": query.page, "page_size": query.page_size, "results": items}
    return json_response(body, last_modified=newest)


def programme_detail(request, slug):
    try:
        lang = request_lang(request)
    except BadRequest as exc:
        return error(400, exc.message, exc.field)
    # source_programmes() prefetches every relation the record reads: no query per outcome or link.
    source = source_programmes().live().filter(slug=slug).first() if SLUG.fullmatch(slug) else None
    if source is None:
        return error(404, f"no programme with slug {slug!r}", "slug")
    translations = live_translations([source]).get(source.translation_key, {})
    page = translations.get(lang, source)
    record = programme_record.to_record(source, translations=list(translations.values()))
    if page is not source:
        record.update(programme_record.part(page, programme_record.TRANSLATION))
    record["facts"] = programme_record.facts_of(page)  # the notes in the language shown
    record["url"] = page.url
    modified = latest(source.last_published_at, *(t.last_published_at for t in translations.values()))
    return json_response(record, last_modified=modified)


def taxonomy_json(model, lang):
    return [
        {"slug": item.slug, "label": item.label(lang), "labels": item.all_labels()}
        for item in model.objects.all()
    ]


def taxonomies(request):
    try:
        lang = request_lang(request)
    except BadRequest as exc:
        return error(400, exc.message, exc.field)
    return json_response({
        "lang": lang,
        "themes": taxonomy_json(Theme, lang),
        "target_groups": taxonomy_json(TargetGroup, lang),
        "districts": taxonomy_json(District, lang),
        "status": [{"slug": value, "label": str(label)} for value, label in ProgrammePage.Status.choices],
    })



router = Router(tags=["programmes"])
ERRORS = {400: schemas.Error, 429: schemas.Error}
LANG = Query(None, description="Language of titles and labels (else Accept-Language, else de)")


@router.get(
    "/programmes/", response={200: schemas.ProgrammeList, **ERRORS}, url_name="api-programmes",
    summary="Programmes, filtered and paged",
    description="Filters repeat as OR and combine across as AND (as in the search API); "
    "`modified_after` and `year_from`/`year_to` narrow further. Ordered by title.",
)
def programme_list_operation(
    request,
    lang: str = LANG,
    theme: list[str] = Query(None), target_group: list[str] = Query(None), district: list[str] = Query(None),
    status: list[str] = Query(None), language: list[str] = Query(None),
    facet: list[str] = Query(None, description="Service facts: free, no_registration, step_free, childcare, online"),
    modified_after: str = Query(None, description="ISO 8601 date or date-time"),
    year_from: int = Query(None, ge=1990, le=2100, description="Running in or after this year"),
    year_to: int = Query(None, ge=1990, le=2100, description="Started in or before this year"),
    page: int = Query(1, ge=1), page_size: int = Query(20, ge=1, le=50),
):
    return programme_list(request)


@router.get(
    "/programmes/{slug}/", response={200: schemas.Programme, 404: schemas.Error, **ERRORS},
    url_name="api-programme", summary="One programme, as in the exchange format, with its URL",
)
def programme_operation(request, slug: str, lang: str = LANG):
    return programme_detail(request, slug)


@router.get(
    "/taxonomies/", response={200: schemas.Taxonomies, **ERRORS}, url_name="api-taxonomies",
    summary="Themes, target groups, districts and statuses with their labels",
)
def taxonomies_operation(request, lang: str = LANG):
    return taxonomies(request)
