"""Phone-first layout details a visitor notices: titles, empty headings, tables, illustrations."""

import re

import pytest
from fontTools.ttLib import TTFont

from programmes import demo
from tests.factories import create

pytestmark = pytest.mark.django_db


def _title(html):
    return re.search(r"<title>(.*?)</title>", html, re.S).group(1).strip()


def test_home_page_title_names_the_site_once(client, site_tree):
    title = _title(client.get("/de/").content.decode())
    assert title == "Integration in Stuttgart"


def test_other_pages_add_the_site_name_once(client, programme):
    title = _title(client.get(programme.url).content.decode())
    assert title == "Sprachcafé für Neuzugewanderte – Integration in Stuttgart"


def test_no_results_page_has_no_empty_filter_heading(client, programme):
    html = client.get("/de/suche/", {"q": "Xylophonwerkstatt"}).content.decode()
    assert "Kein Programm passt zu Ihrer Suche." in html
    assert 'id="facet-heading"' not in html


def test_outcome_cells_carry_their_column_name_for_the_phone_layout(client, programme):
    html = client.get(programme.url).content.decode()
    assert 'data-label="Quelle">Jahresbericht 2023</td>' in html
    assert 'data-label="Jahr">2023</td>' in html


def test_demo_illustrations_have_a_glyph_for_every_label_character():
    """The labels ("Interkulturelle Öffnung", "Flüchtlingsintegration") once showed a missing-glyph box."""
    cmap = TTFont(demo.LABEL_FONT).getBestCmap()
    missing = {ch for _colour, label in demo.THEME_COLOURS.values() for ch in label if ord(ch) not in cmap}
    assert missing == set()


def test_active_filters_show_as_removable_chips_with_clear_all(client, programme):
    html = client.get("/de/suche/", {"q": "Sprachcafé", "theme": "language", "district": "mitte"}).content.decode()
    chips = html[html.index('class="filter-chips"'):]
    chips = chips[:chips.index("</ul>")]
    assert "Sprachförderung" in chips and "Mitte" in chips
    # each chip's link removes only its own filter; "clear all" keeps the search words
    assert 'href="?q=Spr%C3%A4chcaf%C3%A9&amp;district=mitte"' in chips.replace("Spr%C3%A4", "Spr%C3%A4") or \
        'href="?q=Sprachcaf%C3%A9&amp;district=mitte"' in chips
    assert 'href="?q=Sprachcaf%C3%A9&amp;theme=language"' in chips
    assert 'class="clear-filters" href="?q=Sprachcaf%C3%A9"' in html
    assert "Filter <span class=\"count\">(2 aktiv)</span>" in html


def test_catalogue_filters_fold_into_a_panel_with_chips(client, programme):
    html = client.get("/de/programme/", {"theme": "language", "status": "active"}).content.decode()
    assert html.index('<details class="filter-panel">') < html.index('class="cards"')
    assert html.index('class="filter-chips"') < html.index('class="cards"')
    assert ">Aktiv <" in html or ">aktiv <" in html or "laufend" in html.lower()


def test_unknown_filter_values_get_no_chip(client, programme):
    html = client.get("/de/programme/", {"theme": "gibt-es-nicht"}).content.decode()
    assert 'class="filter-chips"' not in html


def test_catalogue_shows_running_programmes_first_and_the_rest_one_tap_away(client, site_tree):
    create(slug="laeuft", title="Läuft noch", status="active")
    create(slug="vorbei", title="Schon vorbei", status="completed", start_year=2005, end_year=2010)
    create(slug="kommt", title="Kommt noch", status="planned", start_year=2027)
    html = client.get("/de/programme/").content.decode()
    assert "Läuft noch" in html and "Schon vorbei" not in html and "Kommt noch" not in html
    link = re.search(r'<a href="\?([^"]+)">([^<]+)</a></p>', html[html.index('class="current-note"'):])
    assert "2" in link.group(2)
    everything = client.get("/de/programme/?" + link.group(1).replace("&amp;", "&")).content.decode()
    assert "Läuft noch" in everything and "Schon vorbei" in everything and "Kommt noch" in everything
    assert 'class="status status-completed"' in everything  # clearly labelled
    chosen = client.get("/de/programme/", {"status": "completed"}).content.decode()
    assert "Schon vorbei" in chosen and "Läuft noch" not in chosen


def test_german_results_inside_an_arabic_page_keep_their_own_direction(client, programme):
    html = client.get("/ar/suche/", {"q": "Sprachcafé"}).content.decode()
    assert '<p lang="de" dir="ltr">' in html and '<h3 lang="de" dir="ltr">' in html
    catalogue = client.get("/ar/programme/").content.decode()
    assert '<div lang="de" dir="ltr">' in catalogue
