from django import template
from django.conf import settings
from django.utils.translation import get_language, pgettext
from wagtail.models import Page

from ..localurls import page_url, programme_url, translated_page

register = template.Library()


@register.simple_tag(takes_context=True)
def page_languages(context, page):
    """(code, name, page) for every live language version of `page` other than the visitor's."""
    current = context.get("LANGUAGE_CODE") or ""
    order = [code for code, _name in settings.LANGUAGES]
    names = dict(settings.LANGUAGES)
    versions = [page, *page.get_translations().live().public().select_related("locale")]
    found = {v.locale.language_code: v for v in versions if v.live}
    return [(code, names.get(code, code), found[code]) for code in order if code in found and code != current]


@register.simple_tag(takes_context=True)
def language_links(context):
    """(code, name, url, is_current) for every configured language: the same page, same query.

    A page's own translation is linked where it exists; otherwise the same path under the
    other language prefix, where the page is served with that language's interface and the
    fallback notice. Query and filters travel along, so switching never loses a search.
    """
    request = context.get("request")
    if request is None:
        return []
    page = context.get("page")
    versions = {}
    if isinstance(page, Page):
        for version in [page, *page.get_translations().live().public().select_related("locale")]:
            versions.setdefault(version.locale.language_code, version)
    codes = [code for code, _name in settings.LANGUAGES]
    prefix, _, rest = request.path.lstrip("/").partition("/")
    rest = rest if prefix in codes else request.path.lstrip("/")
    query = request.GET.urlencode()
    current = (get_language() or codes[0])[:2]
    links = []
    for code, name in settings.LANGUAGES:
        version = versions.get(code)
        url = version.get_url(request) if version is not None else f"/{code}/{rest}"
        links.append((code, name, url + (f"?{query}" if query else ""), code == current))
    return links


@register.simple_tag(takes_context=True)
def localurl(context, page):
    """Like `pageurl`, but under the visitor's language prefix (see programmes.localurls)."""
    return page_url(page, request=context.get("request"))


@register.simple_tag(takes_context=True)
def programme_slug_url(context, slug):
    """A programme's URL from its slug alone (search hits), under the visitor's language prefix."""
    return programme_url(slug, request=context.get("request")) or ""


@register.simple_tag(takes_context=True)
def local_page(context, page):
    """`page` in the visitor's language where it exists (breadcrumb titles of fallback pages)."""
    return translated_page(page, request=context.get("request"))


@register.filter
def listing(items):
    """Items joined with the visitor's list separator ("، " in Arabic, ", " elsewhere)."""
    return pgettext("list separator", ", ").join(str(item) for item in items)


@register.simple_tag
def content_language(page):
    """The language a page (research section, review) is written in, when it is not the page's own.

    A translation whose title is still that of the English or German version was never
    translated (the demo fills such copies with its English text), so it is shown with the
    "not yet available in your language" notice, like an untranslated programme.
    """
    own = page.locale.language_code
    for other in page.get_translations().select_related("locale"):
        code = other.locale.language_code
        if code in ("en", "de") and code != own and other.title == page.title:
            return code
    return ""
