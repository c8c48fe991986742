"""iCalendar (RFC 5545) feeds of the review's events, written with the `icalendar` library.

Times are given in Europe/Berlin with a TZID and the matching VTIMEZONE (so calendars
that do not know the zone still place the sessions right, summer time included).
"""

import zoneinfo

from django.conf import settings
from django.http import HttpResponse
from django.utils import timezone
from django.utils.html import strip_tags
from icalendar import Calendar, Event

BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")


def event_component(page, request):
    event = Event()
    event.add("uid", f"review-event-{page.translation_key}-{page.locale.language_code}@{request.get_host()}")
    event.add("dtstamp", timezone.now())
    event.add("dtstart", page.start.astimezone(BERLIN))
    event.add("dtend", page.end.astimezone(BERLIN))
    event.add("summary", page.title)
    description = [page.topic]
    if page.moderation:
        description.append(f"Moderation: {page.moderation}")
    if page.guest_list:
        description.append(", ".join(page.guest_list))
    if page.registration:
        description.append(strip_tags(page.registration))
    event.add("description", "\n\n".join(description))
    if page.place:
        event.add("location", page.place)
    elif page.online_link:
        event.add("location", page.online_link)
    event.add("url", request.build_absolute_uri(page.url))
    if page.last_published_at:
        event.add("last-modified", page.last_published_at)
    return event


def calendar(events, request, name):
    cal = Calendar()
    cal.add("prodid", "-//Landeshauptstadt Stuttgart//Bündnis für Integration//DE")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", settings.TIME_ZONE)
    for page in events:
        cal.add_component(event_component(page, request))
    cal.add_missing_timezones()
    return cal


def calendar_response(events, request, filename, name):
    response = HttpResponse(calendar(events, request, name).to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response
