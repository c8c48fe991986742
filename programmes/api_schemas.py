"""Response shapes of the programme API (programmes/api.py), for the generated OpenAPI schema.

The detail is the exchange record (../shared/contracts/programme-exchange.md) with its URL;
list items are a summary that names the translations which exist.
"""

from datetime import datetime
from typing import Literal

from ninja import Schema
from pydantic import field_serializer

from search.schemas import Error, Licence  # noqa: F401  (one error and one licence shape for the whole API)


class Outcome(Schema):
    indicator: str
    value: float | None
    unit: str | None
    year: int
    source: str | None
    note: str | None


class Contact(Schema):
    name: str | None
    role: str | None
    organisation: str
    email: str | None
    phone: str | None
    street: str | None
    postcode: str | None
    city: str | None
    opening_hours: str | None
    website: str | None
    languages: list[str]


class Venue(Schema):
    kind: Literal["place", "online", "home"]
    name: str | None
    street: str | None
    postcode: str | None
    city: str | None
    latitude: float | None
    longitude: float | None
    transit_stop: str | None


class Hours(Schema):
    weekday: Literal["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
    opens: str
    closes: str
    note: str | None


class ServiceFacts(Schema):
    """What to know before going (issue 22); null where not known. Notes in the language asked for."""

    cost: Literal["free", "fee", "varies"] | None
    cost_amount: float | None
    cost_note: str | None
    registration: Literal["none", "required"] | None
    registration_note: str | None
    step_free: bool | None
    hearing_loop: bool | None
    childcare: bool | None
    documents_to_bring: list[str]
    venues: list[Venue]
    hours: list[Hours]


class Translation(Schema):
    title: str
    summary: str
    description: str | None
    keywords: list[str]


class ProgrammeSummary(Schema):
    """What both the list and the detail say about a programme, written once."""

    slug: str
    title: str
    summary: str
    themes: list[str]
    target_groups: list[str]
    districts: list[str]
    languages: list[str]
    status: Literal["planned", "active", "completed"]
    start_year: int
    end_year: int | None
    organisation: str


class Programme(ProgrammeSummary):
    """A programme as in the exchange format, with its URL."""

    description: str | None
    partners: list[str]
    funding: str | None
    website: str | None
    keywords: list[str]
    outcomes: list[Outcome]
    contacts: list[Contact]
    related: list[str]
    translations: dict[str, Translation]
    facts: ServiceFacts
    url: str
    license: Licence


class ProgrammeItem(ProgrammeSummary):
    """One programme of the list: the summary, in which language it is shown and which exist."""

    url: str
    lang: str
    translations: list[str]
    last_modified: datetime | None

    @field_serializer("last_modified")
    def _iso(self, value):
        """Full ISO 8601 with its offset, as before the schema was enforced (not Django's shortened form)."""
        return value.isoformat() if value else None


class ProgrammeList(Schema):
    lang: str
    total: int
    page: int
    page_size: int
    results: list[ProgrammeItem]
    license: Licence


class Term(Schema):
    slug: str
    label: str
    labels: dict[str, str]


class StatusTerm(Schema):
    slug: str
    label: str


class Taxonomies(Schema):
    lang: str
    themes: list[Term]
    target_groups: list[Term]
    districts: list[Term]
    status: list[StatusTerm]
    license: Licence
