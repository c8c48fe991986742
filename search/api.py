"""The search API (/api/v1/search/ and autocomplete), exactly as ../shared/contracts/search-api.md.

The operations are declared on a django-ninja router so that the OpenAPI schema is
generated from this code (kb/api.py); the handlers read the query string themselves,
so validation and errors follow the contract ({"error", "field"}, 400) to the letter.
"""

import logging

from django.http import JsonResponse
from django.utils import translation
from ninja import Query, Router

from kb.api_errors import error

from . import schemas
from .forms import BadRequest, clean_text, parse_lang, parse_search_params
from .service import SearchUnavailable, get_search_service

logger = logging.getLogger(__name__)


def unavailable(exc):
    """503 with Retry-After: the engine (and its fallback) cannot answer now."""
    logger.error("search unavailable: %s", exc)
    response = error(503, "Search is temporarily unavailable, please try again in a minute.")
    response["Retry-After"] = "60"
    return response


def results_json(results):
    query = results.query
    return {
        "query": query.text,
        "lang": query.lang,
        "engine": results.engine,
        "total": results.total,
        "page": query.page,
        "page_size": query.page_size,
        "results": [
            {
                "slug": hit.slug, "title": hit.title, "url": hit.url, "summary": hit.summary,
                "highlight": hit.highlight, "themes": hit.themes, "status": hit.status,
                "start_year": hit.start_year, "end_year": hit.end_year, "score": round(hit.score, 4),
            }
            for hit in results.hits
        ],
        "facets": results.facets,
        "suggestion": results.suggestion,
        "found_via": [
            {"concept": item["concept"], "label": item["label"], "matched": item["matched"]} for item in results.found_via
        ],
    }


def search(request):
    try:
        query = parse_search_params(request.GET)
    except BadRequest as exc:
        return error(400, exc.message, exc.field)
    try:
        with translation.override(query.lang):
            results = get_search_service().search(query)
    except SearchUnavailable as exc:
        return unavailable(exc)
    return JsonResponse(results_json(results), json_dumps_params={"ensure_ascii": False})


def autocomplete(request):
    prefix = clean_text(request.GET.get("q", "")[:100])
    try:
        lang = parse_lang(request.GET)
        suggestions = get_search_service().autocomplete(prefix, lang=lang)
    except BadRequest as exc:
        return error(400, exc.message, exc.field)
    except SearchUnavailable as exc:  # only when the embedded fallback failed too
        return unavailable(exc)
    return JsonResponse({"suggestions": suggestions})


router = Router(tags=["search"])
ERRORS = {400: schemas.Error, 429: schemas.Error, 503: schemas.Error}


@router.get(
    "/search/", response={200: schemas.SearchResults, **ERRORS}, url_name="api-search",
    summary="Search programmes",
    description="Full-text search with facets (counted with the other filters applied), highlights and "
    "a spelling suggestion. Filters repeat as OR and combine across as AND.",
)
def search_operation(
    request,
    q: str = Query("", max_length=500, description="Search text; empty lists everything, newest first"),
    lang: str = Query("de", description="Language searched and returned; German stands in where untranslated"),
    theme: list[str] = Query(None), target_group: list[str] = Query(None), district: list[str] = Query(None),
    status: list[str] = Query(None), language: list[str] = Query(None),
    facet: list[str] = Query(None, description="Service facts: free, no_registration, step_free, childcare, online"),
    page: int = Query(1, ge=1), page_size: int = Query(10, ge=1, le=50),
):
    return search(request)


@router.get(
    "/search/autocomplete/", response={200: schemas.Suggestions, **ERRORS}, url_name="api-autocomplete",
    summary="Programme titles completing what was typed",
)
def autocomplete_operation(request, q: str = "", lang: str = "de"):
    return autocomplete(request)
