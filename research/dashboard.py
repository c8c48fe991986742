"""The outcomes dashboard's charts: programmes running per year, status per theme, indicators per programme."""

from django.utils.translation import gettext as _

from programmes.models import ProgrammePage, Theme

from .charts import bar_chart, hbar_chart
from .data import outcome_series, programmes_for, running_per_year, status_by_theme


def running_chart(programmes, title):
    points = [(year, count, "", False) for year, count in running_per_year(programmes)]
    return bar_chart(title, points, unit=_("programmes"))


def series_chart(series):
    points = [(o.year, o.value, o.source, o.is_sample) for o in series.points]
    title = f"{series.indicator} ({series.unit})" if series.unit else series.indicator
    chart = bar_chart(title, points, unit=series.unit)
    years_by_source = {}
    for o in series.points:
        years_by_source.setdefault(o.source or _("no source given"), []).append(str(o.year))
    sources = "; ".join(f"{source} ({', '.join(years)})" for source, years in years_by_source.items())
    chart.source_note = _("Source: %(sources)s") % {"sources": sources}
    chart.lang = "de"
    return chart


def by_theme(series_list):
    """[(theme, [(series, chart)])]: each programme's indicators under its first theme, in vocabulary order."""
    pks = {s.programme.pk for s in series_list}
    first_theme = {}
    links = ProgrammePage.themes.through.objects.filter(programmepage_id__in=pks).select_related("theme")
    for link in sorted(links, key=lambda link: (link.theme.sort_order, link.theme.slug)):
        first_theme.setdefault(link.programmepage_id, link.theme)
    groups = {}
    for series in series_list:
        theme = first_theme.get(series.programme.pk)
        groups.setdefault(theme, []).append((series, series_chart(series)))
    order = {t.pk: n for n, t in enumerate(Theme.objects.all())}
    return sorted(groups.items(), key=lambda item: order.get(item[0].pk, len(order)) if item[0] else len(order))


def dashboard(locale, theme=""):
    """Context for the dashboard page: indicators over time by theme first, then the catalogue counts."""
    programmes = programmes_for(locale, theme or None)
    source = _("Source: programme catalogue of this knowledge base (start and end years).")
    running = running_chart(programmes, _("Programmes running per year"))
    statuses = [
        (theme_obj, counts.get(ProgrammePage.Status.ACTIVE, 0), counts.get(ProgrammePage.Status.COMPLETED, 0),
         counts.get(ProgrammePage.Status.PLANNED, 0))
        for theme_obj, counts in status_by_theme(programmes_for(locale))
    ]
    themes_chart = hbar_chart(
        _("Programmes per theme"),
        [(t.label(), a + c + p, "", False) for t, a, c, p in statuses],
        unit=_("programmes"),
    )
    # Without a theme, only indicators with figures for several years (the page stays light on a phone).
    series_list = outcome_series(programmes, min_points=1 if theme else 2)
    return {
        "programme_count": programmes.count(),
        "running_chart": running,
        "themes_chart": themes_chart,
        "status_rows": statuses,
        "catalogue_source": source,
        "indicator_groups": by_theme(series_list),
        "series_count": len(series_list),
        "programmes_with_series": len({s.programme.pk for s in series_list}),
        "all_series": bool(theme),
    }
