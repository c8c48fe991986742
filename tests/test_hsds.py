"""The Open Referral HSDS 3.0 API (/api/hsds/), checked against JSON schemas.

The schemas in tests/data/hsds/ are our own, written from the HSDS 3.0 reference documentation
(see its README). Set HSDS_SCHEMA_DIR to a directory of the official schema files to validate
against those instead (files of the same name replace ours; page.json stays ours).
"""

import copy
import json
import os
import uuid
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from opendata import hsds
from programmes.exchange import import_data
from programmes.models import ProgrammePage
from tests.factories import exchange, record

pytestmark = pytest.mark.django_db
SCHEMAS = Path(__file__).parent / "data" / "hsds"
# The official schemas: HSDS_SCHEMA_DIR, else ../shared/hsds-3.0 beside the checkout (as on CI).
SHARED = Path(__file__).resolve().parents[2] / "shared" / "hsds-3.0"
OFFICIAL = os.environ.get("HSDS_SCHEMA_DIR") or (str(SHARED) if SHARED.is_dir() else None)
BASE = "https://hsds.test/"


def schema_resources(directory):
    """(uri, resource) for each schema file: under BASE + file name, and under its own $id if it has one."""
    for path in sorted(Path(directory).glob("*.json")):
        contents = json.loads(path.read_text())
        resource = Resource.from_contents(contents, default_specification=DRAFT202012)
        yield BASE + path.name, resource
        if isinstance(contents, dict) and contents.get("$id"):
            yield contents["$id"], resource


OURS = Registry().with_resources(schema_resources(SCHEMAS))
REGISTRY = OURS.with_resources(schema_resources(OFFICIAL)) if OFFICIAL else OURS

# jsonschema only checks "uri" and "date-time" when optional packages are installed; check them here.
FORMATS = FormatChecker()


@FORMATS.checks("date-time", raises=ValueError)
def is_date_time(value):
    """RFC 3339: a full date, a time and a UTC offset (or Z)."""
    return not isinstance(value, str) or ("T" in value.upper() and datetime.fromisoformat(value).tzinfo is not None)


@FORMATS.checks("uri")
def is_uri(value):
    """An absolute URI: a scheme and no whitespace."""
    return not isinstance(value, str) or (bool(urlsplit(value).scheme) and not any(c.isspace() for c in value))


def schema_errors(entity, data):
    validator = Draft202012Validator({"$ref": BASE + f"{entity}.json"}, registry=REGISTRY, format_checker=FORMATS)
    return list(validator.iter_errors(data))


def assert_valid(entity, data):
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in schema_errors(entity, data)]
    assert not errors, errors[:5]


def assert_page(body, entity):
    assert_valid("page", body)
    for item in body["contents"]:
        assert_valid(entity, item)


@pytest.fixture
def catalogue(site_tree):
    import_data(exchange(
        record(slug="sprachcafe", title="Sprachcafé", themes=["language"], target_groups=["newcomers"],
               languages=["de", "ar"]),
        record(slug="gesundheitslotsen", title="Gesundheitslotsen", summary="Lotsen erklären das Gesundheitssystem.",
               themes=["health"], organisation="Gesundheitsamt Stuttgart", status="completed", end_year=2020,
               contacts=[{"name": "Frau Beispiel", "role": None, "organisation": "Gesundheitsamt Stuttgart",
                          "email": None, "phone": None, "street": None, "postcode": None, "city": None,
                          "opening_hours": "nach Vereinbarung", "website": None, "languages": []}]),
        record(slug="elterncafe", title="Elterncafé", themes=["education", "language"], target_groups=["parents"]),
    ))


def get(client, url, expect=200, **params):
    response = client.get(url, params)
    assert response.status_code == expect, response.content
    return response.json()


def service_id(slug):
    return str(ProgrammePage.objects.get(slug=slug, locale__language_code="de").translation_key)


def test_root_names_version_and_profile(client, catalogue):
    body = get(client, "/api/hsds/")
    assert body["version"] == "3.0"
    assert body["profile"].endswith("/api/hsds/profile/") and body["openapi_url"].endswith("/api/schema/")
    profile = get(client, "/api/hsds/profile/")
    assert "outcomes" in profile["service_extension"]["properties"]


def test_services_page_is_valid_hsds(client, catalogue):
    body = get(client, "/api/hsds/services")
    assert_page(body, "service")
    assert body["total_items"] == 3 and body["page_number"] == 1 and body["first_page"] and body["last_page"]
    assert [s["name"] for s in body["contents"]] == ["Elterncafé", "Gesundheitslotsen", "Sprachcafé"]
    assert {s["status"] for s in body["contents"]} == {"active", "defunct"}


