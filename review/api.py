"""The review's open data in the API: events, recommendations, published survey results.

Mounted in kb/api.py under /api/v1/review/ (one router of our own, in the OpenAPI schema).
Free-text answers are never part of it; survey results only once staff publish them.
"""

import datetime

from django.conf import settings
from ninja import Query, Router, Schema
from ninja.errors import HttpError

from .data import event_rows, recommendation_rows, survey_result_rows

router = Router(tags=["review"])
LANGS = [code for code, _name in settings.LANGUAGES]


class LangQuery(Schema):
    lang: str = "de"


class EventOut(Schema):
    id: int
    title: str
    kind: str
    start: datetime.datetime
    end: datetime.datetime
    timezone: str
    format: str
    place: str
    online_link: str
    topic: str
    moderation: str
    guests: list[str]
    themes: list[str]
    programmes: list[str]
    registration: str
    url: str
    ical_url: str


class RecommendationOut(Schema):
    id: int
    text: str
    event: str
    event_id: int
    addressed_to: str
    status: str
    status_reason: str
    themes: list[str]
    programmes: list[str]
    sample: bool


class ChoiceCount(Schema):
    choice: str
    count: int


class QuestionOut(Schema):
    question: str
    type: str
    answered: int
    counts: list[ChoiceCount]


class SurveyResultsOut(Schema):
    survey: str
    url: str
    answers: int
    sample_answers: int
    closes_at: datetime.datetime
    questions: list[QuestionOut]


def checked(lang):
    if lang not in LANGS:
        raise HttpError(400, f"lang: unknown language {lang!r}; one of {', '.join(LANGS)}")
    return lang


@router.get("/events", response=list[EventOut], summary="Hearing and topic sessions of the review")
def events(request, filters: LangQuery = Query(...)):
    """Times are ISO 8601 with offset; `timezone` names the zone they are meant in (Europe/Berlin)."""
    return event_rows(checked(filters.lang), request)


@router.get("/recommendations", response=list[RecommendationOut], summary="Recommendations and their status")
def recommendations(request, filters: LangQuery = Query(...)):
    """Programmes and themes by slug; `sample` marks texts invented for the demo."""
    return recommendation_rows(checked(filters.lang))


@router.get("/survey-results", response=list[SurveyResultsOut], summary="Published survey results")
def survey_results(request, filters: LangQuery = Query(...)):
    """Counts per choice and scale question, pooled over all languages; never free text."""
    return survey_result_rows(checked(filters.lang), request)
