"""Downloads, export and backup of a catalogue past SQLite's expression limit (about 1,000
contacts in one prefetch gave "Expression tree is too large"): all of it arrives, streamed."""

import csv
import io
import json

import pytest
from django.core.management import call_command

from programmes.chunks import CHUNK_SIZE
from programmes.exchange import import_data
from tests.factories import exchange, record

pytestmark = pytest.mark.django_db

COUNT = 1200  # past the limit, and more than two chunks
assert COUNT > 2 * CHUNK_SIZE


@pytest.fixture
def large(site_tree):
    """COUNT programmes, each with its own contact (the importer's bulk path, as bench/generate.py data is loaded)."""
    contact = record()["contacts"][0]
    import_data(exchange(*[
        record(slug=f"programm-{i:04d}", title=f"Programm {i:04d}", contacts=[{**contact, "email": f"p{i}@example.org"}])
        for i in range(COUNT)
    ]))


def body(response):
    assert response.status_code == 200
    assert response.streaming  # generated while sent, not built in memory first
    return b"".join(response.streaming_content).decode("utf-8")


def test_downloads_of_a_large_catalogue_are_streamed_and_complete(client, large):
    rows = list(csv.DictReader(io.StringIO(body(client.get("/opendata/programme.csv")).lstrip("\ufeff"))))
    assert [r["slug"] for r in rows] == [f"programm-{i:04d}" for i in range(COUNT)]
    outcomes = list(csv.DictReader(io.StringIO(body(client.get("/opendata/ergebnisse.csv")).lstrip("\ufeff"))))
    assert len(outcomes) == COUNT
    data = json.loads(body(client.get("/opendata/programme.json")))
    assert len(data["programmes"]) == COUNT
    assert {r["contacts"][0]["email"] for r in data["programmes"]} == {f"p{i}@example.org" for i in range(COUNT)}


def test_export_and_backup_of_a_large_catalogue(large, tmp_path, settings):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    call_command("export_programmes", str(tmp_path / "all.json"))
    data = json.loads((tmp_path / "all.json").read_text(encoding="utf-8"))
    assert sorted(r["slug"] for r in data["programmes"]) == [f"programm-{i:04d}" for i in range(COUNT)]
    call_command("backup", str(tmp_path / "backup"), stdout=io.StringIO())
    manifest = json.loads((tmp_path / "backup" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["counts"]["programmes"] == COUNT
    backed_up = json.loads((tmp_path / "backup" / "programmes.json").read_text(encoding="utf-8"))
    assert backed_up == data
