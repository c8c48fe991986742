from django import template
from django.conf import settings

register = template.Library()


@register.simple_tag(takes_context=True)
def page_languages(context, page):
    """(code, name, page) for every live language version of `page` other than the visitor's."""
    current = context.get("LANGUAGE_CODE") or ""
    order = [code for code, _name in settings.LANGUAGES]
    names = dict(settings.LANGUAGES)
    versions = [page, *page.get_translations().live().select_related("locale")]
    found = {v.locale.language_code: v for v in versions if v.live}
    return [(code, names.get(code, code), found[code]) for code in order if code in found and code != current]
