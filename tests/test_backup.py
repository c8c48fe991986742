"""`manage.py backup` / `restore`: a round trip loses nothing the public page shows, and a
damaged backup or a failing restore leaves the database (and MEDIA_ROOT) as it was."""

import datetime
import hashlib
import io
import json

import pytest
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.core.management import CommandError, call_command
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Locale, PageViewRestriction, Revision

from programmes import record as programme_record
from programmes.backup import collect_extras
from programmes.exchange import TAXONOMIES, catalogue_for, export_data
from programmes.models import ProgrammeAttachment, ProgrammePage
from programmes.models.contacts import contact_for
from search.models import VOCABULARY_NAMESPACE, Concept
from tests.factories import concept, create, record

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
    assert manifest["counts"] == {"programmes": 2, "translations": 1, "media_files": len(media_files(media)),
                                  "concepts": Concept.objects.count()}
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
    assert "0 created, 0 updated, 2 unchanged, 0 with images/review data or state changed, 0 vocabulary concept(s) changed" in out.getvalue()
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


# --- publication state, privacy, links and images (issue 19.2) -----------------------------------

def draft_only(slug, title):
    """A new programme an editor saved as a draft and never published."""
    default = Locale.get_default()
    page = ProgrammePage(slug=slug, locale=default, live=False)
    taxonomies = {key: model.objects.in_bulk(field_name="slug") for key, model in TAXONOMIES}
    programme_record.apply(page, record(slug=slug, title=title), taxonomies, contact_for)
    catalogue_for(default).add_child(instance=page)
    page.save_revision()
    return page


def wipe(media):
    """Lose everything a restore brings back: pages, images, documents, files."""
    ProgrammePage.objects.all().delete()
    get_image_model().objects.all().delete()
    get_document_model().objects.all().delete()
    for path in media.rglob("*"):
        if path.is_file():
            path.unlink()


def test_round_trip_keeps_drafts_unpublished_pages_and_privacy(
    catalogue, media, tmp_path, client, django_capture_on_commit_callbacks,
):
    draft_only("entwurf", "Neues Programm im Entwurf")
    closed = create(slug="beendet", title="Beendetes Programm")
    closed.unpublish()
    catalogue.title = "Welcome Center (Entwurf einer Änderung)"
    catalogue.save_revision()  # a newer draft of a live page
    editors = Group.objects.create(name="Redaktion Sprache")
    german = ProgrammePage.objects.get(slug="sprachcafe", locale__language_code="de")
    english = ProgrammePage.objects.get(slug="sprachcafe", locale__language_code="en")
    PageViewRestriction.objects.create(page=german, restriction_type="password", password="geheim-123")
    PageViewRestriction.objects.create(page=english, restriction_type="groups").groups.set([editors])

    childcare = concept("kita", de=["Kita", "Kindertagesstätte"], en=["daycare", "nursery"])
    concept("kita-platz", broader=[childcare], de=["Kitaplatz"], uk=["місце в садочку"])

    call_command("backup", str(tmp_path / "backup"))
    wipe(media)
    Concept.objects.all().delete()  # the synonyms search expands a query with
    with django_capture_on_commit_callbacks(execute=True):
        call_command("restore", str(tmp_path / "backup"), stdout=io.StringIO())

    draft = ProgrammePage.objects.get(slug="entwurf")
    assert not draft.live and draft.first_published_at is None and draft.live_revision is None
    assert draft.latest_revision.as_object().title == "Neues Programm im Entwurf"
    assert client.get(draft.url or "/de/programme/entwurf/").status_code == 404
    closed = ProgrammePage.objects.get(slug="beendet")
    assert not closed.live and closed.first_published_at is not None
    assert client.get("/de/programme/beendet/").status_code == 404
    assert client.get("/api/v1/programmes/beendet/").status_code == 404

    welcome = ProgrammePage.objects.get(slug="welcome-center", locale__language_code="de")
    assert welcome.live and welcome.has_unpublished_changes
    assert welcome.title == "Welcome Center Stuttgart"  # the public keeps seeing the live version
    assert welcome.latest_revision.as_object().title == "Welcome Center (Entwurf einer Änderung)"
    assert "Entwurf einer Änderung" not in client.get(welcome.url).content.decode()

    german = ProgrammePage.objects.get(slug="sprachcafe", locale__language_code="de")
    english = ProgrammePage.objects.get(slug="sprachcafe", locale__language_code="en")
    assert [(r.restriction_type, r.password) for r in german.view_restrictions.all()] == [("password", "geheim-123")]
    assert [list(r.groups.values_list("name", flat=True)) for r in english.view_restrictions.all()] == [
        ["Redaktion Sprache"]]
    assert "Ehrenamtliche moderieren" not in client.get(german.url).content.decode()  # asks for the password

    place = Concept.objects.get(uri=VOCABULARY_NAMESPACE + "kita-platz")
    assert [b.uri for b in place.broader.all()] == [VOCABULARY_NAMESPACE + "kita"]
    assert [(t.lang, t.kind, t.text) for t in Concept.objects.get(uri=VOCABULARY_NAMESPACE + "kita").labels.all()] == [
        ("de", "pref", "Kita"), ("de", "alt", "Kindertagesstätte"), ("en", "pref", "daycare"), ("en", "alt", "nursery")]
    assert place.pref_label("uk") == "місце в садочку"

    revisions = Revision.objects.count()
    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("restore", str(tmp_path / "backup"), stdout=out)
    assert Revision.objects.count() == revisions  # a second restore finds everything in place
    assert "0 with images/review data or state changed, 0 vocabulary concept(s) changed" in out.getvalue()


