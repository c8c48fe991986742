"""Permalinks and the v2 API name the configured public address; uploads are served in production
(issue 19, item 9)."""

import pytest
from django.test import override_settings
from django.urls import clear_url_caches, set_urlconf
from wagtail.models import Site

from programmes.sitetree import ensure_site_tree

pytestmark = pytest.mark.django_db


def test_site_and_v2_detail_url_use_the_configured_base_url(client, programme, settings):
    settings.WAGTAILADMIN_BASE_URL = settings.WAGTAILAPI_BASE_URL = "https://integration.example.org"
    Site.objects.filter(is_default_site=True).update(hostname="localhost", port=80)  # as Wagtail's migration made it
    ensure_site_tree()
    programme.refresh_from_db()
    assert programme.full_url == "https://integration.example.org/de/programme/sprachcafe-test/"
    item = client.get("/api/v2/pages/", {"type": "programmes.ProgrammePage"}).json()["items"][0]
    assert item["meta"]["detail_url"].startswith("https://integration.example.org/api/v2/pages/")
    assert "localhost" not in item["meta"]["html_url"]


@pytest.fixture
def production_urls(settings):
    """The URL configuration as a production process builds it (DEBUG off)."""
    import importlib  # here: the module is reloaded under the changed settings

    import kb.urls

    settings.DEBUG = False
    importlib.reload(kb.urls)
    clear_url_caches()
    yield
    settings.DEBUG = True
    importlib.reload(kb.urls)
    clear_url_caches()
    set_urlconf(None)


def test_uploads_are_served_without_debug_and_cannot_run_as_pages(client, production_urls, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    (tmp_path / "images").mkdir()
    (tmp_path / "images" / "lead.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    response = client.get("/media/images/lead.png")
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert "sandbox" in response["Content-Security-Policy"]
    assert client.get("/media/images/").status_code == 404  # no directory listing
    assert client.get("/media/../kb/settings/base.py").status_code in (400, 404)  # never the file


def test_serve_media_off_leaves_media_to_the_front_server(client, settings):
    import importlib  # here: the module is reloaded under the changed setting

    import kb.urls

    with override_settings(SERVE_MEDIA=False):
        importlib.reload(kb.urls)
        clear_url_caches()
        assert client.get("/media/x.png").status_code == 404
    importlib.reload(kb.urls)
    clear_url_caches()
