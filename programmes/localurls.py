"""Links that keep the visitor's language.

A programme page exists in a few languages only, but every programme is served under every
language prefix (ProgrammeIndexPage.route falls back to the best version). So a link to a
programme is built from the catalogue in the visitor's language plus the programme's slug,
never from the German page's own URL, which would send an Arabic visitor to /de/.
"""

from django.utils.translation import get_language
from wagtail.models import Locale, Page

from .models import ProgrammeIndexPage, ProgrammePage


def _cache(request):
    """Per-request memo so a listing of twenty cards costs a handful of queries, not sixty."""
    if request is None:
        return {}
    if not hasattr(request, "_kb_local_urls"):
        request._kb_local_urls = {}
    return request._kb_local_urls


def current_language():
    return (get_language() or "de")[:2]


def _locale(code, memo):
    key = ("locale", code)
    if key not in memo:
        memo[key] = Locale.objects.filter(language_code=code).first()
    return memo[key]


def catalogue_url(language_code=None, request=None):
    """URL of the programme catalogue in `language_code` (the active language by default)."""
    code = language_code or current_language()
    memo = _cache(request)
    key = ("catalogue", code)
    if key not in memo:
        locale = _locale(code, memo)
        catalogue = ProgrammeIndexPage.objects.live().filter(locale=locale).first() if locale else None
        memo[key] = catalogue.get_url(request) if catalogue else None
    return memo[key]


def programme_url(programme, language_code=None, request=None):
    """URL of `programme` (a page or a slug) under the visitor's language prefix.

    The version in that language if one is live, else (same address) the fallback route,
    which serves the best existing version with the interface in that language.
    """
    code = language_code or current_language()
    slug = programme if isinstance(programme, str) else programme.slug
    locale = _locale(code, _cache(request))
    if not isinstance(programme, str) and locale is not None and programme.locale_id == locale.pk:
        return programme.get_url(request)
    # Translations keep the slug, so catalogue + slug reaches the visitor's version where it
    # exists and the fallback route otherwise, at one cached query per page, not one per link.
    base = catalogue_url(code, request)
    if base is None:  # no catalogue in that language: the page's own URL is all there is
        return None if isinstance(programme, str) else programme.get_url(request)
    return f"{base}{slug}/"


def translated_page(page, language_code=None, request=None):
    """`page` in the visitor's language if that version is live, else `page` itself."""
    code = language_code or current_language()
    locale = _locale(code, _cache(request))
    if page is None or locale is None or page.locale_id == locale.pk:
        return page
    translated = page.get_translation_or_none(locale) if locale else None
    return translated.specific if translated is not None and translated.live else page


def page_url(page, language_code=None, request=None):
    """URL of any public page in the visitor's language: its translation if live, else itself."""
    if page is None:
        return ""
    if isinstance(page, ProgrammePage) or (type(page) is Page and issubclass(page.specific_class, ProgrammePage)):
        return programme_url(page, language_code, request) or ""
    return translated_page(page, language_code, request).get_url(request) or ""
