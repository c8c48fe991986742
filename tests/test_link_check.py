"""The link checker against a local HTTP server (never the internet)."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.management import call_command

from editorial import links
from editorial.models import LinkCheck
from tests.factories import create

pytestmark = pytest.mark.django_db


class Handler(BaseHTTPRequestHandler):
    release = threading.Event()

    def answer(self, body=True):
        if self.path == "/ok":
            self.send_response(200)
        elif self.path == "/no-head" and self.command == "HEAD":
            self.send_response(405)
        elif self.path == "/no-head":
            self.send_response(200)
        elif self.path == "/slow":
            self.release.wait(5)  # longer than the checker waits; released when the test ends
            self.send_response(200)
        else:
            self.send_response(404)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_HEAD(self):
        self.answer()

    def do_GET(self):
        self.answer()

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    Handler.release.clear()
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    Handler.release.set()
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def no_dns(monkeypatch):
    monkeypatch.setattr(links, "resolves", lambda domain: domain == "example.org")


def contact(**fields):
    return {"name": None, "role": None, "organisation": "Amt", "email": None, "phone": None, "street": None,
            "postcode": None, "city": None, "opening_hours": None, "website": None, "languages": [], **fields}


def test_broken_links_are_found_and_reported(site_tree, server, no_dns, admin_client, settings):
    settings.LINK_CHECK_TIMEOUT = 0.5
    create(slug="gut-test", title="Alles gut", website=f"{server}/ok",
           description=f"Mehr unter {server}/no-head", contacts=[contact(email="info@example.org")])
    create(slug="kaputt-test", title="Kaputte Links", website=f"{server}/gone",
           contacts=[contact(website=f"{server}/slow", email="info@no-such-domain.invalid")])
    call_command("check_links")
    results = {(row.page.slug, row.where): row for row in LinkCheck.objects.select_related("page")}
    assert results[("gut-test", "website")].ok and results[("gut-test", "contact 1 e-mail")].ok
    broken = {key: row for key, row in results.items() if not row.ok}
    assert set(broken) == {
        ("kaputt-test", "website"), ("kaputt-test", "contact 1 website"), ("kaputt-test", "contact 1 e-mail"),
    }
    assert broken[("kaputt-test", "website")].status == 404
    assert "0.5" in broken[("kaputt-test", "contact 1 website")].error
    assert "does not resolve" in broken[("kaputt-test", "contact 1 e-mail")].error

    html = admin_client.get("/admin/links/").content.decode()
    assert "Kaputte Links" in html and f"{server}/gone" in html and "Alles gut" not in html


def test_description_links_are_checked(site_tree, server, no_dns):
    page = create(slug="text-test", website=None, contacts=[])
    page.description = f'<p><a href="{server}/missing">Flyer</a> und <a href="/de/">intern</a></p>'
    page.save_revision().publish()
    rows = links.check_links(timeout=0.5)
    assert [(row.where, row.ok, row.status) for row in rows] == [("description", False, 404)]


def test_each_run_replaces_the_last_and_skips_unpublished(site_tree, server, no_dns):
    page = create(slug="weg-test", website=f"{server}/gone", contacts=[])
    links.check_links(timeout=0.5)
    assert LinkCheck.objects.filter(ok=False).count() == 1
    page.unpublish()
    links.check_links(timeout=0.5)
    assert not LinkCheck.objects.exists()
