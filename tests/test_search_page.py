"""The public search page: same service as the API, works without JavaScript."""

import pytest

from tests.factories import create

pytestmark = pytest.mark.django_db


@pytest.fixture
def two(site_tree):
    create()
    create(slug="gesund", title="Gesundheitslotsen", summary="Lotsen erklären das Gesundheitssystem.",
           themes=["health"], districts=["ost"])


def test_results_with_highlight_count_and_facet_links(client, two):
    html = client.get("/de/suche/", {"q": "Gesundheitssystem"}).content.decode()
    assert "1 Ergebnis" in html and "<mark>Gesundheitssystem</mark>" in html
    assert 'href="/de/programme/gesund/"' in html
    assert "?q=Gesundheitssystem&amp;theme=health" in html or "?q=Gesundheitssystem&theme=health" in html


def test_facet_filter_links_work_without_javascript(client, two):
    html = client.get("/de/suche/", {"q": "", "theme": "health"}).content.decode()
    assert "Gesundheitslotsen" in html and "Sprachcafé" not in html
    assert 'aria-current="true"' in html  # the chosen facet is marked


def test_zero_results_page_helps(client, two):
    create(slug="welcome-center-stuttgart", title="Welcome Center Stuttgart", themes=["welcome"])
    html = client.get("/de/suche/", {"q": "Quantenphysik"}).content.decode()
    assert "0 Ergebnisse" in html and "Welcome Center Stuttgart" in html
    assert 'href="/de/programme/?theme=health"' in html  # broader themes
    assert 'href="tel:+497115550101"' in html and 'href="/de/programme/welcome-center-stuttgart/"' in html


def test_did_you_mean(client, two):
    html = client.get("/de/suche/", {"q": "Gesundheitslotzen"}).content.decode()
    assert "Meinten Sie" in html and ">Gesundheitslotsen</a>" in html


def test_search_page_in_english(client, two):
    html = client.get("/en/suche/", {"q": "Sprachcafé"}).content.decode()
    assert '<html lang="en"' in html and "2 results" in html and ">Filter" in html


def test_too_long_query_is_a_friendly_400(client, two):
    response = client.get("/de/suche/", {"q": "x" * 600})
    assert response.status_code == 400 and "500" in response.content.decode()


@pytest.mark.parametrize("lang", ["ar", "uk", "tr"])
def test_results_show_the_english_version_where_the_visitors_language_is_missing(client, site_tree, lang):
    """Fallback order (e.g. ar → en → de): a programme with an English but no Arabic version is
    shown in English, marked as such, linked under the visitor's prefix; a German-only one in German."""
    create(translations={"en": {"title": "Language café for newcomers", "summary": "Practise German in a relaxed group."}})
    create(slug="sprachpaten", title="Sprachpaten im Sprachcafé", summary="Ehrenamtliche üben Deutsch.")
    html = client.get(f"/{lang}/suche/", {"q": "Sprachcafé"}).content.decode()
    assert '<h3 lang="en" dir="ltr"><a href="/' + lang + '/programme/sprachcafe-test/">Language café for newcomers</a>' in html
    assert '<p lang="en" dir="ltr">Practise German in a relaxed group.</p>' in html
    assert "Sprachcafé für Neuzugewanderte" not in html
    assert '<h3 lang="de" dir="ltr"><a href="/' + lang + '/programme/sprachpaten/">Sprachpaten im Sprachcafé</a>' in html
