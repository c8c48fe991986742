"""The OpenAPI schema is generated from the code, documents the contract, and real responses match it."""

import re

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from jsonschema import Draft202012Validator
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from tests.factories import create

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue(site_tree):
    create(translations={"en": {"title": "Language café", "summary": "Practise German."}})
    create(slug="gesund", title="Gesundheitslotsen", summary="Lotsen erklären das Gesundheitssystem.",
           themes=["health"], districts=["ost"], status="completed", end_year=2020)


def spec(client):
    response = client.get("/api/schema/")
    assert response.status_code == 200
    return response.json()


def validate(document, component, data):
    schema = {"$ref": f"#/components/schemas/{component}", "components": document["components"]}
    errors = list(Draft202012Validator(schema).iter_errors(data))
    assert not errors, [e.message for e in errors][:3]


def test_schema_is_openapi_3_1_and_describes_the_contract(client):
    document = spec(client)
    assert document["openapi"].startswith("3.1")
    search = document["paths"]["/api/v1/search/"]["get"]
    params = {p["name"] for p in search["parameters"]}
    assert {"q", "lang", "theme", "target_group", "district", "status", "language", "page", "page_size"} <= params
    assert set(search["responses"]) >= {"200", "400", "503"}
    assert "/api/v1/programmes/{slug}/" in document["paths"]


def test_real_responses_match_the_schema(client, catalogue):
    document = spec(client)
    validate(document, "SearchResults", client.get("/api/v1/search/", {"q": "Sprachcafé"}).json())
    validate(document, "SearchResults", client.get("/api/v1/search/", {"theme": "health", "lang": "en"}).json())
    validate(document, "Programme", client.get("/api/v1/programmes/sprachcafe-test/").json())
    validate(document, "Error", client.get("/api/v1/search/", {"page": "eins"}).json())
    validate(document, "Error", client.get("/api/v1/programmes/nope/").json())
    validate(document, "Suggestions", client.get("/api/v1/search/autocomplete/", {"q": "Spr"}).json())
    validate(document, "ProgrammeList", client.get("/api/v1/programmes/", {"lang": "en"}).json())
    validate(document, "Taxonomies", client.get("/api/v1/taxonomies/", {"lang": "en"}).json())
    validate(document, "Page", client.get("/api/hsds/services", {"per_page": 1}).json())
    validate(document, "About", client.get("/api/hsds/").json())


def test_interactive_docs_are_served_from_installed_packages(client):
    html = client.get("/api/docs/").content.decode()
    assert "swagger-ui-bundle.js" in html
    assert not re.search(r'(src|href)="https?://', html)  # nothing fetched from the internet


@pytest.fixture
def api_schema(catalogue):
    """The served schema, loaded through the WSGI application as a client would."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    from kb.wsgi import application

    # Like Django's test client: requests must not close the test's database connection
    # (PostgreSQL runs each test inside a transaction that a close would end).
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield schemathesis.openapi.from_wsgi("/api/schema/", application)
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def test_schemathesis_finds_no_server_errors(api_schema):
    """Generated requests for every operation: no 5xx, and every response matches its schema."""
    operations = [result.ok() for result in api_schema.get_all_operations()]
    paths = {operation.path for operation in operations}
    assert {"/api/v1/search/", "/api/v1/programmes/", "/api/v1/programmes/{slug}/", "/api/v1/taxonomies/",
            "/api/hsds/services", "/api/hsds/services/{id}", "/api/hsds/taxonomy_terms"} <= paths
    calls = []
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(max_examples=40, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
        def check(case):
            response = case.call()
            calls.append(response.status_code)
            case.validate_response(response, checks=[not_a_server_error, response_schema_conformance])

        check()
    assert len(calls) >= 40 * len(operations) // 2 and 200 in calls and 400 in calls
