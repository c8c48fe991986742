"""Graceful degradation: Elasticsearch configured but down or hanging (docs/elasticsearch.md).

Searches fall back to the embedded engine within a bounded time and say so (`engine:
"embedded"`); page writes Elasticsearch missed are queued (`PendingIndexUpdate`) and replayed.
Elasticsearch here is a loopback port that refuses connections, or a loopback server that
accepts them and never answers; replay runs against the recording fake client of
test_search_elasticsearch.py.
"""

import logging
import socket
import threading
import time

import pytest
from django.core.management import CommandError, call_command
from elastic_transport import ApiResponseMeta, HttpHeaders, NodeConfig
from elasticsearch import ApiError
from elasticsearch import ConnectionError as ESConnectionError

from programmes.exchange import import_data
from programmes.models import ProgrammePage
from search import service as search_service
from search.engines.fallback import FallbackSearchService
from search.models import PendingIndexUpdate
from search.service import SearchQuery, SearchResults, SearchUnavailable, get_search_service
from tests.factories import exchange, record
from tests.test_admin import edit_form
from tests.test_search_elasticsearch import FakeClient

pytestmark = pytest.mark.django_db

TIMEOUT = 0.5  # ELASTICSEARCH_TIMEOUT in these tests

INDEX = "kb-fallback-test"


@pytest.fixture(autouse=True)
def fresh_services():
    search_service._services.clear()
    yield
    search_service._services.clear()


@pytest.fixture
def catalogue(site_tree):
    """Imported with the embedded engine (the test default), before Elasticsearch is configured."""
    import_data(exchange(
        record(slug="sprachfoerderung-kita", title="Sprachförderung in Kitas",
               summary="Alltagsintegrierte Sprachförderung für Kinder in Kindertagesstätten.",
               description="Erzieherinnen fördern die Sprache im Alltag.", keywords=["Kita"]),
        record(slug="sprachcafe-test"),
    ))


@pytest.fixture
def refused_port():
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()  # nothing listens there now: connection refused
    return port


