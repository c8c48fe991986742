"""Open Referral HSDS 3.0 read API (/api/hsds/): services, organizations, taxonomies.

The mapping is in hsds.py. Paging, `modified_after` and errors follow the rest of the
API: bad parameters are 400 {"error", "field"}, unknown ids 404 JSON; per_page 1..50.
Content is German, the source language.
"""

import uuid
from typing import Any

from django.db.models import Q
from django.http import JsonResponse
from django.urls import reverse
from ninja import Query, Router, Schema

from kb.api_errors import MAX_PAGE, error
from programmes.api import json_response, parse_modified_after, source_pages
from programmes.catalogue import with_taxonomy
from search.forms import BadRequest, clean_text

from . import hsds
from .licence import licence

MAX_PER_PAGE = 50


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


class Error(Schema):
    error: str
    field: str | None = None


def parse_paging(params):
    values = {}
    for name, default, upper in (("page", 1, MAX_PAGE), ("per_page", 20, MAX_PER_PAGE)):
        raw = params.get(name) or default
        try:
            value = int(raw)
        except (TypeError, ValueError):
            value = 0
        if not 1 <= value <= upper:
            raise BadRequest(name, f"{name} must be between 1 and {upper}")
        values[name] = value
    return values["page"], values["per_page"]


def parse_uuid(params, name):
    value = params.get(name)
    if not value:
        return None
    try:
        return str(uuid.UUID(value))
    except ValueError:
        raise BadRequest(name, f"{name} must be a UUID") from None


def paged(request, items, total, page, per_page):
    return json_response(hsds.page_wrapper(items, total, page, per_page))


def absolute(request, page):
    return request.build_absolute_uri(page.get_url(request))


def filtered_services(params):
    page, per_page = parse_paging(params)
    search = clean_text(params.get("search", "")[:200])
    term = parse_uuid(params, "taxonomy_term_id")
    organization = parse_uuid(params, "organization_id")
    modified_after = parse_modified_after(params)
    pages = source_pages()
    if search:
        pages = pages.filter(Q(title__icontains=search) | Q(summary__icontains=search)
                             | Q(organisation__icontains=search))
    if term:
        kind_slug = hsds.all_term_ids().get(term)
        if kind_slug is None:
            return pages.none(), page, per_page
        kind, slug = kind_slug
        pages = with_taxonomy(pages, hsds.TAXONOMIES[kind][1], [slug])
    if organization:
        names = {hsds.organization_id(n): n for n in pages.values_list("organisation", flat=True).distinct()}
        pages = pages.filter(organisation=names.get(organization, None)) if organization in names else pages.none()
    if modified_after:
        from programmes.api import modified_since

        pages = modified_since(pages, modified_after)
    return pages, page, per_page


def services(request):
    try:
        pages, page, per_page = filtered_services(request.GET)
    except BadRequest as exc:
        return error(400, exc.message, exc.field)
    total = pages.count()
    start = (page - 1) * per_page
    window = pages.order_by("title", "pk")[start:start + per_page]
    items = [hsds.service_summary(p, absolute(request, p)) for p in window]
    return paged(request, items, total, page, per_page)


def service(request, service_id):
    try:
        key = uuid.UUID(service_id)
    except ValueError:
        return error(404, f"no service with id {service_id!r}", "id")
    page = (
        source_pages().filter(translation_key=key)
        .prefetch_related("themes", "target_groups", "districts", "contact_links__contact", "outcomes", "venues", "hours")
        .first()
    )
    if page is None:
        return error(404, f"no service with id {service_id!r}", "id")
    return json_response(hsds.service_json(page, absolute(request, page)), last_modified=page.last_published_at)


def organizations(request):
    try:
        page, per_page = parse_paging(request.GET)
    except BadRequest as exc:
        return error(400, exc.message, exc.field)
    search = clean_text(request.GET.get("search", "")[:200]).lower()
    names = sorted(set(source_pages().values_list("organisation", flat=True)))
    names = [n for n in names if search in n.lower()]
    start = (page - 1) * per_page
    items = [hsds.organization_json(n) for n in names[start:start + per_page]]
    return paged(request, items, len(names), page, per_page)


