"""Open Referral HSDS 3.0 read API (/api/hsds/): services, organizations, taxonomies.

The mapping is in hsds.py. Paging, `modified_after` and errors follow the rest of the
API: bad parameters are 400 {"error", "field"}, unknown ids 404 JSON; per_page 1..50.
Content is German, the source language.
"""

import uuid
from typing import Any

from django.db.models import Q
from django.http import HttpResponse
from django.urls import reverse
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate
from pydantic import field_validator

from kb.api_errors import ApiError
from kb.paging import PagePagination
from programmes.api import modified_since, source_pages, with_last_modified
from programmes.catalogue import with_taxonomy
from programmes.params import ModifiedAfter
from search.params import Params, clean_text

from . import hsds
from .licence import licence
from .paging import HsdsPaging, hsds_pages


class Page(Schema):
    total_items: int
    total_pages: int
    page_number: int
    size: int
    first_page: bool
    last_page: bool
    empty: bool
    contents: list[dict[str, Any]]


class About(Schema):
    version: str
    profile: str
    openapi_url: str
    description: str
    publisher: dict[str, Any]
    license: dict[str, str]


class Error(Schema):
    error: str
    field: str | None = None


def check_uuid(value):
    """An id parameter: a UUID, returned in its canonical text form."""
    if not value:
        return None
    try:
        return str(uuid.UUID(value))
    except ValueError:
        raise ValueError("must be a UUID") from None


class Searching(Params):
    search: str = Field(None, max_length=200)

    def text(self):
        return clean_text(self.search or "")


class ServiceParams(ModifiedAfter, Searching):
    taxonomy_term_id: str = Field(None)
    organization_id: str = Field(None)

    _ids = field_validator("taxonomy_term_id", "organization_id")(check_uuid)


class TermParams(Searching):
    taxonomy_id: str = Field(None)

    _ids = field_validator("taxonomy_id")(check_uuid)


def absolute(request, page):
    return request.build_absolute_uri(page.get_url(request))


def filtered_services(params):
    search, term, organization = params.text(), params.taxonomy_term_id, params.organization_id
    modified_after = params.modified_after
    pages = source_pages()
    if search:
        pages = pages.filter(Q(title__icontains=search) | Q(summary__icontains=search)
                             | Q(organisation__icontains=search))
    if term:
        kind_slug = hsds.all_term_ids().get(term)
        if kind_slug is None:
            return pages.none()
        kind, slug = kind_slug
        pages = with_taxonomy(pages, hsds.TAXONOMIES[kind][1], [slug])
    if organization:
        names = {hsds.organization_id(n): n for n in pages.values_list("organisation", flat=True).distinct()}
        pages = pages.filter(organisation=names.get(organization, None)) if organization in names else pages.none()
    if modified_after:
        pages = modified_since(pages, modified_after)
    return pages


def services(request, params):
    """All matching services, summarised page by page (the paginator slices before showing)."""
    pages = filtered_services(params).order_by("title", "pk")
    return hsds_pages(pages, lambda page: hsds.service_summary(page, absolute(request, page)))


def service(request, service_id, response):
    try:
        key = uuid.UUID(service_id)
    except ValueError:
        raise ApiError("id", f"no service with id {service_id!r}", status=404) from None
    page = (
        source_pages().filter(translation_key=key)
        .prefetch_related("themes", "target_groups", "districts", "contact_links__contact", "outcomes", "venues", "hours")
        .first()
    )
    if page is None:
        raise ApiError("id", f"no service with id {service_id!r}", status=404)
    with_last_modified(response, page.last_published_at)
    return hsds.service_json(page, absolute(request, page))


def organizations(request, params):
    search = params.text().lower()
    names = sorted(set(source_pages().values_list("organisation", flat=True)))
    return hsds_pages([n for n in names if search in n.lower()], hsds.organization_json)


def organization(request, organization_id):
    names = {hsds.organization_id(n): n for n in source_pages().values_list("organisation", flat=True)}
    name = names.get(organization_id)
    if name is None:
        raise ApiError("id", f"no organization with id {organization_id!r}", status=404)
    programmes = source_pages().filter(organisation=name).order_by("title")
    return hsds.organization_json(name, programmes)


def taxonomies(request):
    return hsds_pages([hsds.taxonomy_json(kind) for kind in hsds.TAXONOMIES])


