"""Life situations: the home page's way in, in every language, configurable by staff."""

import re
from urllib.parse import parse_qs, urlsplit

import pytest

from situations.models import LifeSituation
from tests.factories import create

pytestmark = pytest.mark.django_db


def situation_links(html):
    section = html[html.index('id="situations-heading"'):]
    section = section[:section.index("</section>")]
    return re.findall(r'<a href="([^"]+)"><img[^>]*><span lang="(\w+)">([^<]+)</span>', section)


@pytest.mark.parametrize("lang,sentence", [
    ("de", "Ich möchte Deutsch lernen"), ("en", "I want to learn German"),
    ("tr", "Almanca öğrenmek istiyorum"), ("ar", "أريد أن أتعلم اللغة الألمانية"),
    ("uk", "Я хочу вивчати німецьку мову"),
])
def test_home_page_offers_life_situations_in_the_visitors_language(client, site_tree, lang, sentence):
    links = situation_links(client.get(f"/{lang}/").content.decode())
    assert 8 <= len(links) <= 10
    url = next(url for url, _lang, text in links if text == sentence)
    assert all(found == lang for _url, found, _text in links)
    assert urlsplit(url).path == f"/{lang}/programme/"
    assert parse_qs(urlsplit(url).query) == {"theme": ["language"]}


def test_a_situation_tapped_on_ukrainian_leads_to_a_filtered_ukrainian_catalogue(client, site_tree):
    create(slug="deutschkurs", title="Deutschkurs mit Kinderbetreuung", themes=["language"])
    create(slug="bewerbung", title="Bewerbungstraining", themes=["work"])
    links = situation_links(client.get("/uk/").content.decode())
    url = next(url for url, _lang, text in links if text == "Я хочу вивчати німецьку мову")
    html = client.get(url.replace("&amp;", "&")).content.decode()
    assert '<html lang="uk"' in html
    assert "Deutschkurs mit Kinderbetreuung" in html and "Bewerbungstraining" not in html
    chips = html[html.index('class="filter-chips"'):]
    assert "Мовна підтримка" in chips[:chips.index("</ul>")]  # the filter, labelled in Ukrainian


def test_staff_changes_to_filters_apply_to_every_translation(client, site_tree):
    german = LifeSituation.objects.get(sentence="Ich möchte Deutsch lernen")
    german.target_groups.set(german.target_groups.model.objects.filter(slug="women"))
    links = situation_links(client.get("/ar/").content.decode())
    url = next(url for url, _lang, text in links if text == "أريد أن أتعلم اللغة الألمانية")
    assert parse_qs(urlsplit(url.replace("&amp;", "&")).query) == {"theme": ["language"], "target_group": ["women"]}


def test_a_situation_without_translation_is_shown_in_german_marked_as_german(client, site_tree):
    LifeSituation.objects.filter(locale__language_code="tr", sentence="Almanca öğrenmek istiyorum").delete()
    links = situation_links(client.get("/tr/").content.decode())
    assert ("de", "Ich möchte Deutsch lernen") in [(lang, text) for _url, lang, text in links]


def test_staff_can_add_a_situation_in_the_admin(admin_client, client, site_tree):
    from programmes.models import Theme

    listing = admin_client.get("/admin/snippets/situations/lifesituation/")
    assert listing.status_code == 200 and "Ich bin neu in Stuttgart" in listing.content.decode()
    response = admin_client.post("/admin/snippets/situations/lifesituation/add/?locale=de", {
        "sentence": "Ich suche eine Wohnung", "icon": "home", "sort_order": 5,
        "themes": [Theme.objects.get(slug="neighbourhood").pk],
    })
    assert response.status_code == 302
    links = situation_links(client.get("/de/").content.decode())
    assert links[1][2] == "Ich suche eine Wohnung" and "theme=neighbourhood" in links[1][0]
