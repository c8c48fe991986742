"""The search API (/api/v1/search/) and programme detail, exactly as ../shared/contracts/search-api.md."""

import logging

from django.http import JsonResponse
from django.utils import translation
from django.views.decorators.http import require_GET
from wagtail.models import Locale

from programmes.exchange import programme_record
from programmes.models import ProgrammePage

from .forms import BadRequest, parse_search_params, site_languages
from .service import SearchUnavailable, get_search_service

logger = logging.getLogger(__name__)


def error(status, message, field=None):
    return JsonResponse({"error": message, "field": field}, status=status)


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
    }


@require_GET
def search(request):
    try:
        query = parse_search_params(request.GET)
    except BadRequest as exc:
        return error(400, exc.message, exc.field)
    try:
        with translation.override(query.lang):
            results = get_search_service().search(query)
    except SearchUnavailable as exc:
        logger.error("search unavailable: %s", exc)
        response = error(503, "Search is temporarily unavailable, please try again in a minute.")
        response["Retry-After"] = "60"
        return response
    return JsonResponse(results_json(results), json_dumps_params={"ensure_ascii": False})


@require_GET
def autocomplete(request):
    prefix = request.GET.get("q", "")[:100]
    lang = request.GET.get("lang", "de")
    if lang not in site_languages():
        return error(400, f"unknown lang {lang!r}", "lang")
    try:
        suggestions = get_search_service().autocomplete(prefix, lang=lang)
    except SearchUnavailable as exc:  # only when the embedded fallback failed too
        logger.error("autocomplete unavailable: %s", exc)
        response = error(503, "Search is temporarily unavailable, please try again in a minute.")
        response["Retry-After"] = "60"
        return response
    return JsonResponse({"suggestions": suggestions})


@require_GET
def programme_detail(request, slug):
    lang = request.GET.get("lang") or "de"
    if lang not in site_languages():
        return error(400, f"unknown lang {lang!r}; available: {', '.join(site_languages())}", "lang")
    source = ProgrammePage.objects.live().filter(slug=slug, locale=Locale.get_default()).first()
    if source is None:
        return error(404, f"no programme with slug {slug!r}", "slug")
    page = source.get_translation_or_none(Locale.objects.filter(language_code=lang).first()) if lang != "de" else None
    page = page if page is not None and page.live else source
    record = programme_record(source)
    if page is not source:
        record.update(title=page.title, summary=page.summary, keywords=list(page.keywords))
        from programmes.richtext import html_to_text

        record["description"] = html_to_text(page.description) or None
    record["url"] = page.url
    return JsonResponse(record, json_dumps_params={"ensure_ascii": False})


