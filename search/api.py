"""The search API (/api/v1/search/ and autocomplete), exactly as ../shared/contracts/search-api.md.

The operations are declared on a django-ninja router: the parameters are validated by the
schemas in search/params.py (shared with the search page), paging by the API's paginator
(kb/paging.py), which hands page and size to the engine; responses are checked by
search/schemas.py, and kb/api.py maps every error to the contract's {"error", "field"} shape.
"""

import logging
from dataclasses import replace

from django.http import HttpResponse
from django.utils import translation
from ninja import Query, Router, Status
from ninja.pagination import paginate

from kb.paging import Paged, PagePagination
from opendata.licence import licensed

from . import schemas
from .params import AutocompleteParams, SearchPaging, SearchParams, clean_text
from .service import SearchUnavailable, get_search_service
from .versions import best_versions

logger = logging.getLogger(__name__)


def unavailable(exc, response):
    """503 with Retry-After: the engine (and its fallback) cannot answer now (checked by `Error`)."""
    logger.error("search unavailable: %s", exc)
    response["Retry-After"] = "60"
    return Status(503, {"error": "Search is temporarily unavailable, please try again in a minute.", "field": None})


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
                "lang": hit.lang,
            }
            for hit in results.hits
        ],
        "facets": results.facets,
        "suggestion": results.suggestion,
        "found_via": [
            {"concept": item["concept"], "label": item["label"], "matched": item["matched"]} for item in results.found_via
        ],
    }


class EngineSearch(Paged):
    """The search as a paged source: the engine pages (and counts) itself, so the paginator's
    page and size go into the query instead of a full result list being sliced."""

    def __init__(self, query, response, request=None):
        self.query = query
        self.response = response
        self.request = request  # memo of the links under the visitor's prefix (programmes/localurls.py)

    def page(self, number, size):
        query = replace(self.query, page=number, page_size=size)
        try:
            with translation.override(query.lang):
                results = best_versions(get_search_service().search(query), self.request, fallback_text=False)
        except SearchUnavailable as exc:
            return unavailable(exc, self.response)
        return licensed(results_json(results))


router = Router(tags=["search"])
ERRORS = {400: schemas.Error, 429: schemas.Error, 503: schemas.Error}


@router.get(
    "/search/", response={200: schemas.SearchResults, **ERRORS}, url_name="api-search",
    summary="Search programmes",
    description="Full-text search with facets (counted with the other filters applied), highlights and "
    "a spelling suggestion. Filters repeat as OR and combine across as AND.",
)
@paginate(PagePagination, paging=SearchPaging)
def search_operation(request, response: HttpResponse, params: Query[SearchParams]):
    return EngineSearch(params.to_query(), response, request)


@router.get(
    "/search/autocomplete/", response={200: schemas.Suggestions, **ERRORS}, url_name="api-autocomplete",
    summary="Programme titles completing what was typed",
)
def autocomplete_operation(request, response: HttpResponse, params: Query[AutocompleteParams]):
    try:
        suggestions = get_search_service().autocomplete(clean_text(params.q[:100]), lang=params.lang or "de")
    except SearchUnavailable as exc:  # only when the embedded fallback failed too
        return unavailable(exc, response)
    return {"suggestions": suggestions}
