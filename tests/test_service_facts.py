"""Service facts (issue 22): cost, registration, place, access, hours and what to bring."""

import csv
import io
import json
import re

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from playwright.sync_api import expect

from programmes import record as programme_record
from programmes.exchange import FACTS_EXTENSION, ExchangeError, export_data, import_data
from programmes.models import ProgrammePage, ProgrammeVenue
from programmes.sitetree import ensure_site_tree
from search.documents import iter_docs
from search.engines.elasticsearch import build_search_body
from search.es_mapping import ProgrammeDocument, index_body
from search.service import SearchQuery
from tests.browser import ARTIFACTS, PHONE, axe_violations, describe, restore_reference_data
from tests.factories import create, exchange, record
from tests.test_hsds import assert_valid


def problems_for(data):
    with pytest.raises(ExchangeError) as info:
        import_data(data)
    return info.value.problems

pytestmark = pytest.mark.django_db

WELCOME = {
    "cost": "free", "registration": "none", "step_free": True, "hearing_loop": None, "childcare": False,
    "cost_note": None, "registration_note": None, "documents_to_bring": ["Pass oder Ausweis"],
    "venues": [{"kind": "place", "name": "Welcome Center Stuttgart", "street": "Charlottenplatz 17",
                "postcode": "70173", "city": "Stuttgart", "latitude": 48.7765, "longitude": 9.1829,
                "transit_stop": "Charlottenplatz"}],
    "hours": [{"weekday": "tuesday", "opens": "09:00", "closes": "12:30", "note": None}],
}


def with_facts(page, facts):
    """Publish `page` with `facts` as an editor would (the publish copies them to translations)."""
    programme_record.apply_facts(page, facts)
    page.save_revision().publish()
    return ProgrammePage.objects.get(pk=page.pk)


def venue(**fields):
    return ProgrammeVenue(**{"kind": "place", "street": "Charlottenplatz 17", "city": "Stuttgart", **fields})


def test_coordinates_outside_stuttgart_are_refused_with_the_reason():
    with translation.override("de"), pytest.raises(ValidationError) as error:  # the editors' language
        venue(latitude=52.52, longitude=13.40).clean()  # Berlin
    messages = error.value.message_dict
    assert "außerhalb Stuttgarts" in messages["latitude"][0] and "52.52" in messages["latitude"][0]
    assert "außerhalb Stuttgarts" in messages["longitude"][0]
    venue(latitude=48.7765, longitude=9.1829).clean()  # Charlottenplatz: fine
    venue().clean()  # no coordinates: fine


def test_half_a_coordinate_and_an_empty_place_are_refused():
    with pytest.raises(ValidationError) as error:
        venue(latitude=48.77).clean()
    assert "longitude" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        venue(street="", city="").clean()
    assert "street" in error.value.message_dict
    ProgrammeVenue(kind="online").clean()  # online needs no address


def test_an_amount_needs_a_fee(programme):
    programme.cost, programme.cost_amount = "free", 5
    with pytest.raises(ValidationError) as error:
        programme.full_clean()
    assert "cost_amount" in error.value.message_dict


def test_page_shows_known_facts_near_the_top_with_a_map_link(client, programme):
    page = with_facts(programme, WELCOME)
    html = client.get(page.url).content.decode()
    block = html.index('id="service-facts-heading"')
    assert block < html.index('id="contact-heading"') < html.index('id="about-heading"')
    assert "Kostenlos" in html and "Keine Anmeldung nötig" in html
    assert "https://www.openstreetmap.org/?mlat=48.7765&amp;mlon=9.1829" in html
    assert '<bdi dir="ltr">Charlottenplatz 17, 70173 Stuttgart</bdi>' in html
    assert "Haltestelle: Charlottenplatz" in html
    assert "Dienstag" in html and "09:00–12:30" in html
    assert "Stufenloser Zugang: ja" in html and "Kinderbetreuung während des Angebots: nein" in html
    assert "Induktionsschleife" not in html  # not known: not shown as if it were
    assert "Pass oder Ausweis" in html


