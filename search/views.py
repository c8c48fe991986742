"""The public search page: the same service as the API, rendered for people."""

from urllib.parse import urlencode

from django.conf import settings
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from wagtail.models import Locale

from kb.api_errors import ApiError
from programmes.models import ProgrammePage, Theme
from programmes.translated_facts import localise

from .params import PagedSearchParams
from .service import SearchUnavailable, get_search_service
from .versions import best_versions


def search_page(request):
    lang = (get_language() or "de")[:2]
    params = request.GET.copy()
    params["lang"] = lang
    try:
        query = PagedSearchParams.read(params).to_query()
    except ApiError as exc:
        return render(request, "search/search.html", {"error": exc.message, "search_query": request.GET.get("q", "")[:500]}, status=400)
    try:
        results = best_versions(get_search_service().search(query), request)
    except SearchUnavailable:
        message = _("Search is temporarily unavailable. Please try again in a minute.")
        return render(request, "search/search.html", {"error": message, "search_query": query.text}, status=503)
    pages = Paginator(range(results.total), query.page_size)
    help_context = _zero_result_help(lang) if not results.total else {}
    return render(request, "search/search.html", {
        "search_query": query.text,
        "results": results,
        "page_obj": pages.get_page(query.page) if results.total else None,
        "querystring": urlencode([(k, v) for k, vs in request.GET.lists() for v in vs if k != "page"]),
        **help_context,
    })


def _zero_result_help(lang):
    """Where to go when nothing matched: every theme, and the Welcome Center's contact."""
    slug = getattr(settings, "SEARCH_HELP_PROGRAMME", "welcome-center-stuttgart")
    helper = ProgrammePage.objects.public().filter(slug=slug)
    helper = helper.filter(locale__language_code=lang).first() or helper.filter(locale=Locale.get_default()).first()
    contact = next(iter(helper.contacts), None) if helper else None
    if contact:  # its opening hours in the visitor's language where translated
        localise(helper, lang, items={"outcomes": [], "contacts": [contact], "hours": []})
    return {"help_themes": Theme.objects.all(), "help_programme": helper, "help_contact": contact}
