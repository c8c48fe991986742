"""`manage.py backup` / `restore`: a round trip loses nothing the public page shows, and a
damaged backup or a failing restore leaves the database (and MEDIA_ROOT) as it was."""

import datetime
import hashlib
import io
import json

import pytest
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.core.management import CommandError, call_command
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Revision

from programmes.backup import collect_extras
from programmes.exchange import export_data
from programmes.models import ProgrammeAttachment, ProgrammePage
from tests.factories import create

pytestmark = pytest.mark.django_db

ENGLISH = {"en": {"title": "Language café", "summary": "Practise German every Tuesday.",
                  "description": "People learning German meet here.", "keywords": ["conversation"]}}


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return tmp_path / "media"


@pytest.fixture
def catalogue(site_tree, media):
    """Two programmes: one with an English translation, one with a lead image, a document and extras."""
    create(slug="sprachcafe", translations=ENGLISH)
    page = create(slug="welcome-center", title="Welcome Center Stuttgart", related=["sprachcafe"])
    buffer = io.BytesIO()
    PILImage.new("RGB", (640, 320), "#004c8c").save(buffer, "PNG")
    image = get_image_model()(title="Welcome Center, Eingang", file=ImageFile(buffer, name="welcome.png"))
    image.save()
    document = get_document_model()(title="Jahresbericht 2023", file=ContentFile(b"%PDF-1.4 report", name="bericht.pdf"))
    document.save()
    page.lead_image, page.lead_image_alt = image, "Eingang des Welcome Centers am Marktplatz"
    page.last_reviewed, page.contains_sample_data = datetime.date(2026, 3, 1), True
    page.plain_summary = "Hier bekommen Sie Hilfe, wenn Sie neu in Stuttgart sind."
    page.attachments = [ProgrammeAttachment(document=document, kind="report")]
    page.save_revision().publish()
    return page


def snapshot():
    """Everything a restore may touch, to compare before and after a failed one."""
    return export_data(), collect_extras(), Revision.objects.count(), ProgrammePage.objects.count()


def media_files(root):
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()) if root.exists() else []


def resign(directory, name):
    """Make the manifest agree with an edited file: the damage then has to be caught by restore itself."""
    manifest = json.loads((directory / "manifest.json").read_text())
    manifest["files"][name] = hashlib.sha256((directory / name).read_bytes()).hexdigest()
    (directory / "manifest.json").write_text(json.dumps(manifest))


