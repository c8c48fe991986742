"""What follows a publish (publishing/): translations synced, then indexing and page-cache
invalidation enqueued as background tasks when the transaction commits.

The Elasticsearch case never talks to a real cluster: the cluster is a loopback port that
refuses connections, then the recording fake client of test_search_elasticsearch.py.
"""

import socket

import pytest
from django.core.management import call_command
from django_tasks.base import TaskResultStatus
from django_tasks_db.management.commands import db_worker
from django_tasks_db.models import DBTaskResult
from wagtail.models import Locale

from kb.changes import bulk_changes, in_bulk
from pagecache.models import ContentVersion
from search import service as search_service
from search.service import SearchQuery, get_search_service
from tests.test_search_elasticsearch import FakeClient

pytestmark = pytest.mark.django_db

INDEX = "kb-publishing-test"


def found(text):
    return [hit.slug for hit in get_search_service().search(SearchQuery(text=text)).hits]


@pytest.fixture
def refused_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]  # closed again: connections are refused


@pytest.fixture
def elasticsearch_down_and_a_worker_queue(settings, programme, refused_port):
    """Production's setup: Elasticsearch (unreachable here) and tasks queued in the database."""
    search_service._services.clear()
    settings.SEARCH_ENGINE = "search.engines.fallback.from_settings"
    settings.ELASTICSEARCH_URL = f"http://127.0.0.1:{refused_port}"
    settings.ELASTICSEARCH_INDEX = INDEX
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    yield programme
    search_service._services.clear()


def test_a_publish_with_elasticsearch_down_only_queues_the_index_update(elasticsearch_down_and_a_worker_queue, monkeypatch):
    # The test runs inside one transaction: the worker's connection housekeeping would close it
    # on PostgreSQL (autocommit differs from the settings), so it is switched off here only.
    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)
    programme = elasticsearch_down_and_a_worker_queue
    programme.title = "Zauberwürfelturnier am Abend"
    programme.save_revision().publish()  # returns: nothing in the publish waits for the cluster

    queued = {r.task_path for r in DBTaskResult.objects.filter(status=TaskResultStatus.READY)}
    assert {"search.tasks.update_programme", "pagecache.tasks.invalidate_page_cache"} <= queued
    assert found("Zauberwürfelturnier") == []  # written by the worker, not by the publish

    # The cluster is back (a recording fake with the index in place); the worker runs the queue.
    service = get_search_service()
    fake = FakeClient()
    fake.indices_state[f"{INDEX}-20260101000000000000"] = {INDEX}
    service.primary._client, service.primary.bulk = fake, fake.bulk
    service.skip_primary_until = 0.0  # the search above found it down; ELASTICSEARCH_RETRY_AFTER has passed
    call_command("db_worker", "--batch", verbosity=0)

    assert not DBTaskResult.objects.exclude(status=TaskResultStatus.SUCCESSFUL).exists()
    written = [op for call in fake.calls if call[0] == "bulk" for op in call[1]["actions"]]
    assert [(op["_id"], op["_source"]["title"]) for op in written if op["_id"] == programme.pk] == [
        (programme.pk, "Zauberwürfelturnier am Abend")
    ]
    embedded = service.secondary.search(SearchQuery(text="Zauberwürfelturnier")).hits
    assert [hit.slug for hit in embedded] == ["sprachcafe-test"]  # the embedded index has it too


def test_a_draft_save_keeps_the_page_cache(client, programme):
    url = f"/de/programme/{programme.slug}/"
    client.get(url)
    stamp = ContentVersion.current()
    programme.title = "Entwurf: noch nicht freigegeben"
    programme.save_revision()
    assert ContentVersion.current() == stamp
    programme.save_revision().publish()
    assert ContentVersion.current() != stamp


def test_publishing_the_german_source_indexes_its_synced_translations(programme):
    """Sync, then index: the English page is found under the source's new shared data."""
    english = programme.copy_for_translation(Locale.objects.get(language_code="en"))
    english.title = "Language café"
    english.save_revision().publish()
    programme.status, programme.end_year = "completed", 2024
    programme.save_revision().publish()
    hits = get_search_service().search(SearchQuery(lang="en", filters={"status": ["completed"]})).hits
    assert [(hit.slug, hit.lang, hit.status) for hit in hits] == [("sprachcafe-test", "en", "completed")]


def test_bulk_changes_nest_and_end_with_one_invalidation(programme):
    stamp = ContentVersion.current()
    with bulk_changes():
        with bulk_changes():
            assert in_bulk()
        assert in_bulk() and ContentVersion.current() == stamp
    assert not in_bulk() and ContentVersion.current() != stamp