class HangingServer:
    """A loopback server that accepts connections and never answers (a hung cluster)."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.sock.settimeout(0.05)
        self.port = self.sock.getsockname()[1]
        self.accepted = []
        self.stopping = threading.Event()
        self.thread = threading.Thread(target=self.run, daemon=True)
        self.thread.start()

    def run(self):
        while not self.stopping.is_set():
            try:
                conn, _addr = self.sock.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            self.accepted.append(conn)  # hold it open, say nothing

    def stop(self):
        self.stopping.set()
        self.thread.join(timeout=5)
        self.sock.close()
        for conn in self.accepted:
            conn.close()


@pytest.fixture
def hanging_port():
    server = HangingServer()
    yield server.port
    server.stop()
    assert not server.thread.is_alive()


@pytest.fixture(params=["refused", "hanging"])
def es_down(request, settings, catalogue):
    """Settings pointing Elasticsearch at a dead port; returns the kind."""
    port = request.getfixturevalue(f"{request.param}_port")
    settings.SEARCH_ENGINE = "search.engines.fallback.from_settings"
    settings.ELASTICSEARCH_URL = f"http://127.0.0.1:{port}"
    settings.ELASTICSEARCH_INDEX = INDEX
    settings.ELASTICSEARCH_TIMEOUT = TIMEOUT
    settings.ELASTICSEARCH_RETRY_AFTER = 30
    # Page writes use the engine's own timeout (10 s by default); shortened so the hanging
    # case stays quick, and to show writes are bounded by one timeout (no retry on timeout).
    get_search_service().primary.request_timeout = TIMEOUT
    return request.param


def api_error(status):
    meta = ApiResponseMeta(status=status, http_version="1.1", headers=HttpHeaders(), duration=0.0,
                           node=NodeConfig("http", "localhost", 9200))
    return ApiError("rejected", meta, {"error": "rejected"})


def timed(call):
    start = time.monotonic()
    result = call()
    return result, time.monotonic() - start


def fallback_warnings(caplog):
    return [r for r in caplog.records if r.name == "search.engines.fallback" and r.levelno == logging.WARNING]


# --- searching ------------------------------------------------------------------------------

def test_search_falls_back_within_bounded_time_and_says_so(client, es_down, caplog):
    caplog.set_level(logging.INFO, logger="search.engines.fallback")
    service = get_search_service()
    assert isinstance(service, FallbackSearchService)

    response, first = timed(lambda: client.get("/api/v1/search/", {"q": "Kita"}))
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["engine"] == "embedded" and body["results"][0]["slug"] == "sprachfoerderung-kita"
    [warning] = fallback_warnings(caplog)
    assert "embedded engine" in warning.getMessage() and "skipping Elasticsearch for 30 s" in warning.getMessage()
    assert service.primary_down()

    # The breaker is open: the next requests do not wait for the cluster at all.
    response, second = timed(lambda: client.get("/api/v1/search/", {"q": "Sprachcafé"}))
    assert response.status_code == 200 and response.json()["engine"] == "embedded"
    assert response.json()["results"][0]["slug"] == "sprachcafe-test"
    response, third = timed(lambda: client.get("/api/v1/search/autocomplete/", {"q": "Sprachf"}))
    assert response.json()["suggestions"] == ["Sprachförderung in Kitas"]
    assert len(fallback_warnings(caplog)) == 1  # one warning per outage, not per request

    page = client.get("/de/suche/", {"q": "Kita"})
    assert page.status_code == 200 and "Sprachförderung in Kitas" in page.content.decode()
    print(f"\n{es_down}: first search {first * 1000:.0f} ms, with breaker open {second * 1000:.0f} ms, "
          f"autocomplete {third * 1000:.0f} ms")


def test_autocomplete_falls_back_too(client, es_down):
    response = client.get("/api/v1/search/autocomplete/", {"q": "Sprachf"})
    assert response.status_code == 200 and response.json()["suggestions"] == ["Sprachförderung in Kitas"]


def test_both_engines_down_gives_503(client, es_down, monkeypatch):
    from django.db import DatabaseError

    from search.engines.embedded import EmbeddedEngine

    def broken(self, *args, **kwargs):
        raise DatabaseError("no database either")

    monkeypatch.setattr(EmbeddedEngine, "search", broken)
    monkeypatch.setattr(EmbeddedEngine, "autocomplete", broken)
    response = client.get("/api/v1/search/", {"q": "Kita"})
    assert response.status_code == 503 and response["Retry-After"] == "60"
    response = client.get("/api/v1/search/autocomplete/", {"q": "Sprachf"})
    assert response.status_code == 503


# --- the circuit breaker, with stand-in engines ----------------------------------------------

class StubEngine:
    def __init__(self, name, error=None):
        self.name, self.error, self.calls = name, error, 0

    def search(self, query):
        self.calls += 1
        if self.error:
            raise self.error
        return SearchResults(query=query, engine=self.name, total=0, hits=[], facets={})


def test_breaker_skips_the_primary_for_retry_after_then_tries_again():
    now = [100.0]
    unreachable = SearchUnavailable("down")
    unreachable.__cause__ = ESConnectionError("connection refused")
    primary, secondary = StubEngine("elasticsearch", unreachable), StubEngine("embedded")
    service = FallbackSearchService(primary, secondary, retry_after=30, clock=lambda: now[0])

    assert service.search(SearchQuery()).engine == "embedded" and primary.calls == 1
    now[0] += 29
    assert service.search(SearchQuery()).engine == "embedded" and primary.calls == 1  # skipped
    now[0] += 2
    primary.error = None  # the cluster is back
    assert service.search(SearchQuery()).engine == "elasticsearch" and primary.calls == 2


def test_a_rejected_query_falls_back_without_opening_the_breaker():
    bad_request = SearchUnavailable("Elasticsearch answered 400")
    bad_request.__cause__ = api_error(400)
    primary = StubEngine("elasticsearch", bad_request)
    service = FallbackSearchService(primary, StubEngine("embedded"))
    assert service.search(SearchQuery()).engine == "embedded"
    assert not service.primary_down()
    service.search(SearchQuery())
    assert primary.calls == 2


# --- writing, queueing and replay -------------------------------------------------------------

def queued():
    return sorted(PendingIndexUpdate.objects.values_list("page_id", "action"))


def test_publishing_in_the_admin_succeeds_and_queues_the_update(admin_client, client, es_down, caplog):
    page = ProgrammePage.objects.get(slug="sprachcafe-test", locale__language_code="de")
    response, took = timed(lambda: admin_client.post(
        f"/admin/pages/{page.pk}/edit/", edit_form(page, title="Erzählcafé am Nachmittag")))
    assert response.status_code == 302, response.content.decode()[:2000]
    assert ProgrammePage.objects.get(pk=page.pk).title == "Erzählcafé am Nachmittag"
    assert (page.pk, "index") in queued()
    assert any("queued for replay" in r.getMessage() for r in fallback_warnings(caplog))
    # The embedded index has the edit at once, and answers while the cluster is down.
    body = client.get("/api/v1/search/", {"q": "Erzählcafé"}).json()
    assert body["engine"] == "embedded" and [r["slug"] for r in body["results"]] == ["sprachcafe-test"]
    print(f"\n{es_down}: admin publish with Elasticsearch down {took * 1000:.0f} ms")


def test_unpublish_and_delete_queue_removals(es_down, django_capture_on_commit_callbacks):
    page = ProgrammePage.objects.get(slug="sprachfoerderung-kita", locale__language_code="de")
    with django_capture_on_commit_callbacks(execute=True):
        page.unpublish()
    with django_capture_on_commit_callbacks(execute=True):
        ProgrammePage.objects.get(pk=page.pk).delete()
    assert (page.pk, "remove") in queued()
    assert get_search_service().search(SearchQuery(text="Kita")).hits == []  # gone from the embedded index


@pytest.fixture
def cluster_back():
    """The cluster is back: the wrapper's Elasticsearch engine now talks to a recording fake."""

    def install(service, alias=True):
        fake = FakeClient()
        if alias:
            fake.indices_state[f"{INDEX}-20260101000000000000"] = {INDEX}
        service.primary._client = fake
        service.primary.bulk = fake.bulk
        service.skip_primary_until = 0.0
        return fake

    return install