def test_round_trip_into_an_empty_site(catalogue, media, tmp_path, client, django_capture_on_commit_callbacks):
    image_path = catalogue.lead_image.file.name
    image_bytes = (media / image_path).read_bytes()
    before = json.dumps(export_data(), sort_keys=True)
    target = tmp_path / "backup"
    call_command("backup", str(target))

    manifest = json.loads((target / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["counts"] == {"programmes": 2, "translations": 1, "media_files": len(media_files(media))}
    assert f"media/{image_path}" in manifest["files"]
    assert json.loads((target / "programmes.json").read_text(encoding="utf-8")) == export_data()
    extras = json.loads((target / "extras.json").read_text(encoding="utf-8"))["programmes"]["welcome-center"]
    assert extras["lead_image"]["file"] == image_path
    assert extras["lead_image"]["alt"]["de"] == "Eingang des Welcome Centers am Marktplatz"

    ProgrammePage.objects.all().delete()  # lose everything: pages, images, documents, files
    get_image_model().objects.all().delete()
    get_document_model().objects.all().delete()
    for path in media.rglob("*"):
        if path.is_file():
            path.unlink()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("restore", str(target), stdout=io.StringIO())

    assert json.dumps(export_data(), sort_keys=True) == before
    page = ProgrammePage.objects.get(slug="welcome-center", locale__language_code="de")
    assert page.lead_image.file.name == image_path
    assert (page.lead_image.width, page.lead_image.height) == (640, 320)
    assert (media / image_path).read_bytes() == image_bytes
    assert page.lead_image_alt == "Eingang des Welcome Centers am Marktplatz"
    assert page.last_reviewed == datetime.date(2026, 3, 1) and page.contains_sample_data
    assert page.plain_summary.startswith("Hier bekommen Sie Hilfe")
    assert [(a.document.title, a.kind) for a in page.attachments.all()] == [("Jahresbericht 2023", "report")]
    english = ProgrammePage.objects.get(slug="sprachcafe", locale__language_code="en")
    assert english.title == "Language café" and english.live
    assert page.live and page.live_revision.as_object().lead_image_id == page.lead_image_id  # editors see it too

    html = client.get(page.url).content.decode()
    assert 'alt="Eingang des Welcome Centers am Marktplatz"' in html
    assert "Jahresbericht 2023" in html


def test_restoring_twice_changes_nothing_the_second_time(catalogue, media, tmp_path, django_capture_on_commit_callbacks):
    call_command("backup", str(tmp_path / "backup"))
    revisions = Revision.objects.count()
    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("restore", str(tmp_path / "backup"), stdout=out)
    assert "0 created, 0 updated, 2 unchanged, 0 with images/review data changed" in out.getvalue()
    assert Revision.objects.count() == revisions


def test_backup_refuses_a_non_empty_directory(catalogue, tmp_path):
    target = tmp_path / "backup"
    target.mkdir()
    (target / "notes.txt").write_text("keep me")
    with pytest.raises(CommandError, match="not empty"):
        call_command("backup", str(target))
    assert [p.name for p in target.iterdir()] == ["notes.txt"]
    with pytest.raises(CommandError, match="inside MEDIA_ROOT"):
        call_command("backup", str(tmp_path / "media" / "backup"))


def test_a_checksum_mismatch_names_the_file_and_writes_nothing(catalogue, media, tmp_path):
    target = tmp_path / "backup"
    call_command("backup", str(target))
    image_path = catalogue.lead_image.file.name
    (target / "media" / image_path).write_bytes(b"not the image")
    (target / "extras.json").unlink()
    ProgrammePage.objects.all().delete()
    get_image_model().objects.all().delete()
    for path in media.rglob("*"):
        if path.is_file():
            path.unlink()
    with pytest.raises(CommandError) as error:
        call_command("restore", str(target))
    assert f"media/{image_path}: checksum mismatch" in str(error.value)
    assert "extras.json: missing" in str(error.value)
    assert ProgrammePage.objects.count() == 0 and get_image_model().objects.count() == 0
    assert media_files(media) == []


def test_a_corrupt_programmes_file_leaves_existing_data_untouched(catalogue, tmp_path):
    target = tmp_path / "backup"
    call_command("backup", str(target))
    catalogue.title = "Welcome Center (edited after the backup)"
    catalogue.save_revision().publish()
    before = snapshot()
    text = (target / "programmes.json").read_text(encoding="utf-8")
    (target / "programmes.json").write_text(text[: len(text) // 2], encoding="utf-8")

    with pytest.raises(CommandError, match=r"programmes\.json: checksum mismatch"):
        call_command("restore", str(target))
    resign(target, "programmes.json")
    with pytest.raises(CommandError, match=r"programmes\.json: file: not valid JSON"):
        call_command("restore", str(target))
    assert snapshot() == before


def test_a_failure_after_the_import_rolls_the_import_back(catalogue, media, tmp_path):
    """The importer has already written the backup's titles when the extras fail: all of it is undone."""
    target = tmp_path / "backup"
    call_command("backup", str(target))
    catalogue.title = "Welcome Center (edited after the backup)"
    catalogue.last_reviewed = datetime.date(2027, 1, 1)
    catalogue.save_revision().publish()
    before = snapshot()
    extras = json.loads((target / "extras.json").read_text(encoding="utf-8"))
    extras["programmes"]["welcome-center"]["last_reviewed"] = "2026-13-45"
    (target / "extras.json").write_text(json.dumps(extras), encoding="utf-8")
    resign(target, "extras.json")

    with pytest.raises(CommandError, match=r"extras\.json: programmes\.welcome-center: malformed entry"):
        call_command("restore", str(target))
    assert snapshot() == before
    assert ProgrammePage.objects.get(slug="welcome-center", locale__language_code="de").title.endswith("backup)")
