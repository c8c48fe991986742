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
