"""Public pages: German first, English second, accessible, a bounded number of queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from programmes.exchange import import_data
from tests.factories import create, exchange, record

pytestmark = pytest.mark.django_db


def test_root_redirects_to_german(client, site_tree):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="de")
    assert response.status_code == 302 and response["Location"] == "/de/"


def test_home_page_in_german_with_entry_points(client, programme):
    html = client.get("/de/").content.decode()
    assert '<html lang="de" dir="ltr">' in html
    assert "Zum Inhalt springen" in html  # skip link, translated
    assert "Sprachförderung" in html and "?theme=language" in html
    assert "?target_group=newcomers" in html
    assert 'role="search"' in html and 'for="home-q"' in html


def test_home_page_numbers_are_what_the_links_lead_to(client, site_tree):
    """The catalogue lists running programmes by default: the home page counts those, not all."""
    create(slug="laufend-a", title="Laufend A", themes=["language"])
    create(slug="laufend-b", title="Laufend B", themes=["language"])
    create(slug="beendet", title="Beendet", status="completed", end_year=2020, themes=["language"])
    html = client.get("/de/").content.decode()
    assert "Alle 2 laufenden Programme ansehen" in html
    catalogue = client.get("/de/programme/?theme=language").content.decode()
    listed = [slug for slug in ("laufend-a", "laufend-b", "beendet") if f"/programme/{slug}/" in catalogue]
    assert listed == ["laufend-a", "laufend-b"]
    arabic = client.get("/ar/").content.decode()
    assert "الجاريَين (2)</a>" in arabic  # the dual form: two running programmes


def test_home_page_in_english(client, programme):
    html = client.get("/en/").content.decode()
    assert '<html lang="en"' in html
    assert "Skip to content" in html and "Language support" in html


def test_programme_page_shows_everything_with_contact_first(client, programme):
    html = client.get(programme.url).content.decode()
    assert "<h1>Sprachcafé für Neuzugewanderte</h1>" in html
    contact, outcomes = html.index('id="contact-heading"'), html.index('id="outcomes-heading"')
    about = html.index('id="about-heading"')
    assert contact < about < outcomes
    assert 'href="mailto:sprachcafe@example.org"' in html and 'href="tel:+497115550101"' in html
    assert "Di 17–19 Uhr" in html and "Arabisch" in html
    assert '<th scope="col">Indikator</th>' in html and "320 Personen" in html
    assert "Forum der Kulturen Stuttgart e.V." in html and "seit 2015" in html


def test_sample_data_is_labelled(client, programme):
    programme.contains_sample_data = True
    programme.save_revision().publish()
    html = client.get(programme.url).content.decode()
    assert "Beispieldaten" in html


def test_catalogue_filters_by_theme_district_status_and_period(client, site_tree):
    import_data(exchange(
        record(slug="a", title="Alpha Sprachkurs", themes=["language"], districts=["mitte"]),
        record(slug="b", title="Beta Gesundheit", themes=["health"], districts=["ost"], status="completed",
               start_year=2005, end_year=2008),
        record(slug="c", title="Gamma Arbeit", themes=["work"], districts=["ost"], target_groups=["women"]),
    ))

    def titles(query):
        html = client.get("/de/programme/?" + query).content.decode()
        return [t for t in ("Alpha Sprachkurs", "Beta Gesundheit", "Gamma Arbeit") if t in html]

    every = "&status=active&status=planned&status=completed"
    assert titles("") == ["Alpha Sprachkurs", "Gamma Arbeit"]  # running ones first, by default
    assert titles(every) == ["Alpha Sprachkurs", "Beta Gesundheit", "Gamma Arbeit"]
    assert titles("theme=language") == ["Alpha Sprachkurs"]
    assert titles("theme=language&theme=health" + every) == ["Alpha Sprachkurs", "Beta Gesundheit"]
    assert titles("district=ost" + every) == ["Beta Gesundheit", "Gamma Arbeit"]
    assert titles("district=ost&status=active") == ["Gamma Arbeit"]
    assert titles("target_group=women") == ["Gamma Arbeit"]
    assert titles("from=2010" + every) == ["Alpha Sprachkurs", "Gamma Arbeit"]
    assert titles("to=2006" + every) == ["Beta Gesundheit"]
    assert titles("from=abc&theme=unknown") == []


def test_catalogue_filter_form_is_labelled(client, programme):
    html = client.get("/de/programme/").content.decode()
    assert '<label for="f-theme-language">Sprachförderung</label>' in html
    assert "<legend>Thema</legend>" in html


def test_language_switcher_offers_every_language_and_marks_the_current_one(client, site_tree):
    page = create(translations={"en": {"title": "Language café", "summary": "Practise German."}})
    html = client.get("/ar/programme/sprachcafe-test/").content.decode()
    switcher = html[html.index('<nav class="languages"'):]
    switcher = switcher[:switcher.index("</nav>")]
    for code in ("de", "en", "tr", "ar", "uk"):
        assert f'hreflang="{code}"' in switcher
    assert 'href="/en/programme/sprachcafe-test/"' in switcher  # the English version
    assert 'href="/uk/programme/sprachcafe-test/" lang="uk"' in switcher  # served there with fallback
    assert 'lang="ar" hreflang="ar" aria-current="true"' in switcher
    assert switcher.count("aria-current") == 1
    assert page.url == "/de/programme/sprachcafe-test/"


def test_language_switch_keeps_query_and_filters(client, site_tree):
    create()
    html = client.get("/de/programme/", {"theme": "language", "district": "mitte"}).content.decode()
    assert 'href="/ar/programme/?theme=language&amp;district=mitte"' in html
    html = client.get("/de/suche/", {"q": "Sprachcafé", "theme": "language"}).content.decode()
    assert 'href="/uk/suche/?q=Sprachcaf%C3%A9&amp;theme=language"' in html


def test_english_translation_renders_shared_outcomes(client, site_tree):
    create(translations={"en": {"title": "Language café", "summary": "Practise German."}})
    html = client.get("/en/programme/sprachcafe-test/").content.decode()
    # the unit is not translated yet: German, marked as such (tests/test_translated_facts.py)
    assert "<h1>Language café</h1>" in html and '320 <span lang="de" dir="ltr">Personen</span>' in html and "Contact" in html


def test_unknown_page_is_404(client, site_tree):
    assert client.get("/de/programme/gibt-es-nicht/").status_code == 404


def _queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx)


def test_programme_page_queries_do_not_grow_with_outcomes_and_contacts(client, site_tree, no_page_cache):
    contact = record()["contacts"][0]
    create(slug="dritte", title="Drittes Programm")
    small = create(slug="klein", related=["dritte"])  # both have a related programme: one query for it
    big = create(
        slug="gross",
        outcomes=[{"indicator": f"Kennzahl {i}", "value": i, "unit": "Personen", "year": 2020, "source": None,
                   "note": None} for i in range(25)],
        contacts=[dict(contact, email=f"k{i}@example.org") for i in range(12)],
        related=["klein"],
        themes=["language", "education", "work"], districts=["mitte", "ost", "west", "nord"],
    )
    _queries(client, small.url)  # warm caches (site root paths)
    assert _queries(client, big.url) == _queries(client, small.url)


@pytest.mark.parametrize("url", ["/de/programme/", "/de/", "/de/suche/?q=Programm"])
def test_listing_queries_do_not_grow_with_programmes(client, site_tree, url, no_page_cache):
    import_data(exchange(*[record(slug=f"p{i}", title=f"Programm {i}") for i in range(3)]))
    _queries(client, url)
    few = _queries(client, url)
    import_data(exchange(*[record(slug=f"q{i}", title=f"Programm {i} Projekt") for i in range(12)]))
    _queries(client, url)  # caches that follow index changes refresh once
    assert _queries(client, url) == few


@pytest.mark.parametrize("lang", ["de", "tr", "ar", "uk"])
def test_ui_catalogues_are_complete(lang):
    import polib
    from django.conf import settings

    catalogue = polib.pofile(str(settings.BASE_DIR / "kb" / "locale" / lang / "LC_MESSAGES" / "django.po"))
    assert catalogue.untranslated_entries() == [] and catalogue.fuzzy_entries() == []


def test_turkish_pages_have_turkish_interface(client, site_tree):
    create(translations={"tr": {"title": "Dil kafesi", "summary": "Almanca konuşma pratiği."}})
    html = client.get("/tr/programme/sprachcafe-test/").content.decode()
    assert '<html lang="tr"' in html and "<h1>Dil kafesi</h1>" in html
    assert "Skip to content" not in html and "İletişim" in html


def test_untranslated_programme_falls_back_to_english_then_german_with_notice(client, site_tree):
    create(translations={"en": {"title": "Language café", "summary": "Practise German."}})
    create(slug="nur-deutsch", title="Nur auf Deutsch")
    german = client.get("/tr/programme/nur-deutsch/").content.decode()
    assert '<article class="programme" lang="de">' in german and "Nur auf Deutsch" in german
    html = client.get("/tr/programme/sprachcafe-test/").content.decode()
    assert '<html lang="tr"' in html  # the interface speaks the visitor's language
    assert "Bu sayfa henüz" in html  # the notice, in Turkish
    assert '<article class="programme" lang="en">' in html and "Language café" in html
    # the notice offers exactly the versions that exist (the switcher offers every language)
    notice = html[html.index('class="notice"'):]
    notice = notice[:notice.index("</div>")]
    assert 'hreflang="de"' in notice and 'hreflang="en"' in notice and 'hreflang="ar"' not in notice


def test_catalogue_in_another_language_lists_untranslated_programmes_once(client, site_tree):
    create(slug="uebersetzt", title="Übersetzt", translations={"en": {"title": "Translated", "summary": "S."}})
    create(slug="nur-deutsch", title="Nur auf Deutsch")
    html = client.get("/en/programme/").content.decode()
    assert "Translated" in html and "Nur auf Deutsch" in html and "Übersetzt" not in html
    assert 'href="/en/programme/nur-deutsch/"' in html and "in German" in html  # stays under /en/
    html = client.get("/ar/programme/").content.decode()
    assert '<html lang="ar" dir="rtl">' in html and "Translated" in html and "Nur auf Deutsch" in html


def test_fallback_language_is_configurable(client, site_tree, settings):
    settings.KB_FALLBACK_LANGUAGE = "en"
    create(translations={"en": {"title": "Language café", "summary": "Practise German."}})
    html = client.get("/uk/programme/sprachcafe-test/").content.decode()
    assert '<article class="programme" lang="en">' in html and "Language café" in html


def test_switching_language_follows_the_switcher_link(client, site_tree):
    import re

    create(translations={"en": {"title": "Language café", "summary": "Practise German."}})
    html = client.get("/de/programme/sprachcafe-test/").content.decode()
    link = re.search(r'<a href="([^"]+)" lang="en" hreflang="en">English</a>', html).group(1)
    english = client.get(link).content.decode()
    assert '<html lang="en"' in english and "<h1>Language café</h1>" in english
    back = re.search(r'<a href="([^"]+)" lang="de" hreflang="de">Deutsch</a>', english).group(1)
    assert back == "/de/programme/sprachcafe-test/"
