"""What a visitor sees when a programme is not translated into their language.

The page in the visitor's language if it exists, else in the configured fallback
languages (KB_FALLBACK_ORDER per language, else KB_FALLBACK_LANGUAGE, English by default),
else in German, the source. Listings
follow the same rule, so a catalogue in Arabic lists every programme, not only the
translated ones.
"""

from django.conf import settings
from django.db.models import Q
from wagtail.models import Locale


def fallback_chain(locale):
    """Locales to try for a visitor of `locale`, best first."""
    default = Locale.get_default()
    code = locale.language_code
    preferred = settings.KB_FALLBACK_ORDER.get(code) or [settings.KB_FALLBACK_LANGUAGE]
    codes = [code, *preferred, default.language_code]
    chain = []
    for code in dict.fromkeys(codes):
        found = locale if code == locale.language_code else Locale.objects.filter(language_code=code).first()
        if found:
            chain.append(found)
    return chain


def visible_programmes(live, locale):
    """Of the `live` programme pages, those to list for `locale`: one per programme, best language first.

    The queryset is passed in (ProgrammePage.objects.live()) so that the page models can use
    this module without an import cycle.
    """
    condition, earlier = Q(), []
    for candidate in fallback_chain(locale):
        clause = Q(locale=candidate)
        for other in earlier:
            clause &= ~Q(translation_key__in=live.filter(locale=other).values("translation_key"))
        condition |= clause
        earlier.append(candidate)
    return live.filter(condition)


def fallback_page(live, locale, slug):
    """Of the `live` programme pages, `slug` in the best available language for a visitor of `locale`."""
    for candidate in fallback_chain(locale)[1:]:
        page = live.filter(locale=candidate, slug=slug).first()
        if page:
            return page
    return None
