"""Query parameters of the programme API (and the HSDS API's `modified_after`), as django-ninja schemas."""

from datetime import datetime, time

from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from ninja import Field
from pydantic import field_validator

from search.params import Filters, Params, check_lang

EARLIEST = datetime(1900, 1, 1)
FIRST_YEAR, LAST_YEAR = 1990, 2100


def parse_moment(value):
    """An ISO 8601 date or date-time, aware; a bare date means from its start (site time zone)."""
    try:
        moment = parse_datetime(value)
        if moment is None and parse_date(value):
            moment = datetime.combine(parse_date(value), time.min)
    except ValueError:
        moment = None
    if moment is None:
        raise ValueError("modified_after must be an ISO 8601 date or date-time")
    if moment.replace(tzinfo=None) < EARLIEST:
        # Nothing was published before 1900; flooring keeps the UTC conversion in range.
        moment = EARLIEST.replace(tzinfo=moment.tzinfo)
    return timezone.make_aware(moment) if timezone.is_naive(moment) else moment


class LangParams(Params):
    lang: str = Field(None, description="Language of titles and labels (else Accept-Language, else de)")

    _lang = field_validator("lang")(check_lang)


class ModifiedAfter(Params):
    """`modified_after` arrives as text and is validated into an aware datetime."""

    modified_after: str = Field(None, description="ISO 8601 date or date-time")

    @field_validator("modified_after")
    @classmethod
    def _moment(cls, value):
        return parse_moment(value) if value else None


class ProgrammeParams(ModifiedAfter, Filters, LangParams):
    year_from: int = Field(None, ge=FIRST_YEAR, le=LAST_YEAR, description="Running in or after this year")
    year_to: int = Field(None, ge=FIRST_YEAR, le=LAST_YEAR, description="Started in or before this year")
    # page and page_size: the API's paginator (kb/paging.py Paging)
