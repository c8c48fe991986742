"""Links keep the visitor's language: no public page sends an Arabic reader to /de/."""

import re

import pytest

from kb.settings.base import fallback_order
from tests.factories import create

pytestmark = pytest.mark.django_db

HREF = re.compile(r'href="(/[a-z]{2}/[^"]*)"')


def local_links(html):
    """Internal page links, without the switcher and "available in" lists (they change language on purpose)."""
    html = re.sub(r'<a [^>]*hreflang="[a-z]{2}"[^>]*>', "", html)
    html = re.sub(r'<nav[^>]*class="language-switcher".*?</nav>', "", html, flags=re.S)
    return [url for url in HREF.findall(html) if not url.startswith(("/de/admin", "/static/"))]


@pytest.fixture
def linked(site_tree):
    create(slug="gesund", title="Gesundheitslotsen", summary="Lotsen erklären das Gesundheitssystem.", themes=["health"])
    return create(related=["gesund"], translations={"en": {"title": "Language café", "summary": "Practise German."}})


@pytest.mark.parametrize("code", ["ar", "uk", "tr", "en"])
def test_every_internal_link_stays_under_the_visitors_prefix(client, linked, code):
    for path in (f"/{code}/", f"/{code}/programme/", f"/{code}/programme/sprachcafe-test/",
                 f"/{code}/programme/gesund/", f"/{code}/suche/?q=Gesundheitssystem"):
        html = client.get(path).content.decode()
        links = local_links(html)
        assert links, path
        strays = [url for url in links if not url.startswith(f"/{code}/")]
        assert strays == [], (path, strays)


def test_card_of_an_untranslated_programme_opens_it_in_the_visitors_language(client, linked):
    html = client.get("/ar/programme/").content.decode()
    assert 'href="/ar/programme/gesund/"' in html and "/de/programme/gesund/" not in html
    page = client.get("/ar/programme/gesund/")
    assert page.status_code == 200  # served here, not redirected to another prefix
    text = page.content.decode()
    assert '<html lang="ar" dir="rtl">' in text and 'class="notice"' in text


def test_related_programme_and_search_hit_keep_the_language(client, linked):
    html = client.get("/uk/programme/sprachcafe-test/").content.decode()
    assert 'href="/uk/programme/gesund/"' in html
    html = client.get("/tr/suche/", {"q": "Gesundheitssystem"}).content.decode()
    assert 'href="/tr/programme/gesund/"' in html


def test_a_translated_programme_links_to_its_own_version(client, linked):
    html = client.get("/en/programme/").content.decode()
    assert 'href="/en/programme/sprachcafe-test/"' in html and "Language café" in html


def test_by_default_a_ukrainian_reader_gets_english_before_german(client, linked):
    html = client.get("/uk/programme/sprachcafe-test/").content.decode()
    assert '<html lang="uk"' in html and '<article class="programme" lang="en">' in html and "Language café" in html
    assert 'hreflang="de"' in html  # the notice links to the other versions


def test_fallback_order_per_language_is_a_setting(client, linked, settings):
    create(slug="dreisprachig", title="Dreisprachig", translations={
        "en": {"title": "Three languages", "summary": "E."}, "tr": {"title": "Üç dil", "summary": "T."}})
    settings.KB_FALLBACK_ORDER = {"uk": ["tr", "en"]}
    html = client.get("/uk/programme/dreisprachig/").content.decode()
    assert '<article class="programme" lang="tr">' in html and "Üç dil" in html
    html = client.get("/ar/programme/dreisprachig/").content.decode()  # not listed: the general fallback
    assert '<article class="programme" lang="en">' in html


def test_a_bad_fallback_order_names_the_problem():
    languages = {"de": "Deutsch", "en": "English", "uk": "Українська"}
    assert fallback_order("uk=en, de; en=de", languages) == {"uk": ["en", "de"], "en": ["de"]}
    with pytest.raises(ValueError, match="KB_FALLBACK_ORDER entry 'xx=en'"):
        fallback_order("xx=en", languages)
