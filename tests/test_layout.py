"""Phone-first layout details a visitor notices: titles, empty headings, tables, illustrations."""

import re

import pytest
from fontTools.ttLib import TTFont

from programmes import demo

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