def test_backup_and_restore_do_not_follow_symbolic_links(catalogue, media, tmp_path, django_capture_on_commit_callbacks):
    secret = tmp_path / "secret.txt"
    secret.write_text("root:x:0:0")
    (media / "documents").mkdir(exist_ok=True)
    (media / "documents" / "passwd").symlink_to(secret)
    target = tmp_path / "backup"
    err = io.StringIO()
    call_command("backup", str(target), stderr=err, stdout=io.StringIO())
    assert "documents/passwd is a symbolic link; it is not backed up" in err.getvalue()
    assert "media/documents/passwd" not in json.loads((target / "manifest.json").read_text())["files"]

    (target / "media" / "documents").mkdir(exist_ok=True)
    (target / "media" / "documents" / "passwd").symlink_to(secret)  # a tampered backup
    resign(target, "media/documents/passwd")
    (media / "documents" / "passwd").unlink()
    with pytest.raises(CommandError, match=r"media/documents/passwd: is a symbolic link"):
        call_command("restore", str(target))
    assert not (media / "documents" / "passwd").exists()


def test_a_restored_lead_image_is_validated_like_an_upload(catalogue, media, tmp_path):
    image_path = catalogue.lead_image.file.name
    target = tmp_path / "backup"
    call_command("backup", str(target))
    (target / "media" / image_path).write_bytes(b"<!DOCTYPE html><html><script>alert(1)</script></html>")
    resign(target, f"media/{image_path}")
    wipe(media)
    with pytest.raises(CommandError, match=rf"lead image {image_path} is not a valid image"):
        call_command("restore", str(target))
    assert ProgrammePage.objects.count() == 0 and get_image_model().objects.count() == 0
    assert media_files(media) == []


def test_a_tampered_state_or_vocabulary_names_the_problem_and_restores_nothing(catalogue, tmp_path):
    target = tmp_path / "backup"
    call_command("backup", str(target))
    catalogue.title = "Welcome Center (edited after the backup)"
    catalogue.save_revision().publish()
    before = snapshot()
    extras = json.loads((target / "extras.json").read_text(encoding="utf-8"))
    extras["programmes"]["welcome-center"]["pages"]["de"]["restrictions"] = [
        {"type": "groups", "password": None, "groups": ["Gibt es nicht"]}]
    (target / "extras.json").write_text(json.dumps(extras), encoding="utf-8")
    resign(target, "extras.json")
    with pytest.raises(CommandError, match=r"welcome-center: .*unknown group\(s\) \['Gibt es nicht'\]"):
        call_command("restore", str(target))
    assert snapshot() == before

    extras["programmes"]["welcome-center"]["pages"]["de"]["restrictions"] = []
    (target / "extras.json").write_text(json.dumps(extras), encoding="utf-8")
    resign(target, "extras.json")
    (target / "vocabulary.json").write_text('{"format": "kb-backup-vocabulary/1", "concepts": [', encoding="utf-8")
    resign(target, "vocabulary.json")
    with pytest.raises(CommandError, match=r"vocabulary\.json: cannot be read"):
        call_command("restore", str(target))
    assert snapshot() == before
