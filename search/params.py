"""The search parameters, defined once: the API validates them through django-ninja, the
search page and the programme API read the same schema, so all reject bad input alike."""

from django.conf import settings
from ninja import Field, Schema
from pydantic import ValidationError, field_validator

from kb.api_errors import MAX_PAGE_SIZE, ApiError, validation_error
from kb.paging import PAGE_SIZE_HELP, Paging
from programmes.record import FACETS as FACT_FACETS

from .service import FILTER_PARAMS, SearchQuery

MAX_QUERY_LENGTH = 500


def clean_text(text):
    """Drop control characters; everything else is searched as text."""
    return "".join(ch if ch.isprintable() else " " for ch in text).strip()


def site_languages():
    return [code for code, _name in settings.LANGUAGES]


def check_lang(value):
    """A site language, or None for an empty `lang=` (the default applies); the error names the choices."""
    if not value:
        return None
    if value not in site_languages():
        raise ValueError(f"unknown lang {value!r}; available: {', '.join(site_languages())}")
    return value


class Params(Schema):
    """Query-string parameters; `read` validates a QueryDict outside django-ninja (the HTML page)."""

    @classmethod
    def read(cls, querydict, **defaults):
        """The validated parameters; ApiError naming the first bad field. Empty values count as absent."""
        data = dict(defaults)
        for name, field in cls.model_fields.items():
            if getattr(field.annotation, "__origin__", None) is list:
                values = [v for v in querydict.getlist(name) if v != ""]
                if values:
                    data[name] = values
            elif querydict.get(name, "") != "":
                data[name] = querydict.get(name)
        try:
            return cls(**data)
        except ValidationError as exc:
            raise ApiError(*validation_error(exc.errors())) from None


class Filters(Params):
    """The contract's filters: each repeats as OR, different ones combine as AND."""

    theme: list[str] = Field(None)
    target_group: list[str] = Field(None)
    district: list[str] = Field(None)
    status: list[str] = Field(None)
    language: list[str] = Field(None)
    facet: list[str] = Field(None, description="Service facts: " + ", ".join(FACT_FACETS))

    @field_validator("facet")
    @classmethod
    def known_facets(cls, values):
        for value in values or ():
            if value not in FACT_FACETS:
                raise ValueError(f"unknown facet {value!r}; available: {', '.join(FACT_FACETS)}")
        return values

    def filters(self):
        found = {}
        for param, facet in FILTER_PARAMS.items():
            values = [clean_text(v) for v in getattr(self, param, None) or ()]
            values = [v for v in values if v]
            if values:
                found[facet] = list(dict.fromkeys(values))
        return found


class SearchText(Params):
    q: str = Field("", max_length=MAX_QUERY_LENGTH, description="Search text; empty lists everything, newest first")
    lang: str = Field("de", description="Language searched and returned; German stands in where untranslated")

    _lang = field_validator("lang")(check_lang)


class SearchParams(Filters, SearchText):
    """The search API's parameters but paging (the API's paginator reads that: SearchPaging)."""

    def to_query(self, page=1, page_size=10):
        return SearchQuery(text=clean_text(self.q), lang=self.lang or "de", filters=self.filters(), page=page,
                           page_size=page_size)


class SearchPaging(Paging):
    """The contract's paging: 10 results a page unless asked otherwise."""

    page_size: int = Field(10, ge=1, le=MAX_PAGE_SIZE, description=PAGE_SIZE_HELP)


class PagedSearchParams(SearchPaging, SearchParams):
    """The search page's parameters: the API's, with the same paging schema, in the contract's
    order (text, filters, paging), so the page rejects bad input as the API does."""

    def to_query(self):
        return super().to_query(self.page, self.page_size)


class AutocompleteParams(Params):
    q: str = ""
    lang: str = "de"

    _lang = field_validator("lang")(check_lang)
