"""Open data: CSV and JSON downloads, the Atom feed, JSON-LD on programme pages, Wagtail API v2."""

import csv
import io
import json
import xml.etree.ElementTree as ET

import pytest

from programmes.exchange import import_data, validate
from programmes.models import ProgrammePage
from tests.factories import create, exchange, record

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def catalogue(site_tree):
    import_data(exchange(
        record(slug="sprachcafe", title="Sprachcafé", themes=["language", "education"],
               translations={"en": {"title": "Language café", "summary": "Practise German.",
                                    "description": None, "keywords": []}}),
        record(slug="formel", title="=HYPERLINK(\"http://evil.example\")", summary="@SUM(A1:A9) ist kein Programm.",
               organisation="-Träger", outcomes=[
                   {"indicator": "+Teilnehmende", "value": -3.5, "unit": None, "year": 2022, "source": None,
                    "note": "Beispieldaten"}]),
    ))


def body(response):
    """A download is streamed while it is generated (the whole catalogue is never in memory)."""
    assert response.streaming
    return b"".join(response.streaming_content).decode("utf-8")


def read_csv(response):
    text = body(response)
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text[1:])))


def test_programmes_csv_one_row_per_live_programme(client, catalogue):
    ProgrammePage.objects.filter(slug="formel").update(live=False)
    response = client.get("/opendata/programme.csv")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = read_csv(response)
    assert [r["slug"] for r in rows] == ["sprachcafe"]
    assert rows[0]["themes"] == "language; education" and rows[0]["translations"] == "en"
    assert rows[0]["url"].startswith("http://testserver/de/programme/")


def test_csv_cells_cannot_become_formulas(client, catalogue):
    row = next(r for r in read_csv(client.get("/opendata/programme.csv")) if r["slug"] == "formel")
    assert row["title"] == "'=HYPERLINK(\"http://evil.example\")"
    assert row["summary"].startswith("'@SUM") and row["organisation"] == "'-Träger"
    outcome = next(r for r in read_csv(client.get("/opendata/ergebnisse.csv")) if r["programme"] == "formel")
    assert outcome["indicator"] == "'+Teilnehmende"
    assert outcome["value"] == "-3.5"  # a number stays a number
    assert outcome["sample_data"] == "True"


def test_outcomes_csv(client, catalogue):
    rows = read_csv(client.get("/opendata/ergebnisse.csv"))
    sprachcafe = [r for r in rows if r["programme"] == "sprachcafe"]
    assert sprachcafe == [{"programme": "sprachcafe", "programme_title": "Sprachcafé",
                           "indicator": "Teilnehmende pro Jahr", "value": "320", "unit": "Personen",
                           "year": "2023", "source": "Jahresbericht 2023", "note": "Beispieldaten",
                           "sample_data": "True"}]


def test_exchange_json_download_is_importable_and_live_only(client, catalogue):
    english = ProgrammePage.objects.get(slug="sprachcafe", locale__language_code="en")
    english.title = "Entwurf"
    english.save_revision()  # a draft must not leak
    ProgrammePage.objects.filter(slug="formel").update(live=False)
    data = json.loads(body(client.get("/opendata/programme.json")))
    assert data["format"] == "kb-programmes/1" and validate(data) == []
    assert [p["slug"] for p in data["programmes"]] == ["sprachcafe"]
    assert data["programmes"][0]["translations"]["en"]["title"] == "Language café"


