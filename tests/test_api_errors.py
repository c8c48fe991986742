"""Huge numbers and ancient dates are bad parameters (400 naming the field), never a 500."""

import json

import pytest

from kb.api_errors import MAX_PAGE, error

HUGE = "9223372036854775808"


def test_error_has_the_contract_shape():
    response = error(400, "page must be a positive integer", "page")
    assert response.status_code == 400
    assert json.loads(response.content) == {"error": "page must be a positive integer", "field": "page"}


@pytest.mark.parametrize("path", ["/api/v1/search/", "/api/v1/programmes/", "/api/hsds/services"])
def test_huge_page_is_a_400_naming_page(client, site_tree, path):
    response = client.get(path, {"page": HUGE})
    assert response.status_code == 400
    assert response.json()["field"] == "page"


def test_huge_page_on_the_search_page_is_not_a_500(client, site_tree):
    response = client.get("/de/suche/", {"page": HUGE})
    assert response.status_code < 500


def test_last_allowed_page_is_empty_not_an_error(client, site_tree):
    response = client.get("/api/v1/search/", {"page": MAX_PAGE})
    assert response.status_code == 200
    assert response.json()["results"] == []


@pytest.mark.parametrize("path", ["/api/v1/programmes/", "/api/hsds/services"])
def test_modified_after_year_one_answers(client, site_tree, path):
    response = client.get(path, {"modified_after": "0001-01-01"})
    assert response.status_code in (200, 400)


@pytest.mark.parametrize("path", ["/api/v2/pages/", "/api/v2/images/", "/api/v2/documents/"])
def test_v2_huge_offset_is_a_400_naming_offset(client, site_tree, path):
    response = client.get(path, {"offset": "9223372036854775808"})
    assert response.status_code == 400
    assert response.json()["message"].startswith("offset")
    assert client.get(path, {"offset": "0"}).status_code == 200


@pytest.mark.parametrize("search", ['"', "+", " ", "a\x00b"])
def test_v2_search_without_words_or_with_control_characters_is_a_400_naming_search(client, site_tree, search):
    response = client.get("/api/v2/pages/", {"search": search})
    assert response.status_code == 400
    assert response.json()["message"].startswith("search")


def test_v2_search_with_words_still_searches(client, programme):
    response = client.get("/api/v2/pages/", {"search": "Sprachcafé"})
    assert response.status_code == 200


@pytest.mark.parametrize("param", ["theme", "target_group", "district"])
def test_catalogue_filter_with_a_nul_byte_is_not_a_500(client, site_tree, param):
    """PostgreSQL refuses NUL in text: the active-filter chips looked such a value up (500, found by the sweep)."""
    assert client.get("/en/programme/", {param: "a\x00b"}).status_code == 200