def test_unknown_facts_are_not_shown(client, programme):
    html = client.get(programme.url).content.decode()
    assert 'id="service-facts-heading"' not in html
    page = with_facts(programme, {"registration": "required", "registration_note": "Per E-Mail an das Büro."})
    html = client.get(page.url).content.decode()
    assert "Anmeldung erforderlich" in html and "Per E-Mail an das Büro." in html
    assert "Kosten" not in html.split('id="service-facts-heading"')[1].split("</section>")[0]


def test_facts_are_shared_with_translations_in_their_language(client, site_tree):
    page = create(translations={"en": {"title": "Language café", "summary": "Practise German."}})
    with_facts(page, {**WELCOME, "venues": [{"kind": "online"}]})
    english = page.get_translation(page.get_translations().get().locale)
    html = client.get(english.url).content.decode()
    assert "Free of charge" in html and "Tuesday" in html and "Online" in html
    arabic = client.get(english.url.replace("/en/", "/ar/")).content.decode()
    assert "مجاني" in arabic  # the German page in the fallback, with Arabic labels


def test_address_without_coordinates_links_to_an_openstreetmap_search(client, programme):
    page = with_facts(programme, {"venues": [{"kind": "place", "street": "Marktplatz 1", "postcode": "70173", "city": "Stuttgart"}]})
    html = client.get(page.url).content.decode()
    assert "https://www.openstreetmap.org/search?query=Marktplatz+1%2C+70173+Stuttgart" in html


@pytest.mark.parametrize("facet, matching", [
    ("free", "kostenlos"), ("no_registration", "kostenlos"), ("step_free", "kostenlos"),
    ("childcare", "betreut"), ("online", "betreut"),
])
def test_catalogue_facets_list_only_programmes_known_to_have_them(client, site_tree, facet, matching):
    with_facts(create(slug="kostenlos", title="Kostenlos"), WELCOME)
    with_facts(create(slug="betreut", title="Betreut"), {
        "cost": "fee", "cost_amount": 20, "registration": "required", "step_free": False, "childcare": True,
        "venues": [{"kind": "online"}],
    })
    create(slug="unbekannt", title="Unbekannt")
    html = client.get(f"/de/programme/?facet={facet}").content.decode()
    listed = [slug for slug in ("kostenlos", "betreut", "unbekannt") if f"/programme/{slug}/" in html]
    assert listed == [matching]
    assert 'name="facet" value="' + facet + '" checked' in html


@pytest.fixture
def two_with_facts(site_tree):
    with_facts(create(slug="kostenlos", title="Kostenlos"), WELCOME)
    with_facts(create(slug="betreut", title="Betreut"), {"cost": "fee", "childcare": True, "venues": [{"kind": "online"}]})
    # publishing indexes the pages (tests/conftest.py runs the on-commit callbacks)


def test_search_page_and_api_filter_and_count_by_facts(client, two_with_facts):
    html = client.get("/de/suche/", {"q": "", "facet": "free"}).content.decode()
    assert "/programme/kostenlos/" in html and "/programme/betreut/" not in html
    assert "Gut zu wissen" in html and "kostenlos" in html  # the facet group with its label
    data = client.get("/api/v1/search/", {"q": "", "facet": "online"}).json()
    assert [hit["slug"] for hit in data["results"]] == ["betreut"]
    counts = {option["value"]: option["count"] for option in data["facets"]["facts"]}
    # a facet counts with the other filters, not its own: both programmes' facts are offered
    assert counts == {"free": 1, "no_registration": 1, "step_free": 1, "childcare": 1, "online": 1}
    narrowed = client.get("/api/v1/search/", {"q": "", "facet": "online", "theme": "language"}).json()
    assert narrowed["total"] == 1