def test_downloads_are_conditional(client, catalogue):
    first = client.get("/opendata/programme.csv")
    assert first["Last-Modified"] and first["ETag"]
    assert client.get("/opendata/programme.csv", HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    # streamed downloads have no body to hash: the tag follows the content's state instead
    ProgrammePage.objects.get(slug="formel").unpublish()
    changed = client.get("/opendata/programme.csv", HTTP_IF_NONE_MATCH=first["ETag"])
    assert changed.status_code == 200 and changed["ETag"] != first["ETag"]
    assert [r["slug"] for r in read_csv(changed)] == ["sprachcafe"]


def test_atom_feed_newest_first(client, catalogue):
    from datetime import timedelta

    from django.utils import timezone

    ProgrammePage.objects.filter(slug="formel").update(last_published_at=timezone.now() - timedelta(days=3))
    response = client.get("/opendata/programme.atom")
    assert response.status_code == 200 and "atom+xml" in response["Content-Type"]
    entries = ET.fromstring(response.content).findall(f"{ATOM}entry")
    assert [e.find(f"{ATOM}title").text for e in entries][0] == "Sprachcafé"
    assert {c.get("term") for c in entries[0].findall(f"{ATOM}category")} == {"language", "education"}
    english = ET.fromstring(client.get("/opendata/programme.atom", {"lang": "en"}).content)
    assert english.findall(f"{ATOM}entry")[0].find(f"{ATOM}title").text == "Language café"
    bad = client.get("/opendata/programme.atom", {"lang": "xx"})
    assert bad.status_code == 400 and bad.json()["field"] == "lang"


def jsonld(html):
    start = html.index('<script type="application/ld+json">') + len('<script type="application/ld+json">')
    return json.loads(html[start:html.index("</script>", start)])


def test_programme_page_has_government_service_json_ld(client, catalogue):
    html = client.get("/de/programme/sprachcafe/").content.decode()
    data = jsonld(html)
    assert data["@type"] == "GovernmentService" and data["name"] == "Sprachcafé"
    assert data["provider"]["name"] == "Forum der Kulturen Stuttgart e.V."
    assert data["url"] == "http://testserver/de/programme/sprachcafe/"
    channel = data["availableChannel"][0]
    assert channel["servicePhone"]["telephone"] == "0711 555-0101"
    assert channel["serviceLocation"]["address"]["postalCode"] == "70173"
    assert jsonld(client.get("/en/programme/sprachcafe/").content.decode())["name"] == "Language café"


def test_json_ld_cannot_break_out_of_its_script(client, site_tree):
    create(slug="boese", title="Böse </script><script>alert(1)</script>", summary="<!-- & -->")
    html = client.get("/de/programme/boese/").content.decode()
    block = html[html.index('type="application/ld+json"'):]
    block = block[:block.index("</script>")]
    assert "<script>" not in block and "<!--" not in block
    assert jsonld(html)["name"] == "Böse </script><script>alert(1)</script>"


def test_downloads_page_lists_the_files(client, catalogue):
    response = client.get("/en/offene-daten/")
    assert response.status_code == 200
    html = response.content.decode()
    for href in ("/opendata/programme.csv", "/opendata/ergebnisse.csv", "/opendata/programme.json",
                 "/opendata/programme.atom", "/api/hsds/", "/api/docs/"):
        assert f'href="{href}"' in html
    assert "<h1>Open data</h1>" in html
    assert 'href="/de/offene-daten/"' in client.get("/de/").content.decode()  # linked from every page


def test_wagtail_api_v2_exposes_programme_fields(client, catalogue):
    body = client.get("/api/v2/pages/", {"type": "programmes.ProgrammePage", "fields": "*", "locale": "de"}).json()
    items = {item["meta"]["slug"]: item for item in body["items"]}
    sprachcafe = items["sprachcafe"]
    assert sprachcafe["themes"] == ["language", "education"] and sprachcafe["status"] == "active"
    assert sprachcafe["outcomes"][0]["indicator"] == "Teilnehmende pro Jahr"
    assert sprachcafe["contacts"][0]["phone"] == "0711 555-0101"
    english = client.get("/api/v2/pages/", {"type": "programmes.ProgrammePage", "locale": "en"}).json()
    assert [i["title"] for i in english["items"]] == ["Language café"]
    assert client.get("/api/v2/images/").status_code == 200
    assert client.get("/api/v2/documents/").status_code == 200


def test_wagtail_api_v2_image_rendition(client, catalogue):
    from wagtail.images.models import Image
    from wagtail.images.tests.utils import get_test_image_file

    image = Image.objects.create(title="Sprachcafé", file=get_test_image_file())
    page = ProgrammePage.objects.get(slug="sprachcafe", locale__language_code="de")
    page.lead_image, page.lead_image_alt = image, "Menschen im Gespräch"
    page.save_revision().publish()
    item = client.get(f"/api/v2/pages/{page.pk}/").json()
    assert item["lead_image_thumbnail"]["width"] == 640 and item["lead_image_thumbnail"]["url"]
    assert client.get(f"/api/v2/images/{image.pk}/").json()["meta"]["download_url"]
