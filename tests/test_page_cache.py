"""Anonymous pages and API responses come from the cache, and never outlive a change to what they show."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from pagecache.models import ContentVersion
from programmes.models import ContactPoint, ProgrammePage, Theme
from tests.factories import create

pytestmark = pytest.mark.django_db

PUBLIC_URLS = [
    "/de/programme/", "/de/programme/{slug}/", "/en/programme/", "/de/suche/?q=Sprachcaf%C3%A9",
    "/api/v1/search/?q=Sprachcaf%C3%A9", "/api/v1/programmes/", "/api/v1/programmes/{slug}/",
]


def served(client, url):
    """(body, SQL queries) of one GET."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode(), len(captured)


@pytest.mark.parametrize("url", PUBLIC_URLS)
def test_a_repeated_anonymous_request_is_served_from_the_cache(client, programme, url):
    url = url.format(slug=programme.slug)
    first, rendering = served(client, url)
    again, cached = served(client, url)
    assert again == first
    assert cached == 1 < rendering  # only the content version is read


def test_publishing_an_edit_shows_at_once_everywhere(client, programme):
    pages = [f"/de/programme/{programme.slug}/", "/de/programme/", f"/api/v1/programmes/{programme.slug}/",
             "/api/v1/search/?q=Sprachcaf%C3%A9"]
    for url in pages:
        assert "Sprachcafé für Neuzugewanderte" in served(client, url)[0]
    programme.title = "Sprachcafé am Abend"
    programme.save_revision().publish()
    for url in pages:
        assert "Sprachcafé am Abend" in served(client, url)[0], url


def test_an_unpublished_programme_is_gone_not_served_stale(client, programme):
    url = f"/de/programme/{programme.slug}/"
    served(client, url)
    programme.unpublish()
    assert client.get(url).status_code == 404
    assert programme.slug not in served(client, "/api/v1/programmes/")[0]


def test_an_import_shows_new_programmes_in_the_cached_catalogue(client, programme):
    served(client, "/de/programme/")
    create(slug="elterncafe-neu", title="Elterncafé im Westen")
    assert "Elterncafé im Westen" in served(client, "/de/programme/")[0]


def test_editing_a_theme_label_or_a_shared_contact_refreshes_the_pages(client, programme):
    url = f"/de/programme/{programme.slug}/"
    served(client, url)
    theme = Theme.objects.get(slug="language")
    theme.label_de = "Deutsch lernen und sprechen"
    theme.save()
    assert "Deutsch lernen und sprechen" in served(client, url)[0]
    contact = ContactPoint.objects.get(email="sprachcafe@example.org")
    contact.phone = "0711 555-0199"
    contact.save()
    assert "0711 555-0199" in served(client, url)[0]


def test_a_change_committed_by_another_worker_is_seen(client, programme):
    """Another process publishes: its new stamp reaches this worker through the database."""
    url = f"/de/programme/{programme.slug}/"
    served(client, url)
    with connection.cursor() as cursor:  # what the other worker's transaction left behind
        cursor.execute("UPDATE programmes_programmepage SET summary = %s WHERE page_ptr_id = %s",
                       ["Jetzt auch samstags.", programme.pk])
    assert "Jetzt auch samstags." not in served(client, url)[0]  # no stamp change: still the cached page
    ContentVersion.bump()
    assert "Jetzt auch samstags." in served(client, url)[0]


def test_a_language_no_longer_published_is_not_served_from_the_cache(client, settings, site_tree):
    """Published languages are settings, not content: a deploy that drops one changes no content
    version, yet the translations in it must go at once (found by the privacy sweep, issue 19)."""
    create(slug="sprachcafe-test", translations={"en": {"title": "Language café", "summary": "Practise German."}})
    assert "Language café" in served(client, "/api/v1/programmes/sprachcafe-test/?lang=en")[0]
    settings.WAGTAIL_CONTENT_LANGUAGES = [code for code in settings.WAGTAIL_CONTENT_LANGUAGES if code[0] != "en"]
    assert "Language café" not in served(client, "/api/v1/programmes/sprachcafe-test/?lang=en")[0]


def test_a_draft_save_does_not_reach_visitors(client, programme):
    url = f"/de/programme/{programme.slug}/"
    served(client, url)
    programme.title = "Entwurf: noch nicht freigegeben"
    programme.save_revision()
    assert "Entwurf" not in served(client, url)[0]
    assert "Sprachcafé für Neuzugewanderte" in served(client, url)[0]


def test_languages_are_cached_apart(client, programme):
    german, _ = served(client, "/api/v1/taxonomies/")
    english = client.get("/api/v1/taxonomies/", HTTP_ACCEPT_LANGUAGE="en").json()
    assert '"lang": "de"' in german and '"label": "Sprachförderung"' in german
    assert english["lang"] == "en" and english["themes"][0]["label"] != "Sprachförderung"


def test_signed_in_staff_bypass_the_cache(admin_client, client, programme):
    url = f"/de/programme/{programme.slug}/"
    served(client, url)
    ProgrammePage.objects.filter(pk=programme.pk).update(summary="Nur direkt in der Datenbank geändert.")
    assert "Nur direkt in der Datenbank geändert." in served(admin_client, url)[0]


def test_errors_and_admin_pages_are_never_cached(client, programme):
    assert client.get("/de/programme/gibt-es-nicht/").status_code == 404
    moved = programme.url_path.replace(programme.slug, "gibt-es-nicht")
    ProgrammePage.objects.filter(pk=programme.pk).update(slug="gibt-es-nicht", url_path=moved)
    assert client.get("/de/programme/gibt-es-nicht/").status_code != 404  # no stamp change, yet no stale 404
    _, queries = served(client, "/admin/login/")
    assert served(client, "/admin/login/")[1] == queries


def test_the_cache_can_be_switched_off(settings, client, programme):
    settings.PAGE_CACHE_SECONDS = 0
    url = f"/de/programme/{programme.slug}/"
    _, rendering = served(client, url)
    assert served(client, url)[1] == rendering


def test_feedback_from_a_cached_page_is_accepted_and_other_sites_are_refused(client, programme, settings):
    from feedback.models import Feedback

    url = f"/de/programme/{programme.slug}/"
    served(client, url)
    html, _ = served(client, url)  # the cached copy every visitor gets
    assert "csrfmiddlewaretoken" not in html
    data = {"helpful": "yes", "kind": "page", "page": programme.pk, "next": url}
    assert client.post("/de/feedback/", data, HTTP_ORIGIN="http://testserver").status_code == 302
    settings.CSRF_TRUSTED_ORIGINS = ["https://integration.stuttgart.example"]  # behind a proxy
    assert client.post("/de/feedback/", data, HTTP_ORIGIN="https://integration.stuttgart.example").status_code == 302
    refused = client.post("/de/feedback/", data, HTTP_ORIGIN="https://elsewhere.example")
    assert refused.status_code == 403 and "nur über die Seiten dieser Website" in refused.content.decode()
    assert Feedback.objects.count() == 2
