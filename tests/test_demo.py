"""The demo loader: a full, truthful demo site, loaded through the importer, idempotent."""

import json

import pytest
from django.core.management import call_command
from wagtail.images import get_image_model
from wagtail.models import Page, Revision

from programmes.demo import DEMO_FILE
from programmes.exchange import validate
from programmes.models import ProgrammePage, Theme

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db):
    call_command("load_demo", "--create-admin", verbosity=0)


def test_demo_file_is_a_valid_exchange_file():
    data = json.loads(DEMO_FILE.read_text(encoding="utf-8"))
    assert validate(data, locales=["de", "en", "tr"]) == []
    records = data["programmes"]
    assert len(records) >= 40
    years = [r["start_year"] for r in records]
    assert min(years) == 2001 and max(years) >= 2024
    # invented figures are labelled as sample data
    for r in records:
        for outcome in r.get("outcomes", []):
            if outcome["value"] is not None and "(Beispiel)" in (outcome["source"] or ""):
                assert outcome["note"].startswith("Beispieldaten")
        for contact in r.get("contacts", []):
            assert contact["name"] is None
            assert contact["email"] is None or contact["email"].endswith("@example.org")


def test_demo_covers_every_theme_and_the_known_programmes(demo):
    programmes = ProgrammePage.objects.live().filter(locale__language_code="de")
    assert programmes.count() >= 40
    for theme in Theme.objects.all():
        assert programmes.filter(themes=theme).exists(), theme.slug
    titles = " ".join(programmes.values_list("title", flat=True))
    for known in ("Welcome Center", "Bündnis für Integration"):
        assert known in titles
    assert ProgrammePage.objects.live().filter(locale__language_code="en").count() >= 20


def test_demo_pages_are_labelled_and_illustrated(demo, client):
    page = ProgrammePage.objects.live().filter(locale__language_code="de").first()
    assert page.contains_sample_data and page.lead_image and page.lead_image_alt
    html = client.get(page.url).content.decode()
    assert "Beispieldaten" in html and f'alt="{page.lead_image_alt}"' in html


def test_demo_loader_is_idempotent(demo):
    counts = (Page.objects.count(), Revision.objects.count(), get_image_model().objects.count())
    call_command("load_demo", "--create-admin", verbosity=0)
    assert (Page.objects.count(), Revision.objects.count(), get_image_model().objects.count()) == counts


def test_demo_is_searchable_and_admin_exists(demo, client, django_user_model):
    body = client.get("/api/v1/search/", {"q": "Welcome Center"}).json()
    assert body["total"] >= 1 and "welcome" in body["results"][0]["slug"]
    assert django_user_model.objects.filter(username="admin", is_superuser=True).exists()
    assert client.get("/de/").status_code == 200 and client.get("/en/").status_code == 200
