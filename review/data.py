"""Rows of the review's open data, shared by the API and the CSV downloads."""

from django.conf import settings

from .models import Recommendation, public_events, public_programmes
from .survey_results import published_surveys, survey_results


def event_rows(lang, request):
    rows = []
    events = public_events().filter(locale__language_code=lang).order_by("start")
    for event in events.prefetch_related("themes", public_programmes()):
        url = request.build_absolute_uri(event.url)
        rows.append({
            "id": event.pk, "title": event.title, "kind": event.kind,
            "start": event.start, "end": event.end, "timezone": settings.TIME_ZONE,
            "format": event.format, "place": event.place, "online_link": event.online_link,
            "topic": event.topic, "moderation": event.moderation, "guests": event.guest_list,
            "themes": [t.slug for t in event.themes.all()],
            "programmes": [p.slug for p in event.programmes.all()],
            "registration": event.registration, "url": url, "ical_url": url + "ical/",
        })
    return rows


def recommendation_rows(lang):
    recommendations = Recommendation.objects.filter(
        page__in=public_events(), page__locale__language_code=lang,
    ).select_related("page").prefetch_related("themes", public_programmes()).order_by("page__start", "sort_order")
    return [{
        "id": rec.pk, "text": rec.text, "event": rec.page.title, "event_id": rec.page_id,
        "addressed_to": rec.addressed_to, "status": rec.status, "status_reason": rec.status_reason,
        "themes": [t.slug for t in rec.themes.all()], "programmes": [p.slug for p in rec.programmes.all()],
        "sample": rec.sample,
    } for rec in recommendations]


def survey_result_rows(lang, request):
    rows = []
    for survey in published_surveys().filter(locale__language_code=lang):
        results = survey_results(survey, public=True)
        rows.append({
            "survey": survey.title, "url": request.build_absolute_uri(survey.url + "results/"),
            "answers": results.total, "sample_answers": results.sample, "closes_at": survey.closes_at,
            "questions": [{
                "question": q.label, "type": q.kind, "answered": q.answered,
                "counts": [{"choice": label, "count": count} for label, count in q.choices],
            } for q in results.questions],
        })
    return rows