def taxonomy_terms(request, params):
    taxonomy, search = params.taxonomy_id, params.text().lower()
    items = [
        hsds.term_json(kind, item)
        for kind, (model, *_rest) in hsds.TAXONOMIES.items()
        if taxonomy in (None, hsds.taxonomy_id(kind))
        for item in model.objects.all()
    ]
    return hsds_pages([i for i in items if search in i["name"].lower() or search in i["code"]])


def licence_info():
    """The data licence, as the open-data page and the downloads state it (issue 24)."""
    terms = licence()
    return {"name": terms["name"], "url": terms["url"], "attribution": terms["attribution"]}


def about(request):
    return {
        "version": hsds.VERSION,
        "profile": request.build_absolute_uri(reverse("api:hsds-profile")),
        "openapi_url": request.build_absolute_uri(reverse("api:openapi-json")),
        "description": "Programmes of Stuttgart's Bündnis für Integration as HSDS services, "
        "with outcomes (profile).",
        "publisher": {"name": "Integration in Stuttgart – Wissensdatenbank",
                      "website": request.build_absolute_uri("/")},
        "license": licence_info(),
    }


PROFILE = {
    "name": "stuttgart-integration-outcomes",
    "title": "HSDS 3.0 profile: integration programmes with outcomes",
    "description": "HSDS 3.0 services with three extra fields: `outcomes` (measured results of the "
    "programme), `last_modified` (last publication, ISO 8601) and a `link_type` on attributes "
    "naming the taxonomy (theme, target_group, district). Documented in docs/api.md.",
    "extends": "https://docs.openreferral.org/en/v3.0/",
    "service_extension": {
        "type": "object",
        "properties": {
            "last_modified": {"type": "string", "format": "date-time"},
            "outcomes": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["indicator", "value", "unit", "year", "source", "note"],
                    "properties": {
                        "indicator": {"type": "string"},
                        "value": {"type": ["number", "null"]},
                        "unit": {"type": ["string", "null"]},
                        "year": {"type": "integer"},
                        "source": {"type": ["string", "null"]},
                        "note": {"type": ["string", "null"],
                                 "description": "'Beispieldaten' marks illustrative figures"},
                    },
                },
            },
        },
    },
}


def profile(request):
    return PROFILE


router = Router(tags=["hsds"])
ERRORS = {400: Error, 429: Error}


@router.get("/", response={200: About}, url_name="hsds-about", summary="HSDS version and profile")
def about_operation(request):
    return about(request)


@router.get("/profile/", response={200: dict[str, Any]}, url_name="hsds-profile",
            summary="Our HSDS profile: the outcomes extension")
def profile_operation(request):
    return profile(request)


@router.get(
    "/services", response={200: Page, **ERRORS}, url_name="hsds-services",
    summary="Services (programmes), paged, with one-to-one fields",
)
@paginate(PagePagination, paging=HsdsPaging)
def services_operation(request, params: Query[ServiceParams]):
    return services(request, params)


@router.get(
    "/services/{id}", response={200: dict[str, Any], 404: Error, 429: Error}, url_name="hsds-service",
    summary="A fully nested service with contacts, locations, taxonomy terms and outcomes",
)
def service_operation(request, response: HttpResponse, id: str):
    return service(request, id, response)


@router.get("/organizations", response={200: Page, **ERRORS}, url_name="hsds-organizations",
            summary="Organizations running programmes")
@paginate(PagePagination, paging=HsdsPaging)
def organizations_operation(request, params: Query[Searching]):
    return organizations(request, params)


@router.get("/organizations/{id}", response={200: dict[str, Any], 404: Error, 429: Error},
            url_name="hsds-organization", summary="An organization with its programs")
def organization_operation(request, id: str):
    return organization(request, id)


@router.get("/taxonomies", response={200: Page, **ERRORS}, url_name="hsds-taxonomies",
            summary="Themes, target groups and districts as taxonomies")
@paginate(PagePagination, paging=HsdsPaging)
def taxonomies_operation(request):
    return taxonomies(request)


@router.get("/taxonomy_terms", response={200: Page, **ERRORS}, url_name="hsds-taxonomy-terms",
            summary="Taxonomy terms, optionally of one taxonomy")
@paginate(PagePagination, paging=HsdsPaging)
def taxonomy_terms_operation(request, params: Query[TermParams]):
    return taxonomy_terms(request, params)
