"""SQL queries per public page do not grow with the number of programmes, outcomes, contacts or links."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from programmes.exchange import import_data
from programmes.models import ProgrammePage
from tests.factories import BASE, exchange, record

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def rendering(no_page_cache):
    """Every test here counts the queries of rendering a page."""


def queries(client, url):
    client.get(url)  # warm caches (site root paths, vocabulary)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def programme(slug, n):
    """A programme with n outcomes, n contacts and n related programmes."""
    return record(
        slug=slug, title=f"Programm {slug}",
        outcomes=[{**BASE["outcomes"][0], "year": 2010 + i} for i in range(n)],
        contacts=[{**BASE["contacts"][0], "name": f"Person {i}"} for i in range(n)],
        related=[f"ziel-{slug}-{i}" for i in range(n)],
    )


def targets(slug, n):
    return [record(slug=f"ziel-{slug}-{i}", title=f"Ziel {i}") for i in range(n)]


def test_programme_page_and_api_detail_are_constant_in_outcomes_contacts_and_links(site_tree, client):
    import_data(exchange(programme("klein", 1), *targets("klein", 1), programme("gross", 5), *targets("gross", 5)))
    small = ProgrammePage.objects.get(slug="klein", locale__language_code="de")
    big = ProgrammePage.objects.get(slug="gross", locale__language_code="de")
    assert big.outcomes.count() == 5 and big.related_programmes.count() == 5
    assert queries(client, big.url) == queries(client, small.url)
    assert queries(client, "/api/v1/programmes/gross/") == queries(client, "/api/v1/programmes/klein/")


def test_catalogue_and_search_are_constant_in_the_number_of_programmes(site_tree, client):
    import_data(exchange(*[record(slug=f"a-{i}", title=f"Sprachkurs {i}") for i in range(2)]))
    before = {url: queries(client, url) for url in ("/de/programme/", "/de/suche/?q=Sprachkurs")}
    import_data(exchange(*[record(slug=f"b-{i}", title=f"Sprachkurs {i}") for i in range(15)]))
    after = {url: queries(client, url) for url in before}
    assert after == before


def test_a_programme_matching_several_chosen_themes_is_listed_once(site_tree, client):
    import_data(exchange(
        record(slug="beides", title="Sprache und Bildung", themes=["language", "education"]),
        record(slug="nur-sprache", title="Nur Sprache"),
    ))
    response = client.get("/de/programme/?theme=language&theme=education")
    listed = [p.slug for p in response.context["programmes"]]
    assert sorted(listed) == ["beides", "nur-sprache"]
    assert response.context["page_obj"].paginator.count == 2