def test_documents_carry_only_known_true_facts_for_both_engines(two_with_facts):
    docs = {doc.slug: doc for doc in iter_docs(ProgrammePage.objects.filter(locale__language_code="de"))}
    assert docs["kostenlos"].facets["facts"] == ["free", "no_registration", "step_free"]
    assert docs["betreut"].facets["facts"] == ["childcare", "online"]
    es_doc = ProgrammeDocument.from_doc(docs["betreut"]).to_dict()
    assert es_doc["facts"] == ["childcare", "online"]
    assert index_body("kb-test")["mappings"]["properties"]["facts"]["type"] == "keyword"
    body = build_search_body(SearchQuery(text="Kurs", filters={"facts": ["free"]}))
    assert {"terms": {"facts": ["free"]}} in body["post_filter"]["bool"]["filter"]


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("lang", ["de", "ar"])
def test_before_you_go_is_visible_near_the_top_on_a_phone(page, live_server, lang):
    """At 390 px the block is on the first screen, readable, linked to the map, and nothing scrolls sideways."""
    restore_reference_data()
    ensure_site_tree()
    with_facts(create(slug="welcome-center-stuttgart", title="Welcome Center Stuttgart"), WELCOME)
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/{lang}/programme/welcome-center-stuttgart/")
    block = page.locator("section.service-facts")
    expect(block).to_be_visible()
    heading = block.locator("h2").bounding_box()
    assert heading["y"] + heading["height"] <= PHONE["height"]  # on the first screen, without scrolling
    expect(block).to_contain_text("Kostenlos" if lang == "de" else "مجاني")
    link = block.get_by_role("link", name=re.compile("Charlottenplatz 17"))
    expect(link).to_have_attribute("href", re.compile(r"^https://www\.openstreetmap\.org/\?mlat=48\.7765"))
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"service-facts-{lang}-phone.png"))
    problems = [v for v in axe_violations(page) if any("service-facts" in str(t) for t in v["targets"])]
    assert not problems, describe(problems)


def test_programme_api_carries_the_facts_and_filters_by_them(client, two_with_facts):
    detail = client.get("/api/v1/programmes/kostenlos/").json()
    assert detail["facts"]["cost"] == "free" and detail["facts"]["hearing_loop"] is None
    assert detail["facts"]["venues"][0]["street"] == "Charlottenplatz 17"
    assert detail["facts"]["hours"] == [{"weekday": "tuesday", "opens": "09:00", "closes": "12:30", "note": None}]
    listed = client.get("/api/v1/programmes/", {"facet": "childcare"}).json()
    assert [item["slug"] for item in listed["results"]] == ["betreut"]
    bad = client.get("/api/v1/programmes/", {"facet": "cheap"})
    assert bad.status_code == 400 and "unknown facet 'cheap'" in bad.content.decode()


def test_exchange_round_trip_with_the_facts_extension(site_tree):
    with_facts(create(slug="kostenlos", title="Kostenlos"), WELCOME)
    create(slug="unbekannt", title="Unbekannt")
    data = export_data()
    assert data["extensions"] == [FACTS_EXTENSION]
    by_slug = {r["slug"]: r for r in data["programmes"]}
    assert by_slug["kostenlos"]["facts"]["venues"][0]["latitude"] == 48.7765 and "facts" not in by_slug["unbekannt"]
    assert "facts" not in export_data(strict=True)["programmes"][0]  # the core format stays strict
    ProgrammePage.objects.filter(depth__gt=3).delete()  # an empty site
    import_data(json.loads(json.dumps(data)))
    assert export_data() == data
    assert import_data(data).unchanged == ["kostenlos", "unbekannt"]  # importing again changes nothing


def test_core_files_still_import_and_bad_facts_are_named(site_tree):
    import_data(exchange(record(slug="ohne")))  # kb-programmes/1 without the extension
    assert "facts" not in export_data()["programmes"][0]
    berlin = {"venues": [{"kind": "place", "street": "Unter den Linden 1", "latitude": 52.5, "longitude": 13.4}],
              "cost": "cheap"}
    bad = {**exchange(record(slug="falsch", facts=berlin)), "extensions": [FACTS_EXTENSION]}
    problems = problems_for(bad)
    assert any("programmes[0].facts.venues[0].latitude" in p for p in problems), problems
    assert any("programmes[0].facts.cost" in p for p in problems), problems
    undeclared = problems_for(exchange(record(slug="falsch", facts={"cost": "free"})))
    assert any("programmes[0]" in p and "facts" in p for p in undeclared), undeclared
    with pytest.raises(ExchangeError):
        import_data(bad)
    assert not ProgrammePage.objects.filter(slug="falsch").exists()


