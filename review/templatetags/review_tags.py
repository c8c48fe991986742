"""Template helpers: event times in Stuttgart's time, recommendations on a programme page."""

from django import template
from django.utils.formats import date_format, time_format
from django.utils.timezone import localtime

from review.models import Recommendation, ReviewPage, public_events

register = template.Library()


@register.simple_tag
def event_when(event):
    """"7. Mai 2021, 17:00–19:30" ("May 7, 2021, 5 p.m.–7:30 p.m.") in the active language's
    date and time formats, in Europe/Berlin time."""
    start, end = localtime(event.start), localtime(event.end)
    day, hour = date_format, time_format
    if start.date() == end.date():
        return f"{day(start)}, {hour(start)}–{hour(end)}"
    return f"{day(start)} {hour(start)} – {day(end)} {hour(end)}"


@register.inclusion_tag("review/includes/programme_recommendations.html")
def programme_recommendations(page):
    """The review's recommendations that concern this programme, in any of its languages."""

    concerning = Recommendation.objects.filter(
        programmes__translation_key=page.translation_key, page__in=public_events(),
    ).select_related("page").distinct()
    # Each language version of an event carries its own copy: show the page's language, else German.
    recommendations = list(concerning.filter(page__locale=page.locale)) or list(
        concerning.filter(page__locale__language_code="de"))
    return {"recommendations": recommendations, "sample": any(r.sample for r in recommendations)}


@register.inclusion_tag("review/includes/review_teaser.html")
def review_teaser(home):
    """A pointer from the home page to the review, when there is one in this language."""

    return {"review": ReviewPage.objects.child_of(home).live().first()}
