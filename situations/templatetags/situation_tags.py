from django import template
from django.utils.translation import get_language

from situations.models import situations_for

register = template.Library()


@register.inclusion_tag("situations/life_situations.html")
def life_situations(catalogue_url):
    """The home page's life situations, each linking to the catalogue with its filters."""
    situations = situations_for((get_language() or "de")[:2])
    return {
        "situations": [(s, f"{catalogue_url}?{s.querystring()}") for s in situations],
    }
