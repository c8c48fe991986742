"""Reading a search request (API or page) into a SearchQuery, with errors that name the field."""

from django.conf import settings

from kb.api_errors import MAX_PAGE

from .service import FILTER_PARAMS, SearchQuery

MAX_QUERY_LENGTH = 500
MAX_PAGE_SIZE = 50


class BadRequest(ValueError):
    def __init__(self, field, message):
        self.field = field
        self.message = message
        super().__init__(message)


def clean_text(text):
    """Drop control characters; everything else is searched as text."""
    return "".join(ch if ch.isprintable() else " " for ch in text).strip()


def site_languages():
    return [code for code, _name in settings.LANGUAGES]


def parse_lang(params, default="de"):
    """The requested site language; BadRequest naming the choices for an unknown one."""
    lang = params.get("lang") or default
    if lang not in site_languages():
        raise BadRequest("lang", f"unknown lang {lang!r}; available: {', '.join(site_languages())}")
    return lang


def parse_search_params(params, default_lang="de", default_page_size=10):
    q = params.get("q", "")
    if len(q) > MAX_QUERY_LENGTH:
        raise BadRequest("q", f"q is longer than {MAX_QUERY_LENGTH} characters")
    lang = parse_lang(params, default_lang)
    try:
        page = int(params.get("page") or 1)
    except ValueError:
        raise BadRequest("page", f"page must be an integer between 1 and {MAX_PAGE}") from None
    if not 1 <= page <= MAX_PAGE:
        raise BadRequest("page", f"page must be an integer between 1 and {MAX_PAGE}")
    try:
        page_size = int(params.get("page_size") or default_page_size)
    except ValueError:
        raise BadRequest("page_size", "page_size must be an integer between 1 and 50") from None
    if not 1 <= page_size <= MAX_PAGE_SIZE:
        raise BadRequest("page_size", "page_size must be an integer between 1 and 50")
    filters = {}
    for param, facet in FILTER_PARAMS.items():
        values = [clean_text(v) for v in params.getlist(param)]
        values = [v for v in values if v]
        if values:
            filters[facet] = list(dict.fromkeys(values))
    return SearchQuery(text=clean_text(q), lang=lang, filters=filters, page=page, page_size=page_size)