def test_full_service_is_valid_and_carries_contacts_locations_and_outcomes(client, catalogue):
    body = get(client, f"/api/hsds/services/{service_id('sprachcafe')}")
    assert_valid("service", body)
    assert body["program"]["name"] == "Sprachcafé" and body["program_id"] == body["program"]["id"]
    assert body["organization"]["name"] == "Forum der Kulturen Stuttgart e.V."
    assert {lang["code"] for lang in body["languages"]} == {"de", "ar"}
    contact = body["contacts"][0]
    assert contact["title"] == "Koordination" and contact["phones"][0]["number"] == "0711 555-0101"
    address = body["service_at_locations"][0]["location"]["addresses"][0]
    assert (address["address_1"], address["postal_code"], address["country"]) == ("Marktplatz 1", "70173", "DE")
    assert body["service_at_locations"][0]["location"]["schedules"][0]["description"] == "Di 17–19 Uhr"
    assert {a["taxonomy_term"]["code"] for a in body["attributes"]} == {"language", "newcomers", "mitte"}
    assert body["outcomes"] == [{"indicator": "Teilnehmende pro Jahr", "value": 320, "unit": "Personen",
                                 "year": 2023, "source": "Jahresbericht 2023", "note": "Beispieldaten"}]
    other = get(client, f"/api/hsds/services/{service_id('gesundheitslotsen')}")
    assert_valid("service", other)
    assert other["service_at_locations"] == [] and other["schedules"][0]["description"] == "nach Vereinbarung"


def test_ids_are_stable_uuids(client, catalogue):
    first = get(client, f"/api/hsds/services/{service_id('sprachcafe')}")
    import_data(exchange(record(slug="sprachcafe", title="Sprachcafé", summary="Neu.", themes=["language"],
                                target_groups=["newcomers"], languages=["de", "ar"])))
    again = get(client, f"/api/hsds/services/{service_id('sprachcafe')}")
    assert again["description"].startswith("Neu.")
    assert again["contacts"][0]["id"] == first["contacts"][0]["id"] and again["program"]["id"] == first["program"]["id"]
    uuid.UUID(first["id"])


def test_service_filters(client, catalogue):
    language = hsds.term_id("theme", "language")
    assert {s["name"] for s in get(client, "/api/hsds/services", taxonomy_term_id=language)["contents"]} == {
        "Sprachcafé", "Elterncafé"}
    parents = hsds.term_id("target_group", "parents")
    both = get(client, "/api/hsds/services", taxonomy_term_id=language, search="eltern")
    assert [s["name"] for s in both["contents"]] == ["Elterncafé"]
    assert get(client, "/api/hsds/services", taxonomy_term_id=parents, organization_id=hsds.organization_id(
        "Gesundheitsamt Stuttgart"))["empty"]
    by_org = get(client, "/api/hsds/services", organization_id=hsds.organization_id("Gesundheitsamt Stuttgart"))
    assert [s["name"] for s in by_org["contents"]] == ["Gesundheitslotsen"]
    assert get(client, "/api/hsds/services", taxonomy_term_id=str(uuid.uuid4()))["total_items"] == 0
    assert get(client, "/api/hsds/services", modified_after="2999-01-01")["empty"]
    assert get(client, "/api/hsds/services", modified_after="2000-01-01")["total_items"] == 3


def test_paging(client, catalogue):
    first = get(client, "/api/hsds/services", per_page=2)
    last = get(client, "/api/hsds/services", per_page=2, page=2)
    beyond = get(client, "/api/hsds/services", per_page=2, page=5)
    assert (first["size"], first["total_pages"], first["first_page"], first["last_page"]) == (2, 2, True, False)
    assert (last["size"], last["first_page"], last["last_page"]) == (1, False, True)
    assert beyond["empty"] and beyond["contents"] == [] and beyond["total_items"] == 3
    assert_page(beyond, "service")


@pytest.mark.parametrize("params, field", [
    ({"per_page": 51}, "per_page"), ({"per_page": 0}, "per_page"), ({"page": "x"}, "page"),
    ({"taxonomy_term_id": "language"}, "taxonomy_term_id"), ({"organization_id": "forum"}, "organization_id"),
    ({"modified_after": "letzte Woche"}, "modified_after"),
])
def test_bad_parameters(client, catalogue, params, field):
    assert get(client, "/api/hsds/services", expect=400, **params)["field"] == field


