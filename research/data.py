"""The figures behind the timeline, the dashboard and the comparison, read from the catalogue.

Plain functions over querysets, so the pages, the PDFs and the tests share one source;
each does a fixed number of queries however many programmes there are.
"""

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from programmes.fallback import visible_programmes
from programmes.models import Outcome, ProgrammePage, Theme

FIRST_YEAR = 2001  # the council adopted the integration concept in 2001
MAX_COMPARE = 4


def programmes_for(locale, theme=None):
    """Live programmes listed for `locale` (one per programme), optionally of one theme."""
    programmes = visible_programmes(ProgrammePage.objects.public(), locale)
    if theme:
        programmes = programmes.filter(themes__slug=theme)
    return programmes.distinct()


@dataclass
class TimelineYear:
    year: int
    started: list = field(default_factory=list)
    ended: list = field(default_factory=list)
    milestones: list = field(default_factory=list)
    running: int = 0

    @property
    def empty(self):
        return not (self.started or self.ended or self.milestones)


def timeline(programmes, milestones=(), today=None):
    """One entry per year: programmes that started or ended then, milestones, and how many ran."""
    programmes = list(programmes.order_by("start_year", "title"))
    milestones = list(milestones)
    years = {year: TimelineYear(year) for year in year_range_of(programmes, milestones, today)}
    for programme in programmes:
        years[programme.start_year].started.append(programme)
        if programme.end_year:
            years[programme.end_year].ended.append(programme)
    for milestone in milestones:
        years[milestone.year].milestones.append(milestone)
    for entry in years.values():
        entry.running = sum(1 for p in programmes if _runs_in(p, entry.year))
    return list(years.values())


def year_range_of(programmes, milestones=(), today=None):
    today = today or datetime.date.today()
    years = [FIRST_YEAR, today.year] + [m.year for m in milestones]
    for p in programmes:
        years += [p.start_year] + ([p.end_year] if p.end_year else [])
    return range(min(years), max(years) + 1)


def _runs_in(programme, year):
    """Running in `year`: started by then, not ended before, and not merely planned."""
    if programme.status == ProgrammePage.Status.PLANNED:
        return False
    if programme.end_year is None and programme.status == ProgrammePage.Status.COMPLETED:
        return year == programme.start_year  # finished, end year not recorded: only its start is known
    return programme.start_year <= year and (programme.end_year is None or programme.end_year >= year)


def running_per_year(programmes, today=None):
    """[(year, number of programmes running)] from 2001 (or earlier) to this year."""
    programmes = list(programmes.only("start_year", "end_year", "status"))
    today = today or datetime.date.today()
    first = min([FIRST_YEAR] + [p.start_year for p in programmes])
    return [(year, sum(1 for p in programmes if _runs_in(p, year))) for year in range(first, today.year + 1)]


def status_by_theme(programmes):
    """[(theme, {status: count})] for every theme, in the vocabulary's order."""
    counts = defaultdict(Counter)
    rows = ProgrammePage.objects.filter(pk__in=programmes.values("pk")).values_list("pk", "themes__slug", "status")
    for _pk, slug, status in rows:
        if slug:
            counts[slug][status] += 1
    return [(theme, dict(counts[theme.slug])) for theme in Theme.objects.all()]


def newest(programmes, count=5):
    """The programmes first published most recently (ties: the one created last), never by title."""
    return list(programmes.select_related("locale").order_by("-first_published_at", "-pk")[:count])


@dataclass
class Series:
    """One indicator of one programme over the years: the figures a chart and its table show."""

    programme: ProgrammePage
    indicator: str
    unit: str
    points: list  # Outcome objects, oldest first

    @property
    def has_sample(self):
        return any(o.is_sample for o in self.points)

    @property
    def sources(self):
        return sorted({o.source for o in self.points if o.source})


def outcome_series(programmes, min_points=1):
    """Numeric outcomes grouped per programme and indicator (qualitative notes are left out)."""
    pages = {p.pk: p for p in programmes.select_related("locale")}
    grouped = defaultdict(list)
    outcomes = Outcome.objects.filter(programme_id__in=pages, value__isnull=False).order_by(
        "programme_id", "sort_order", "year"
    )
    for outcome in outcomes:
        grouped[(outcome.programme_id, outcome.indicator, outcome.unit)].append(outcome)
    series = [
        Series(pages[pk], indicator, unit, sorted(points, key=lambda o: o.year))
        for (pk, indicator, unit), points in grouped.items()
        if len(points) >= min_points
    ]
    return sorted(series, key=lambda s: (s.programme.title, s.indicator))


class CompareError(ValueError):
    """The selection cannot be compared; the message says why."""


def compare_selection(locale, slugs):
    """The 2–4 programmes named by `slugs`, in the order given, listed for `locale`."""
    slugs = list(dict.fromkeys(s for s in slugs if s))
    if len(slugs) < 2:
        raise CompareError("few")
    if len(slugs) > MAX_COMPARE:
        raise CompareError("many")
    found = {
        p.slug: p for p in ProgrammePage.prefetch_for_listing(
            visible_programmes(ProgrammePage.objects.public(), locale).filter(slug__in=slugs)
        ).prefetch_related("outcomes", "contact_links__contact")
    }
    unknown = [s for s in slugs if s not in found]
    if unknown:
        raise CompareError(unknown)
    return [found[s] for s in slugs]