def test_hsds_service_carries_the_facts_and_validates(client, site_tree):
    """Validated against the official HSDS 3.0 schemas when HSDS_SCHEMA_DIR names them (CI does)."""
    page = with_facts(create(slug="kostenlos", title="Kostenlos"), {
        **WELCOME, "venues": [*WELCOME["venues"], {"kind": "online"}, {"kind": "home"}],
    })
    body = client.get(f"/api/hsds/services/{page.translation_key}").json()
    assert_valid("service", body)
    assert body["cost_options"][0]["amount"] == 0 and body["cost_options"][0]["option"] == "Kostenlos"
    assert body["application_process"] == "Keine Anmeldung nötig"
    assert [d["document"] for d in body["required_documents"]] == ["Pass oder Ausweis"]
    slot = next(s for s in body["schedules"] if s.get("byday"))
    assert (slot["byday"], slot["opens_at"], slot["closes_at"], slot["freq"]) == ("TU", "09:00", "12:30", "WEEKLY")
    places = [s["location"] for s in body["service_at_locations"]]
    place = next(p for p in places if p.get("latitude"))
    assert place["addresses"][0]["address_1"] == "Charlottenplatz 17" and place["transportation"] == "Charlottenplatz"
    assert "Stufenloser Zugang: ja" in place["accessibility"][0]["description"]
    assert "Induktionsschleife" not in place["accessibility"][0]["description"]  # not known
    # the contact's office, then the venues; "at your home" has no location of the service's own
    assert [p["location_type"] for p in places] == ["physical", "physical", "virtual"]


def test_json_ld_offers_hours_and_places(client, programme):
    page = with_facts(programme, WELCOME)
    html = client.get(page.url).content.decode()
    start = html.index('<script type="application/ld+json">') + len('<script type="application/ld+json">')
    data = json.loads(html[start:html.index("</script>", start)])
    assert data["offers"] == {"@type": "Offer", "price": 0, "priceCurrency": "EUR"}
    assert data["hoursAvailable"] == [{"@type": "OpeningHoursSpecification", "dayOfWeek": "https://schema.org/Tuesday",
                                       "opens": "09:00", "closes": "12:30"}]
    place = data["availableChannel"][-1]["serviceLocation"]
    assert place["address"]["streetAddress"] == "Charlottenplatz 17" and place["geo"]["latitude"] == 48.7765
    assert data["areaServed"] == [{"@type": "Place", "name": "Mitte"}]


def test_csv_download_has_a_column_per_fact_empty_where_unknown(client, site_tree, no_page_cache):
    known = with_facts(create(slug="welcome", title="Welcome Center"), WELCOME)
    create(slug="unbekannt", title="Ohne Angaben")
    response = client.get("/opendata/programme.csv")
    rows = {row["slug"]: row for row in csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig")))}
    welcome = rows[known.slug]
    assert (welcome["cost"], welcome["registration"], welcome["step_free"], welcome["childcare"]) == (
        "free", "none", "True", "False")
    assert welcome["hearing_loop"] == ""  # not known: empty, not "False"
    assert welcome["venues"] == "Welcome Center Stuttgart, Charlottenplatz 17, 70173 Stuttgart (48.7765 9.1829; stop: Charlottenplatz)"
    assert welcome["hours"] == "tuesday 09:00–12:30" and welcome["documents_to_bring"] == "Pass oder Ausweis"
    assert all(rows["unbekannt"][column] == "" for column in ("cost", "registration", "step_free", "venues", "hours"))