def organization(request, organization_id):
    names = {hsds.organization_id(n): n for n in source_pages().values_list("organisation", flat=True)}
    name = names.get(organization_id)
    if name is None:
        return error(404, f"no organization with id {organization_id!r}", "id")
    programmes = source_pages().filter(organisation=name).order_by("title")
    return json_response(hsds.organization_json(name, programmes))


def taxonomies(request):
    try:
        page, per_page = parse_paging(request.GET)
    except BadRequest as exc:
        return error(400, exc.message, exc.field)
    items = [hsds.taxonomy_json(kind) for kind in hsds.TAXONOMIES]
    start = (page - 1) * per_page
    return paged(request, items[start:start + per_page], len(items), page, per_page)


def taxonomy_terms(request):
    try:
        page, per_page = parse_paging(request.GET)
        taxonomy = parse_uuid(request.GET, "taxonomy_id")
    except BadRequest as exc:
        return error(400, exc.message, exc.field)
    search = clean_text(request.GET.get("search", "")[:200]).lower()
    items = [
        hsds.term_json(kind, item)
        for kind, (model, *_rest) in hsds.TAXONOMIES.items()
        if taxonomy in (None, hsds.taxonomy_id(kind))
        for item in model.objects.all()
    ]
    items = [i for i in items if search in i["name"].lower() or search in i["code"]]
    start = (page - 1) * per_page
    return paged(request, items[start:start + per_page], len(items), page, per_page)


def licence_info():
    """The data licence, as the open-data page and the downloads state it (issue 24)."""
    terms = licence()
    return {"name": terms["name"], "url": terms["url"], "attribution": terms["attribution"]}


def about(request):
    return JsonResponse({
        "version": hsds.VERSION,
        "profile": request.build_absolute_uri(reverse("api:hsds-profile")),
        "openapi_url": request.build_absolute_uri(reverse("api:openapi-json")),
        "description": "Programmes of Stuttgart's Bündnis für Integration as HSDS services, "
        "with outcomes (profile).",
        "publisher": {"name": "Integration in Stuttgart – Wissensdatenbank",
                      "website": request.build_absolute_uri("/")},
        "license": licence_info(),
    })


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
    return JsonResponse(PROFILE)


router = Router(tags=["hsds"])
ERRORS = {400: Error, 429: Error}
PAGING = {"page": Query(1, ge=1), "per_page": Query(20, ge=1, le=MAX_PER_PAGE)}


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
def services_operation(
    request, search: str = Query(None, max_length=200), page: int = PAGING["page"],
    per_page: int = PAGING["per_page"], taxonomy_term_id: str = Query(None),
    organization_id: str = Query(None), modified_after: str = Query(None),
):
    return services(request)


@router.get(
    "/services/{id}", response={200: dict[str, Any], 404: Error, 429: Error}, url_name="hsds-service",
    summary="A fully nested service with contacts, locations, taxonomy terms and outcomes",
)
def service_operation(request, id: str):
    return service(request, id)


@router.get("/organizations", response={200: Page, **ERRORS}, url_name="hsds-organizations",
            summary="Organizations running programmes")
def organizations_operation(request, search: str = Query(None, max_length=200), page: int = PAGING["page"],
                            per_page: int = PAGING["per_page"]):
    return organizations(request)


@router.get("/organizations/{id}", response={200: dict[str, Any], 404: Error, 429: Error},
            url_name="hsds-organization", summary="An organization with its programs")
def organization_operation(request, id: str):
    return organization(request, id)


@router.get("/taxonomies", response={200: Page, **ERRORS}, url_name="hsds-taxonomies",
            summary="Themes, target groups and districts as taxonomies")
def taxonomies_operation(request, page: int = PAGING["page"], per_page: int = PAGING["per_page"]):
    return taxonomies(request)


@router.get("/taxonomy_terms", response={200: Page, **ERRORS}, url_name="hsds-taxonomy-terms",
            summary="Taxonomy terms, optionally of one taxonomy")
def taxonomy_terms_operation(request, search: str = Query(None, max_length=200), page: int = PAGING["page"],
                             per_page: int = PAGING["per_page"], taxonomy_id: str = Query(None)):
    return taxonomy_terms(request)
