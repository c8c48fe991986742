"""Security basics a public body's site must have: CSP, escaping, deploy checks, login and rate limits."""

import os
import re
import subprocess
import sys
from types import SimpleNamespace

import pytest
from django.conf import settings as django_settings

from programmes.exchange import import_data
from programmes.models import ProgrammePage
from tests.factories import create, exchange, record

pytestmark = pytest.mark.django_db

PAYLOAD = '"><script>alert(1)</script><img src=x onerror=alert(2)><a href="javascript:alert(3)">x</a>'
SHORT = '"><script>alert(1)</script><img src=x onerror=alert(2)>'  # fits the 60-character columns
TINY = "<svg onload=alert()>"  # fits the postcode's 20 characters


def _everywhere(payload):
    """An exchange record with `payload` in every free-text field the format has."""
    contact = {
        "name": payload, "role": payload, "organisation": payload, "email": "safe@example.org",
        "phone": SHORT, "street": payload, "postcode": TINY, "city": payload,
        "opening_hours": payload, "website": "https://www.example.org/kontakt", "languages": ["de"],
    }
    outcome = {"indicator": payload, "value": 1, "unit": SHORT, "year": 2020, "source": payload, "note": payload}
    return record(
        title="Titel " + payload, summary="Zusammenfassung " + payload, description=payload + "\n\n" + payload,
        organisation=payload, partners=[payload], funding=payload, keywords=[payload, "Sprachcafé"],
        outcomes=[outcome], contacts=[contact],
        translations={"en": {"title": "Title " + payload, "summary": "Summary " + payload,
                             "description": payload, "keywords": [payload]}},
    )


def _assert_inert(html):
    assert "<script>alert(1)" not in html and "<svg onload" not in html
    assert not re.search(r"<img[^>]*onerror", html)
    assert not re.search(r'<a[^>]*href="javascript:', html)


def test_injection_payloads_in_every_exchange_field_are_rendered_inert(client, site_tree):
    import_data(exchange(_everywhere(PAYLOAD)))
    for url in ("/de/programme/sprachcafe-test/", "/en/programme/sprachcafe-test/", "/de/programme/",
                "/de/suche/?q=Sprachcaf%C3%A9", "/de/"):
        html = client.get(url).content.decode()
        _assert_inert(html)
    body = client.get("/api/v1/search/", {"q": "alert script"}).json()
    for hit in body["results"]:
        assert "<script" not in hit["highlight"] and "<img" not in hit["highlight"]


def test_javascript_urls_never_reach_a_page_from_an_import(site_tree, client):
    """A schema-valid file may hold one; it is left out with a warning, never stored or linked."""
    result = import_data(exchange(record(website="javascript:alert(1)")))
    assert result.warnings == ["programmes[0].website: 'javascript:alert(1)' is not an http(s) address; left out"]
    assert ProgrammePage.objects.get(slug="sprachcafe-test", locale__language_code="de").website == ""
    assert "javascript:" not in client.get("/de/programme/sprachcafe-test/").content.decode()


def test_rich_text_from_the_admin_is_sanitised(site_tree, client):
    page = create()
    page.description = '<p>ok</p><script>alert(1)</script><p onmouseover="alert(2)">x</p><a href="javascript:alert(3)">y</a>'
    page.save_revision().publish()
    _assert_inert(client.get(page.url).content.decode())


def test_public_pages_send_a_strict_csp_and_use_no_inline_code(client, site_tree):
    create()
    for url in ("/de/", "/de/programme/", "/de/programme/sprachcafe-test/", "/de/suche/?q=Kurs"):
        response = client.get(url)
        policy = response["Content-Security-Policy"]
        assert "script-src 'self'" in policy and "unsafe-inline" not in policy and "object-src 'none'" in policy
        html = response.content.decode()
        # no inline scripts; JSON-LD is data that browsers never execute
        assert not re.search(r"<script(?![^>]*\b(src=|type=\"application/ld\+json\"))[^>]*>", html), url
        assert not re.search(r"<style|\sstyle=\"", html), url  # no inline styles


def test_production_settings_pass_check_deploy():
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "kb.settings.production",
           "SECRET_KEY": "x" * 20 + "production-check-only-not-a-real-secret-0123", "ALLOWED_HOSTS": "kb.example.org"}
    env.pop("DATABASE_URL", None)
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set for the browser tests only
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=django_settings.BASE_DIR, env=env, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "kb.settings.production", "ALLOWED_HOSTS": "kb.example.org"}
    env.pop("SECRET_KEY", None)
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=django_settings.BASE_DIR, env=env,
        capture_output=True, text=True, timeout=120,
    )
    assert result.returncode != 0 and "SECRET_KEY must be set" in result.stderr


