from urllib.parse import urlencode

from django import template
from django.utils.translation import gettext as _

from search.service import FILTER_PARAMS

register = template.Library()
PARAM_FOR = {facet: param for param, facet in FILTER_PARAMS.items()}


@register.simple_tag
def facet_title(facet):
    return {
        "themes": _("Theme"), "target_groups": _("Target group"), "districts": _("District"),
        "status": _("Status"), "languages": _("Language offered"),
        "facts": _("Good to know"),
    }.get(facet, facet)


@register.simple_tag
def toggle_link(request, facet, value):
    """The URL that adds `value` to the facet filter, or removes it when already chosen."""
    param = PARAM_FOR[facet]
    pairs = [(k, v) for k, vs in request.GET.lists() for v in vs if k != "page"]
    selected = (param, value) in pairs
    pairs = [p for p in pairs if p != (param, value)] if selected else pairs + [(param, value)]
    return {"url": "?" + urlencode(pairs), "selected": selected}