def test_unknown_ids_are_404_json(client, catalogue):
    assert get(client, f"/api/hsds/services/{uuid.uuid4()}", expect=404)["field"] == "id"
    assert get(client, "/api/hsds/services/not-a-uuid", expect=404)["field"] == "id"
    assert get(client, f"/api/hsds/organizations/{uuid.uuid4()}", expect=404)["field"] == "id"


def test_organizations_and_taxonomies(client, catalogue):
    orgs = get(client, "/api/hsds/organizations")
    assert_page(orgs, "organization")
    assert [o["name"] for o in orgs["contents"]] == ["Forum der Kulturen Stuttgart e.V.", "Gesundheitsamt Stuttgart"]
    org = get(client, f"/api/hsds/organizations/{orgs['contents'][1]['id']}")
    assert_valid("organization", org)
    assert [p["name"] for p in org["programs"]] == ["Gesundheitslotsen"]
    taxonomies = get(client, "/api/hsds/taxonomies")
    assert_page(taxonomies, "taxonomy")
    assert taxonomies["total_items"] == 3
    terms = get(client, "/api/hsds/taxonomy_terms", per_page=50)
    assert_page(terms, "taxonomy_term")
    themes = get(client, "/api/hsds/taxonomy_terms", taxonomy_id=hsds.taxonomy_id("theme"), per_page=50)
    assert themes["total_items"] < terms["total_items"]
    assert {t["taxonomy_id"] for t in themes["contents"]} == {hsds.taxonomy_id("theme")}
    assert "language" in {t["code"] for t in themes["contents"]}


def _set(path, value):
    def mutate(doc):
        *parents, last = path
        for key in parents:
            doc = doc[key]
        doc[last] = value
    return mutate


def _drop(path):
    def mutate(doc):
        *parents, last = path
        for key in parents:
            doc = doc[key]
        del doc[last]
    return mutate


LOCATION = ("service_at_locations", 0, "location")
# (mutation of a real /services/{id} response, instance path of the expected error, failing keyword)
BROKEN_SERVICES = [
    (_set(("status",), "running"), ("status",), "enum"),
    (_drop(("status",)), (), "required"),
    (_drop(("name",)), (), "required"),
    (_set(("id",), "sprachcafe"), ("id",), "format"),
    (_set(("name",), 42), ("name",), "type"),
    (_set(("languages",), "de"), ("languages",), "type"),
    (_set(("email",), "kein-e-mail"), ("email",), "format"),
    (_set(("url",), "programme/sprachcafe"), ("url",), "format"),
    (_set(("last_modified",), "gestern"), ("last_modified",), "format"),
    (_drop(("organization", "description")), ("organization",), "required"),
    (_set(("program", "id"), 7), ("program", "id"), "type"),
    (_set(("contacts", 0, "id"), "kontakt-1"), ("contacts", 0, "id"), "format"),
    (_drop(("contacts", 0, "phones", 0, "number")), ("contacts", 0, "phones", 0), "required"),
    (_set(("contacts", 0, "phones", 0, "languages", 0, "phone_id"), "x"),
     ("contacts", 0, "phones", 0, "languages", 0, "phone_id"), "format"),
    (_set(("service_at_locations", 0, "service_id"), str(uuid.uuid4())[:-1]),
     ("service_at_locations", 0, "service_id"), "format"),
    (_set((*LOCATION, "location_type"), "building"), (*LOCATION, "location_type"), "enum"),
    (_drop((*LOCATION, "location_type")), LOCATION, "required"),
    (_set((*LOCATION, "addresses", 0, "address_type"), "home"), (*LOCATION, "addresses", 0, "address_type"), "enum"),
    (_drop((*LOCATION, "addresses", 0, "city")), (*LOCATION, "addresses", 0), "required"),
    (_set((*LOCATION, "schedules", 0, "freq"), "DAILY"), (*LOCATION, "schedules", 0, "freq"), "enum"),
    (_set((*LOCATION, "schedules", 0, "id"), None), (*LOCATION, "schedules", 0, "id"), "type"),
    (_set(("attributes", 0, "taxonomy_term", "taxonomy_id"), "theme"),
     ("attributes", 0, "taxonomy_term", "taxonomy_id"), "format"),
    (_drop(("attributes", 0, "taxonomy_term", "name")), ("attributes", 0, "taxonomy_term"), "required"),
]
BROKEN_PAGES = [
    (_drop(("empty",)), (), "required"),
    (_drop(("contents",)), (), "required"),
    (_set(("total_items",), "3"), ("total_items",), "type"),
    (_set(("first_page",), "ja"), ("first_page",), "type"),
    (_set(("contents",), {}), ("contents",), "type"),
]