@pytest.mark.parametrize("key", ["a" * 45, "ab" * 30, "django-insecure-" + "k3y" * 20])
def test_production_refuses_a_secret_key_check_deploy_would_warn_about(key):
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "kb.settings.production", "ALLOWED_HOSTS": "kb.example.org",
           "SECRET_KEY": key}
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=django_settings.BASE_DIR, env=env,
        capture_output=True, text=True, timeout=120,
    )
    assert result.returncode != 0 and "SECRET_KEY must be set" in result.stderr


def test_admin_login_locks_out_after_repeated_failures(client, django_user_model):
    django_user_model.objects.create_superuser("redaktion", "r@example.org", "richtiges-passwort-1")
    for _ in range(django_settings.AXES_FAILURE_LIMIT - 1):
        response = client.post("/admin/login/", {"username": "redaktion", "password": "falsch"})
        assert response.status_code == 200  # the form again, with an error
    assert client.post("/admin/login/", {"username": "redaktion", "password": "falsch"}).status_code == 429
    response = client.post("/admin/login/", {"username": "redaktion", "password": "richtiges-passwort-1"})
    assert response.status_code == 429  # locked, even with the right password
    # another address is not locked out
    other = client.post("/admin/login/", {"username": "redaktion", "password": "richtiges-passwort-1"},
                        REMOTE_ADDR="10.0.0.8")
    assert other.status_code == 302


def test_search_and_api_are_rate_limited_per_client(client, site_tree, settings, monkeypatch):
    from django.core.cache import cache

    from kb import middleware

    monkeypatch.setattr(middleware, "time", SimpleNamespace(time=lambda: 1_800_000_010.0))  # one window
    cache.clear()
    settings.RATE_LIMITS = {"search": (3, 60), "api": (5, 60)}
    for _ in range(3):
        assert client.get("/api/v1/search/", {"q": "Kurs"}).status_code == 200
    limited = client.get("/api/v1/search/", {"q": "Kurs"})
    assert limited.status_code == 429 and 1 <= int(limited["Retry-After"]) <= 61
    assert "Too many requests" in limited.json()["error"]
    assert client.get("/de/suche/", {"q": "Kurs"}).status_code == 429  # the page shares the search budget
    assert client.get("/api/v1/search/", {"q": "Kurs"}, REMOTE_ADDR="10.0.0.9").status_code == 200
    assert client.get("/de/").status_code == 200  # ordinary pages are not limited


def test_feedback_posts_have_their_own_budget(client, settings):
    from django.core.cache import cache

    from kb.middleware import RateLimitMiddleware

    cache.clear()
    settings.RATE_LIMITS = {"feedback": (2, 600)}
    assert RateLimitMiddleware.bucket("/de/programme/sprachcafe/feedback/") == "feedback"
    statuses = [client.post("/de/programme/sprachcafe/feedback/").status_code for _ in range(3)]
    assert statuses[2] == 429 and statuses[0] != 429


def test_forwarded_for_cannot_buy_a_fresh_rate_limit_bucket(client, site_tree, settings):
    """Behind one trusted proxy, the client is the address that proxy appended (the rightmost)."""
    from django.core.cache import cache

    cache.clear()
    settings.TRUSTED_PROXY_COUNT = 1
    settings.RATE_LIMITS = {"search": (3, 60)}
    statuses = [
        client.get("/api/v1/search/", {"q": "Kurs"}, HTTP_X_FORWARDED_FOR=f"10.9.9.{i}, 203.0.113.7").status_code
        for i in range(4)
    ]
    assert statuses == [200, 200, 200, 429]  # a new spoofed leftmost entry each time did not help
    other = client.get("/api/v1/search/", {"q": "Kurs"}, HTTP_X_FORWARDED_FOR="10.9.9.1, 203.0.113.8")
    assert other.status_code == 200  # a different client behind the same proxy has its own budget


def test_client_address_rule(rf, settings):
    from kb.clients import client_address

    request = rf.get("/", HTTP_X_FORWARDED_FOR="1.1.1.1, 2.2.2.2, 3.3.3.3", REMOTE_ADDR="10.0.0.1")
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_address(request) == "10.0.0.1"  # no proxy trusted: the header is ignored
    settings.TRUSTED_PROXY_COUNT = 2
    assert client_address(request) == "2.2.2.2"
    settings.TRUSTED_PROXY_COUNT = 5
    assert client_address(request) == "10.0.0.1"  # fewer entries than proxies: only the socket