def bulk_ops(fake):
    return sorted((op.get("_op_type", "index"), op["_id"]) for call in fake.calls if call[0] == "bulk"
                  for op in call[1]["actions"])


def test_replay_command_writes_the_queue_and_empties_it(es_down, cluster_back):
    live = ProgrammePage.objects.get(slug="sprachcafe-test", locale__language_code="de")
    live.title = "Erzählcafé"
    live.save_revision().publish()
    gone = ProgrammePage.objects.get(slug="sprachfoerderung-kita", locale__language_code="de")
    gone.unpublish()
    assert {(live.pk, "index"), (gone.pk, "remove")} <= set(queued())

    fake = cluster_back(get_search_service())
    fake.fail_bulk = True  # still failing: the queue stays
    with pytest.raises(CommandError, match="stay queued"):
        call_command("search_index", "replay")
    assert queued()

    fake.fail_bulk = False
    call_command("search_index", "replay")
    assert PendingIndexUpdate.objects.count() == 0
    ops = bulk_ops(fake)
    assert ("index", live.pk) in ops and ("delete", gone.pk) in ops
    written = next(a for call in fake.calls if call[0] == "bulk" for a in call[1]["actions"] if a["_id"] == live.pk)
    assert written["_source"]["title"] == "Erzählcafé"  # the page as it is now


def test_next_successful_write_replays_the_queue(es_down, cluster_back):
    first = ProgrammePage.objects.get(slug="sprachcafe-test", locale__language_code="de")
    first.save_revision().publish()
    assert (first.pk, "index") in queued()

    fake = cluster_back(get_search_service())
    other = ProgrammePage.objects.get(slug="sprachfoerderung-kita", locale__language_code="de")
    other.save_revision().publish()  # written to Elasticsearch, then the queue follows
    assert PendingIndexUpdate.objects.count() == 0
    assert {("index", first.pk), ("index", other.pk)} <= set(bulk_ops(fake))


def test_rebuild_writes_both_indexes_and_clears_the_queue(es_down, cluster_back, capsys):
    ProgrammePage.objects.get(slug="sprachcafe-test", locale__language_code="de").save_revision().publish()
    assert queued()
    fake = cluster_back(get_search_service(), alias=False)
    call_command("search_index", "rebuild")
    assert "embedded and elasticsearch" in capsys.readouterr().out
    assert PendingIndexUpdate.objects.count() == 0
    assert "indices.update_aliases" in fake.names()