def undetected(entity, document, mutations):
    """The mutations whose expected error the schema does not report."""
    missed = []
    for mutate, path, keyword in mutations:
        broken = copy.deepcopy(document)
        mutate(broken)
        found = {(tuple(e.absolute_path), e.validator) for e in schema_errors(entity, broken)}
        if (path, keyword) not in found:
            missed.append((path, keyword, sorted(found)))
    return missed


def test_schemas_reject_broken_documents(client, catalogue):
    """Validation cannot pass vacuously: wrong types, missing required fields, bad UUIDs, formats and enum
    values in a real response are each reported where they are."""
    body = get(client, f"/api/hsds/services/{service_id('sprachcafe')}")
    assert_valid("service", body)
    assert not undetected("service", body, BROKEN_SERVICES)
    page = get(client, "/api/hsds/services")
    assert_valid("page", page)
    assert not undetected("page", page, BROKEN_PAGES)
    assert not undetected("taxonomy_term", get(client, "/api/hsds/taxonomy_terms")["contents"][0], [
        (_set(("taxonomy_id",), "theme"), ("taxonomy_id",), "format"), (_drop(("description",)), (), "required")])


def test_schemas_allow_extension_properties(client, catalogue):
    """HSDS lets publishers add properties; our profile's fields must stay valid wherever they appear."""
    body = get(client, f"/api/hsds/services/{service_id('sprachcafe')}")
    assert body["outcomes"] and body["last_modified"]
    body["contacts"][0]["x_note"] = {"any": ["thing"]}
    body["service_at_locations"][0]["location"]["x_floor"] = 2
    assert_valid("service", body)


@pytest.mark.parametrize("path", sorted(SCHEMAS.glob("*.json")), ids=lambda p: p.name)
def test_our_schema_files_are_valid_and_resolve(path):
    contents = json.loads(path.read_text())
    Draft202012Validator.check_schema(contents)
    resolver = OURS.resolver(base_uri=BASE + path.name)
    refs, stack = [], [contents]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            refs += [node["$ref"]] if "$ref" in node else []
            stack += node.values()
        elif isinstance(node, list):
            stack += node
    for ref in refs:
        resolver.lookup(ref)


def test_services_list_queries_do_not_grow_with_page_size(client, site_tree, no_page_cache):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    import_data(exchange(*[record(slug=f"programm-{n}", title=f"Programm {n}") for n in range(12)]))

    def queries(per_page):
        with CaptureQueriesContext(connection) as captured:
            assert get(client, "/api/hsds/services", per_page=per_page)["size"] == per_page
        return len(captured)

    assert queries(2) == queries(12)


def test_repeated_conditional_get_is_304(client, catalogue):
    url = f"/api/hsds/services/{service_id('sprachcafe')}"
    first = client.get(url)
    assert first["Last-Modified"] and client.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304


def test_every_open_data_answer_carries_the_licence_link(client, catalogue, settings, no_page_cache):
    """One place (kb/api.py) adds the Link header: the HSDS lists lacked it before."""
    settings.OPENDATA_LICENCE = "cc-by-4.0"
    url = "https://creativecommons.org/licenses/by/4.0/"
    organization = get(client, "/api/hsds/organizations")["contents"][0]["id"]
    for path in ("/api/hsds/", "/api/hsds/profile/", "/api/hsds/services", f"/api/hsds/services/{service_id('sprachcafe')}",
                 "/api/hsds/organizations", f"/api/hsds/organizations/{organization}", "/api/hsds/taxonomies",
                 "/api/hsds/taxonomy_terms", "/api/v1/programmes/", "/api/v1/programmes/sprachcafe/",
                 "/api/v1/taxonomies/", "/api/v1/search/?q=Sprach", "/api/v1/search/autocomplete/?q=Spra"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert response["Link"] == f'<{url}>; rel="license"; title="cc-by-4.0"', path
    assert get(client, "/api/hsds/")["license"]["url"] == url  # About's schema keeps the licence
    detail = client.get(f"/api/hsds/services/{service_id('sprachcafe')}")
    assert detail["Last-Modified"] and detail["Content-Type"] == "application/json; charset=utf-8"
    missing = client.get(f"/api/hsds/services/{uuid.uuid4()}")
    assert missing.status_code == 404 and "Link" not in missing