def test_login_lockout_uses_the_same_client_rule(client, django_user_model, settings):
    from axes.helpers import get_client_ip_address

    settings.TRUSTED_PROXY_COUNT = 1
    request = client.get("/").wsgi_request
    request.META.update(HTTP_X_FORWARDED_FOR="6.6.6.6, 198.51.100.4")
    assert get_client_ip_address(request) == "198.51.100.4"


def test_atom_feed_survives_control_characters_and_declares_text(client, site_tree):
    import xml.etree.ElementTree as ET

    from programmes.models import ProgrammePage

    create(slug="steuerzeichen", title="Kurs", summary="<b>fett</b> gemeint")
    ProgrammePage.objects.filter(slug="steuerzeichen").update(title="Kurs\x01 mit Steuerzeichen")
    response = client.get("/opendata/programme.atom")
    assert response.status_code == 200
    entry = ET.fromstring(response.content).find("{http://www.w3.org/2005/Atom}entry")
    assert entry.find("{http://www.w3.org/2005/Atom}title").text == "Kurs mit Steuerzeichen"
    summary = entry.find("{http://www.w3.org/2005/Atom}summary")
    assert summary.get("type") == "text" and summary.text == "<b>fett</b> gemeint"


@pytest.mark.parametrize("cell", [" =1+1", "\n=1+1", "\u00a0@SUM(A1)", "\uff1dHYPERLINK(\"x\")", "\u3000+1", "\uff0b1"])
def test_csv_neutralises_formulas_hidden_behind_white_space_or_full_width_signs(cell):
    from opendata.exports import safe_cell

    assert safe_cell(cell) == "'" + cell
    assert safe_cell("Sprachcafé = Treffpunkt") == "Sprachcafé = Treffpunkt"
    assert safe_cell(-3.5) == -3.5


def _simulate(monkeypatch, settings, clients, seconds):
    """Run (time, address) requests through the rate limiter on a fake clock; return the 429 count."""
    from django.core.cache import cache
    from django.http import HttpResponse
    from django.test import RequestFactory

    from kb import middleware
    from kb.settings import base

    cache.clear()
    settings.RATE_LIMITS = base.RATE_LIMITS  # the production defaults, not the test settings' huge ones
    settings.TRUSTED_PROXY_COUNT = 0
    limiter = middleware.RateLimitMiddleware(lambda request: HttpResponse("ok"))
    factory = RequestFactory()
    events = sorted((t, address) for address, times in clients for t in times if t < seconds)
    refused = 0
    for moment, address in events:
        monkeypatch.setattr(middleware, "time", SimpleNamespace(time=lambda moment=moment: 1_800_000_000 + moment))
        request = factory.get("/de/suche/", {"q": "Deutschkurs"}, REMOTE_ADDR=address)
        refused += limiter(request).status_code == 429
    return refused


def test_a_shelter_wifi_full_of_people_is_not_rate_limited_but_a_scraper_is(monkeypatch, settings):
    import random

    rng = random.Random(7)
    people = []
    for _ in range(30):  # 30 people behind one address, each searching or filtering every 2-12 s
        t, times = rng.uniform(0, 5), []
        while t < 600:
            times.append(t)
            t += rng.uniform(2, 12)
        people.append(("192.0.2.10", times))
    assert _simulate(monkeypatch, settings, people, 600) == 0
    scraper = [("198.51.100.99", [i / 15 for i in range(15 * 60)])]  # 15 requests a second
    assert _simulate(monkeypatch, settings, scraper, 60) > 0


def test_rate_limited_visitors_get_a_page_in_their_language_that_keeps_their_search(client, site_tree, settings):
    from django.core.cache import cache

    cache.clear()
    settings.RATE_LIMITS = {"search": (1, 60)}
    client.get("/ar/suche/", {"q": "دورة لغة"})
    response = client.get("/ar/suche/", {"q": "دورة لغة"})
    assert response.status_code == 429 and response["Retry-After"]
    html = response.content.decode()
    assert '<html lang="ar" dir="rtl">' in html
    assert 'value="دورة لغة"' in html and 'action="/ar/suche/"' in html
    assert "Too many requests" not in html and "يرجى الانتظار قليلاً" in html
