"""Active filters as removable chips, for the catalogue and the search page alike.

Read from the query string, so it works whichever view parsed the filters; a value that
names nothing (a stale or hand-made link) gets no chip.
"""

import re
from urllib.parse import urlencode

from django import template
from django.conf import settings
from django.utils.translation import gettext as _

from programmes.models import District, ProgrammePage, TargetGroup, Theme
from programmes.models.filters import FACET_LABELS

register = template.Library()
SLUG = re.compile(r"[a-z0-9-]{1,60}")  # as the catalogue's filter accepts (models/filters.py)
TAXONOMIES = {"theme": Theme, "target_group": TargetGroup, "district": District}
KEPT = {"q"}  # never removed by "clear all"


def _labels(params):
    """{(param, value): label} for every filter value in `params` that names something."""
    labels = {}
    for param, model in TAXONOMIES.items():
        # Only what could be a slug reaches the database (a NUL byte was a 500 on PostgreSQL).
        values = [value for value in params.getlist(param) if SLUG.fullmatch(value)]
        if values:
            for item in model.objects.filter(slug__in=values):
                labels[(param, item.slug)] = item.label()
    statuses = dict(ProgrammePage.Status.choices)
    for value in params.getlist("status"):
        if value in statuses:
            labels[("status", value)] = str(statuses[value])
    names = dict(settings.LANGUAGES)
    for value in params.getlist("language"):
        if value in names:
            labels[("language", value)] = _("offered in %(language)s") % {"language": names[value]}
    if params.get("from", "").isdigit():
        labels[("from", params["from"])] = _("from %(year)s") % {"year": params["from"]}
    if params.get("to", "").isdigit():
        labels[("to", params["to"])] = _("until %(year)s") % {"year": params["to"]}
    if params.get("evaluation") == "1":
        labels[("evaluation", "1")] = _("has evaluation")
    for value in params.getlist("facet"):
        if value in FACET_LABELS:
            labels[("facet", value)] = str(FACET_LABELS[value])
    return labels


@register.inclusion_tag("includes/active_filters.html", takes_context=True)
def active_filters(context):
    request = context["request"]
    pairs = [(k, v) for k, vs in request.GET.lists() for v in vs if k != "page"]
    labels = _labels(request.GET)
    chips = [
        (label, "?" + urlencode([p for p in pairs if p != pair]))
        for pair, label in labels.items()
    ]
    kept = [p for p in pairs if p[0] in KEPT]
    return {"chips": chips, "clear_url": "?" + urlencode(kept) if kept else request.path}


@register.simple_tag(takes_context=True)
def active_filter_count(context):
    return len(_labels(context["request"].GET))
