"""Filters of the public catalogue, read from the query string (works without JavaScript).

In the models package and free of page imports (the page model comes with the queryset or
as an argument) so that pages.py can import it at module top without an import cycle.
"""

import re
from urllib.parse import urlencode

from django.db.models import Exists, OuterRef, Q
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from ..record import FACETS
from .taxonomies import District, TargetGroup, Theme


def _int_or_none(value):
    try:
        year = int(value)
    except (TypeError, ValueError):
        return None
    return year if 1990 <= year <= 2100 else None


def running_from(year):
    """Programmes running in or after `year`: still running, or ended then or later. A finished
    programme whose end year was never recorded (imported, docs/exchange-extensions.md) is only
    known to run in its start year. Shared by the catalogue and the programme API."""
    unknown_end = Q(end_year__isnull=True) & (~Q(status="completed") | Q(start_year__gte=year))
    return unknown_end | Q(end_year__gte=year)


SLUG = re.compile(r"[a-z0-9-]{1,60}")


def _slugs(params, name):
    """Only well-formed slugs reach the database (others cannot match anything anyway)."""
    return [value for value in params.getlist(name) if SLUG.fullmatch(value)]


def with_evaluation(model):
    """Programmes with an evaluation: a report listed under lessons, or an attached evaluation."""
    attachment = model._meta.get_field("attachments").related_model
    evaluated = attachment.objects.filter(kind=attachment.Kind.EVALUATION)
    # A subquery, not a join, so a programme with two evaluations is listed once (no DISTINCT).
    return ~Q(evaluation_reports=[]) | Q(pk__in=evaluated.values("programme_id"))


def with_taxonomy(queryset, name, slugs):
    """Programmes tagged with any of `slugs` in taxonomy `name` (themes, target_groups, districts).

    A correlated EXISTS on the link table, not a join and not `pk IN (…)`: a join repeats a
    programme per matching value and needs a DISTINCT over every column, and SQLite plans
    `pk IN (subquery)` beside the public rule's own subquery so badly that counting one theme
    at 10,000 programmes took 9 s (EXISTS: 0.16 s; bench/run.py "API list, filtered").
    """
    field = queryset.model._meta.get_field(name)
    links = field.remote_field.through.objects.filter(**{
        field.m2m_field_name(): OuterRef("pk"), f"{field.m2m_reverse_field_name()}__slug__in": slugs,
    })
    return queryset.filter(Exists(links))


FACET_LABELS = {
    "free": _("free of charge"),
    "no_registration": _("no registration"),
    "step_free": _("step-free"),
    "childcare": _("childcare provided"),
    "online": _("online"),
}


def facet_condition(model, name):
    """Programmes known to have facet `name` (record.FACETS); an unknown fact never matches."""
    if name == "online":
        venue = model._meta.get_field("venues").related_model
        return Q(pk__in=venue.objects.filter(kind="online").values("programme_id"))
    return {
        "free": Q(cost="free"), "no_registration": Q(registration="none"),
        "step_free": Q(step_free=True), "childcare": Q(childcare=True),
    }[name]


def fact_labels(lang):
    """{facet: label} in `lang`, for the search engines' facet lists."""
    with translation.override(lang):
        return {name: str(label) for name, label in FACET_LABELS.items()}


class CatalogueFilter:
    """The catalogue's filters. `default_statuses` apply when the visitor chose no status:
    the public catalogue shows running programmes first, the rest one tap away."""

    def __init__(self, params, model, default_statuses=()):
        self.model = model  # the programme page model
        self.themes = _slugs(params, "theme")
        self.target_groups = _slugs(params, "target_group")
        self.districts = _slugs(params, "district")
        chosen = [s for s in params.getlist("status") if s in model.Status.values]
        self.statuses = chosen or list(default_statuses)
        self.status_by_default = not chosen and bool(default_statuses)
        self.year_from = _int_or_none(params.get("from"))
        self.year_to = _int_or_none(params.get("to"))
        self.has_evaluation = params.get("evaluation") == "1"
        self.facets = [name for name in FACETS if name in params.getlist("facet")]

    def apply(self, queryset):
        for name, slugs in (("themes", self.themes), ("target_groups", self.target_groups),
                            ("districts", self.districts)):
            if slugs:
                queryset = with_taxonomy(queryset, name, slugs)
        if self.statuses:
            queryset = queryset.filter(status__in=self.statuses)
        if self.year_to:
            queryset = queryset.filter(start_year__lte=self.year_to)
        if self.year_from:
            queryset = queryset.filter(running_from(self.year_from))
        if self.has_evaluation:
            queryset = queryset.filter(with_evaluation(queryset.model))
        for name in self.facets:
            queryset = queryset.filter(facet_condition(queryset.model, name))
        return queryset

    @property
    def active(self):
        return bool(
            self.themes or self.target_groups or self.districts
            or (self.statuses and not self.status_by_default)
            or self.year_from or self.year_to or self.has_evaluation or self.facets
        )

    def options(self):
        """Every filter group with its choices and whether each is selected."""
        def choices(model, selected):
            return [(item.slug, item.label(), item.slug in selected) for item in model.objects.all()]

        return [
            ("theme", "themes", choices(Theme, self.themes)),
            ("target_group", "target_groups", choices(TargetGroup, self.target_groups)),
            ("district", "districts", choices(District, self.districts)),
            ("status", "status", [
                (value, label, value in self.statuses) for value, label in self.model.Status.choices
            ]),
            ("facet", "facts", [(name, FACET_LABELS[name], name in self.facets) for name in FACETS]),
        ]

    def querystring(self):
        pairs = [("theme", v) for v in self.themes] + [("target_group", v) for v in self.target_groups]
        pairs += [("district", v) for v in self.districts]
        if not self.status_by_default:
            pairs += [("status", v) for v in self.statuses]
        if self.year_from:
            pairs.append(("from", self.year_from))
        if self.year_to:
            pairs.append(("to", self.year_to))
        if self.has_evaluation:
            pairs.append(("evaluation", 1))
        pairs += [("facet", name) for name in self.facets]
        return urlencode(pairs)

    def every_status_querystring(self):
        """This query with every status chosen: "also show planned and finished programmes"."""
        every = urlencode([("status", value) for value in self.model.Status.values])
        return "&".join(filter(None, [self.querystring(), every]))
