"""Search hits in the best version for the visitor, as the catalogue lists them.

The engines search a programme in the visitor's language where it exists, else its German
text (the index holds no chain of fallbacks, and matching German text is what finds a German
programme). What a hit then shows follows the catalogue's rule (programmes/fallback.py,
KB_FALLBACK_ORDER): an Arabic visitor sees the English title and summary of a programme that
has an English version but no Arabic one, not the German. Every hit links under the
visitor's language prefix (programmes/localurls.py).
"""

from dataclasses import replace

from wagtail.models import Locale

from programmes.fallback import visible_programmes
from programmes.localurls import programme_url
from programmes.models import ProgrammePage

from .analysis import stem
from .highlight import WORD, highlight


def best_versions(results, request=None, fallback_text=True):
    """`results` with each hit standing in German replaced by its best version (title, summary,
    highlight, language) and every hit's URL under the visitor's prefix (a copy: engines may
    keep their answers). `fallback_text=False` keeps the German text: the search API's contract
    (../shared/contracts/search-api.md) returns a programme without the requested translation
    in German; its hit then says so in `lang`."""
    lang = results.query.lang
    locale = Locale.objects.filter(language_code=lang).first()
    if locale is None:
        return results
    stand_ins = {hit.slug for hit in results.hits if hit.lang != lang}
    better = {}
    if fallback_text and stand_ins and locale != Locale.get_default():
        shown = visible_programmes(ProgrammePage.objects.public(), locale).filter(slug__in=stand_ins)
        better = {page.slug: page for page in shown.select_related("locale")}
    hits = []
    for hit in results.hits:
        changes = {"url": programme_url(hit.slug, lang, request) or hit.url}
        page = better.get(hit.slug)
        if page is not None and page.locale.language_code != hit.lang:
            shown_lang = page.locale.language_code
            terms = {stem(word.lower(), shown_lang) for word in WORD.findall(results.query.text)}
            changes.update(lang=shown_lang, title=page.title, summary=page.summary,
                           highlight=highlight([page.summary], shown_lang, terms, None))
        hits.append(replace(hit, **changes))
    return replace(results, hits=hits)
