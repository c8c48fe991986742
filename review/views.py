"""CSV downloads of the review's open data (UTF-8, comma-separated, lists joined by semicolons)."""

import csv

from django.conf import settings
from django.http import HttpResponse

from kb.api_errors import error
from opendata.licence import with_licence_link

from .data import event_rows, recommendation_rows, survey_result_rows


def csv_response(filename, header, rows):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    with_licence_link(response)  # the open-data licence, as on every download (issue 24)
    writer = csv.writer(response)
    writer.writerow(header)
    for row in rows:
        writer.writerow(["; ".join(v) if isinstance(v, list) else v for v in row])
    return response


def language(request):

    lang = request.GET.get("lang", "de")
    return lang if lang in dict(settings.LANGUAGES) else None


def bad_lang(request):
    return error(400, f"lang: unknown language {request.GET.get('lang')!r}", "lang")


def events_csv(request):
    lang = language(request)
    if lang is None:
        return bad_lang(request)
    header = ["id", "title", "kind", "start", "end", "timezone", "format", "place", "online_link", "topic",
              "moderation", "guests", "themes", "programmes", "registration", "url", "ical_url"]
    rows = [[row[key].isoformat() if key in ("start", "end") else row[key] for key in header]
            for row in event_rows(lang, request)]
    return csv_response(f"review-events-{lang}.csv", header, rows)


def recommendations_csv(request):
    lang = language(request)
    if lang is None:
        return bad_lang(request)
    header = ["id", "text", "event", "event_id", "addressed_to", "status", "status_reason", "themes",
              "programmes", "sample"]
    return csv_response(f"review-recommendations-{lang}.csv", header,
                        [[row[key] for key in header] for row in recommendation_rows(lang)])


def survey_results_csv(request):
    lang = language(request)
    if lang is None:
        return bad_lang(request)
    header = ["survey", "question", "type", "choice", "count", "answers", "sample_answers"]
    rows = [
        [survey["survey"], q["question"], q["type"], c["choice"], c["count"], survey["answers"], survey["sample_answers"]]
        for survey in survey_result_rows(lang, request) for q in survey["questions"] for c in q["counts"]
    ]
    return csv_response(f"review-survey-results-{lang}.csv", header, rows)
