"""Backup and restore of the programme catalogue: `manage.py backup DIR` / `restore DIR`.

A backup is a plain directory a person can read and check:

    programmes.json   the exchange format (kb-programmes/1), so a backup is also an export
    extras.json       what the exchange format leaves out but a programme page shows:
                      lead image (file, title, focal point, alt text per language),
                      documents, last_reviewed, contains_sample_data, plain_summary,
                      team, review interval, contacts' appointment-only and step-free access;
                      and per page (source and translations) its state: live, ever
                      published, the content of a newer draft, view restrictions
    vocabulary.json   the search vocabulary (backup_vocabulary.py)
    media/            a copy of every regular file under MEDIA_ROOT (links are not followed)
    manifest.json     format, created_at, counts and a sha256 per file, written last:
                      a directory without it is an interrupted backup, not a backup

Restore treats the directory as untrusted: it checks every checksum and refuses symbolic
links before it touches anything, validates images and documents as uploads, imports and
applies the extras in one transaction (any failure leaves the database as it was), and
copies media files only once that transaction has committed, so a failed restore writes no
file. Restore upserts by slug: programmes that are not in the backup are left alone.
What a backup does not cover, and the full-site recovery path: docs/security.md.
"""

import hashlib
import json
import os
import shutil
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.validators import FileExtensionValidator
from django.db import transaction
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.fields import WagtailImageField
from wagtail.models import Locale, Page, PageViewRestriction

from kb.changes import bulk_changes
from search.service import get_search_service

from . import backup_vocabulary, record
from .backup_vocabulary import VOCABULARY
from .chunks import CHUNK_SIZE, chunked, json_document
from .exchange import (
    TAXONOMIES,
    ExchangeError,
    Export,
    import_data,
    load_file,
    publish,
    source_programmes,
    update_indexes,
)
from .models import ProgrammeAttachment, ProgrammePage, RelatedProgramme
from .models.contacts import contact_for
from .translation import copy_shared

FORMAT = "kb-backup/1"
EXTRAS_FORMAT = "kb-backup-extras/1"
PROGRAMMES, EXTRAS, MANIFEST, MEDIA = "programmes.json", "extras.json", "manifest.json", "media"


def validate_document(upload):
    """The admin's check of a document upload: an allowed extension (WAGTAILDOCS_EXTENSIONS)."""
    FileExtensionValidator(getattr(settings, "WAGTAILDOCS_EXTENSIONS", None))(upload)


class BackupError(Exception):
    """A backup cannot be written or restored; the message names the file concerned."""


@dataclass
class RestoreResult:
    imported: object = None  # exchange.ImportResult
    extras_changed: int = 0
    media_copied: int = 0
    media_skipped: int = 0
    concepts_changed: int = 0


def _sha256(path):
    with open(path, "rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def _write_json(path, data):
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def _read_json(directory, name):
    try:
        return json.loads((directory / name).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise BackupError(f"{name}: cannot be read: {exc}") from exc


def _member(directory, name):
    """`directory/name` for a path taken from a manifest; a path that would leave it is refused."""
    parts = PurePosixPath(name).parts
    if not parts or PurePosixPath(name).is_absolute() or ".." in parts:
        raise BackupError(f"{MANIFEST}: unsafe file path {name!r}")
    return directory.joinpath(*parts)


# --- backup -----------------------------------------------------------------------------------

def _draft(page, source):
    """The content of `page`'s newer draft (a record, or a translation's part), or None.

    Wagtail keeps a draft only in its revision; the page row holds what is live.
    """
    if not page.has_unpublished_changes or page.latest_revision is None or (
        page.live and page.latest_revision_id == page.live_revision_id
    ):
        return None
    content = page.latest_revision.as_object()
    if source:
        draft = record.to_record(content, [])
        del draft["translations"]
        return draft
    return record.part(content, record.TRANSLATION)


def _restrictions(page):
    return [
        {"type": r.restriction_type, "password": r.password or None, "groups": sorted(g.name for g in r.groups.all())}
        for r in page.view_restrictions.all()
    ]


def page_state(page, source):
    """Publication state and privacy of one page: what the exchange format (live content) leaves out."""
    return {
        "live": page.live,
        "published": page.first_published_at is not None,
        "draft": _draft(page, source),
        "restrictions": _restrictions(page),
    }


def iter_extras():
    """(slug, extras) for every source programme, a chunk at a time: what a page shows beyond
    the exchange format, and its state (live, draft, privacy) and its translations' states.

    Shared facts are read from the German source (translations copy them); alt text and
    plain_summary belong to each language and are kept per locale, empty ones left out.
    """
    queryset = source_programmes().select_related("lead_image", "team", "latest_revision").prefetch_related(
        "attachments__document", "view_restrictions__groups",
    )
    for pages in chunked(queryset, ("path",)):
        family = {}
        for page in ProgrammePage.objects.filter(translation_key__in=[p.translation_key for p in pages]).select_related(
            "locale", "latest_revision"
        ).prefetch_related("view_restrictions__groups").order_by("locale__language_code"):
            family.setdefault(page.translation_key, []).append(page)
        for page in pages:
            yield page.slug, _extras(page, family.get(page.translation_key, [page]))


def _extras(page, versions):
    image = page.lead_image
    return {
        "lead_image": image and {
            "file": image.file.name,
            "title": image.title,
            "focal_point": [image.focal_point_x, image.focal_point_y, image.focal_point_width,
                            image.focal_point_height] if image.has_focal_point() else None,
            "alt": {p.locale.language_code: p.lead_image_alt for p in versions if p.lead_image_alt},
        },
        "documents": [
            {"file": a.document.file.name, "title": a.document.title, "kind": a.kind}
            for a in page.attachments.all()
        ],
        "last_reviewed": page.last_reviewed.isoformat() if page.last_reviewed else None,
        "contains_sample_data": page.contains_sample_data,
        "plain_summary": {p.locale.language_code: p.plain_summary for p in versions if p.plain_summary},
        "team": page.team.name if page.team else None,
        "review_interval_months": page.review_interval_months,
        "contacts": [
            {"appointment_only": link.contact.appointment_only, "step_free_access": link.contact.step_free_access}
            for link in page.contact_links.all()
        ],
        "pages": {
            p.locale.language_code: page_state(page if p.pk == page.pk else p, p.pk == page.pk) for p in versions
        },
    }


def collect_extras():
    """{slug: extras} of every source programme (in memory: for tests and small sites)."""
    return dict(iter_extras())


def _write_pieces(path, pieces):
    with open(path, "w", encoding="utf-8") as handle:
        handle.writelines(pieces)
        handle.write("\n")


def _media_files(media_root):
    """Regular files under MEDIA_ROOT, and warnings for symbolic links, which are not followed:
    a link could point anywhere on the server (/etc/...), and a backup holds only MEDIA_ROOT's own files."""
    files, warnings = [], []
    if not media_root.is_dir():
        return files, warnings
    for path in sorted(media_root.rglob("*")):
        if any(part.is_symlink() for part in (path, *path.parents) if part.is_relative_to(media_root)):
            if path.is_symlink():
                warnings.append(f"{path.relative_to(media_root).as_posix()} is a symbolic link; it is not backed up")
        elif path.is_file():
            files.append(path)
    return files, warnings


def backup(directory):
    """Write a backup into `directory` (new or empty); returns (manifest, warnings).

    Programmes and extras are written as they are read, a chunk at a time, so the size of
    the catalogue is bounded by disk, not memory.
    """
    directory = Path(directory)
    media_root = Path(settings.MEDIA_ROOT).resolve()
    if directory.exists() and (not directory.is_dir() or any(directory.iterdir())):
        raise BackupError(f"{directory} already exists and is not empty; give a new or empty directory.")
    if directory.resolve().is_relative_to(media_root):  # it would copy itself
        raise BackupError(f"{directory} is inside MEDIA_ROOT ({media_root}); choose a directory outside it.")
    directory.mkdir(parents=True, exist_ok=True)
    export = Export()
    referenced = set()

    def extras_items():
        for slug, entry in iter_extras():
            if entry["lead_image"]:
                referenced.add(entry["lead_image"]["file"])
            referenced.update(d["file"] for d in entry["documents"])
            yield slug, entry

    with transaction.atomic():  # one read of programmes and extras
        _write_pieces(directory / PROGRAMMES, export.text())
        _write_pieces(directory / EXTRAS, json_document({"format": EXTRAS_FORMAT}, "programmes", extras_items(),
                                                         mapping=True))
        vocabulary = backup_vocabulary.dump()
        _write_json(directory / VOCABULARY, vocabulary)
    files = {name: _sha256(directory / name) for name in (PROGRAMMES, EXTRAS, VOCABULARY)}
    media_files, warnings = _media_files(media_root)
    for source in media_files:
        relative = source.relative_to(media_root).as_posix()
        target = directory / MEDIA / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, target)
        files[f"{MEDIA}/{relative}"] = _sha256(target)  # the copy, i.e. what restore will check
    warnings += [
        f"media file {name} is used by a programme but missing from MEDIA_ROOT; it is not in the backup"
        for name in sorted(referenced) if f"{MEDIA}/{name}" not in files
    ]
    manifest = {
        "format": FORMAT,
        "created_at": timezone.now().isoformat(timespec="seconds"),
        "counts": {
            "programmes": export.programmes,
            "translations": export.translations,
            "media_files": len(media_files),
            "concepts": len(vocabulary["concepts"]),
        },
        "files": files,
    }
    _write_json(directory / MANIFEST, manifest)
    return manifest, warnings


# --- restore ----------------------------------------------------------------------------------

def verify(directory):
    """The manifest, once every file it lists is present with its checksum; BackupError otherwise."""
    directory = Path(directory)
    if not (directory / MANIFEST).is_file():
        raise BackupError(f"{directory / MANIFEST} is missing: {directory} is not a complete backup.")
    manifest = _read_json(directory, MANIFEST)
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT or not isinstance(manifest.get("files"), dict):
        raise BackupError(f"{MANIFEST}: not a {FORMAT} manifest.")
    problems = [f"{name}: not listed in {MANIFEST}" for name in (PROGRAMMES, EXTRAS) if name not in manifest["files"]]
    for name, digest in sorted(manifest["files"].items()):
        path = _member(directory, name)
        if _linked(directory, path):
            problems.append(f"{name}: is a symbolic link (or inside one); a backup holds only regular files")
        elif not path.is_file():
            problems.append(f"{name}: missing")
        elif _sha256(path) != digest:
            problems.append(f"{name}: checksum mismatch (the file changed after the backup)")
    if problems:
        raise BackupError("The backup is damaged; nothing was restored.\n" + "\n".join(problems))
    return manifest


def _linked(directory, path):
    """Whether `path` or a folder between it and `directory` is a symbolic link, which restore must
    not follow: a link in a tampered backup could copy any file of the server into MEDIA_ROOT."""
    return any(part.is_symlink() for part in (path, *path.parents) if part.is_relative_to(directory) and part != directory)


def restore(directory):
    """Restore a backup: verify, then import and apply extras atomically, then copy media."""
    directory = Path(directory)
    manifest = verify(directory)
    try:
        data = load_file(directory / PROGRAMMES)
    except ExchangeError as exc:
        raise BackupError(f"{PROGRAMMES}: {exc}") from exc
    extras = _read_json(directory, EXTRAS)
    if not isinstance(extras, dict) or extras.get("format") != EXTRAS_FORMAT or not isinstance(
        extras.get("programmes"), dict
    ):
        raise BackupError(f"{EXTRAS}: not a {EXTRAS_FORMAT} file.")
    result = RestoreResult()
    try:
        with transaction.atomic():
            try:
                result.imported = import_data(data)
            except ExchangeError as exc:
                raise BackupError(f"{PROGRAMMES} cannot be imported; nothing was restored.\n{exc}") from exc
            result.extras_changed = _apply_extras(extras["programmes"], directory, manifest["files"])
            if VOCABULARY in manifest["files"]:  # older backups have none
                try:
                    result.concepts_changed = backup_vocabulary.load(_read_json(directory, VOCABULARY))
                except ValueError as exc:
                    raise BackupError(f"{exc}; nothing was restored.") from exc
            transaction.on_commit(lambda: _copy_media(directory, manifest["files"], result))
    except Exception:
        if result.imported is not None:  # the importer had written (and indexed) before the failure
            _resync_external_search()
        raise
    return result


def _resync_external_search():
    """The importer indexes as it writes; a rolled-back database must not leave Elasticsearch ahead of it."""
    service = get_search_service()
    if service.name != "embedded":  # the embedded index lives in the database and rolled back with it
        try:
            service.rebuild()
        except Exception:  # the restore's own error is the one to report
            pass


def _apply_extras(extras, directory, files):
    """Set each programme's extras (and its translations'); returns how many programmes changed."""
    default = Locale.get_default()
    slugs = list(extras)
    pages = {  # in chunks: SQLite takes at most 32,766 parameters in one query
        p.slug: p
        for start in range(0, len(slugs), CHUNK_SIZE)
        for p in ProgrammePage.objects.filter(locale=default, slug__in=slugs[start:start + CHUNK_SIZE])
    }
    changed = []
    with bulk_changes():
        for slug, entry in extras.items():
            where = f"{EXTRAS}: programmes.{slug}"
            if slug not in pages:
                raise BackupError(f"{where}: no such programme in {PROGRAMMES}")
            try:
                if _apply_entry(pages[slug], entry, directory, files):
                    changed.append(pages[slug].translation_key)
            except BackupError as exc:
                raise BackupError(f"{where}: {exc}") from exc
            except (KeyError, TypeError, ValueError, AttributeError) as exc:
                raise BackupError(f"{where}: malformed entry ({type(exc).__name__}: {exc})") from exc
        update_indexes(ProgrammePage.objects.filter(translation_key__in=changed))
    return len(changed)


def _state(page):
    """What a restore may change on a page (ids for foreign keys: no query per relation)."""
    return (
        *(page.serializable_value(name) for name in record.EDITORIAL + record.PER_LANGUAGE),
        [(a.document_id, a.kind) for a in page.attachments.all()],
    )


def _team(name):
    if name is None:
        return None
    team = Group.objects.filter(name=name).first()
    if team is None:
        raise ValueError(f"unknown team {name!r} (run manage.py setup_teams)")
    return team


def _apply_contact_extras(source, entries):
    """Accessibility facts of the shared contacts, which the exchange format does not carry."""
    for link, extra in zip(source.contact_links.select_related("contact"), entries, strict=False):
        contact = link.contact
        values = {"appointment_only": bool(extra["appointment_only"]), "step_free_access": extra["step_free_access"]}
        if values["step_free_access"] not in (None, True, False):
            raise ValueError("step_free_access must be true, false or null")
        if any(getattr(contact, key) != value for key, value in values.items()):
            for key, value in values.items():
                setattr(contact, key, value)
            contact.save(update_fields=[*values, "updated_at"])


def _apply_entry(source, entry, directory, files):
    """Publish `source` and its translations with `entry`'s values, where they differ."""
    image_entry = entry["lead_image"]
    image = _image(image_entry, directory, files) if image_entry else None
    alt = image_entry["alt"] if image_entry else {}
    plain = entry["plain_summary"]
    reviewed = entry["last_reviewed"]
    if not isinstance(entry["contains_sample_data"], bool):
        raise ValueError("contains_sample_data must be true or false")
    kinds = [d["kind"] for d in entry["documents"] if d["kind"] not in ProgrammeAttachment.Kind.values]
    if kinds:
        raise ValueError(f"unknown document kind(s) {kinds}")
    code = source.locale.language_code
    _apply_contact_extras(source, entry.get("contacts") or [])
    before = _state(source)
    source.team = _team(entry.get("team"))
    source.review_interval_months = entry.get("review_interval_months") or 12
    source.lead_image = image
    source.lead_image_alt = alt.get(code, "")
    source.last_reviewed = date.fromisoformat(reviewed) if reviewed else None
    source.contains_sample_data = entry["contains_sample_data"]
    source.plain_summary = plain.get(code, "")
    source.attachments = [
        ProgrammeAttachment(document=_document(d, directory, files), kind=d["kind"], sort_order=n)
        for n, d in enumerate(entry["documents"])
    ]
    source_changed = _state(source) != before
    if source_changed:
        publish(source)
    any_changed = source_changed
    for page in ProgrammePage.objects.filter(translation_key=source.translation_key).exclude(pk=source.pk).select_related("locale"):
        before = _state(page)
        copy_shared(source, page)
        page.lead_image_alt = alt.get(page.locale.language_code, "")
        page.plain_summary = plain.get(page.locale.language_code, "")
        if _state(page) != before:
            publish(page)
            any_changed = True
    if "pages" in entry:  # backups before kb-backup-extras/1 had page states restore everything live
        any_changed |= _apply_states(source, entry["pages"])
    return any_changed


# --- publication state and privacy ---------------------------------------------------------------

def _apply_states(source, states):
    """Give the programme's pages their backed-up live/draft state and view restrictions."""
    if not isinstance(states, dict):
        raise ValueError("pages must be an object of language codes")
    versions = {
        p.locale.language_code: p
        for p in ProgrammePage.objects.filter(translation_key=source.translation_key).select_related("locale")
    }
    changed = False
    for code, state in states.items():
        if code not in versions:
            raise ValueError(f"pages.{code}: no such translation in {PROGRAMMES}")
        try:
            changed |= _apply_state(versions[code].pk, state, versions[code].pk == source.pk)
        except ValueError as exc:
            raise ValueError(f"pages.{code}: {exc}") from exc
    return changed


def _apply_state(pk, state, is_source):
    changed = _apply_restrictions(ProgrammePage.objects.get(pk=pk), state["restrictions"])
    page = ProgrammePage.objects.get(pk=pk)
    if not isinstance(state["live"], bool) or not isinstance(state["published"], bool):
        raise ValueError("live and published must be true or false")
    if state["live"] and not page.live:
        publish(page)
        changed = True
    elif not state["live"] and page.live:
        page.unpublish(log_action=True)  # a fresh object: unpublish saves all of it
        changed = True
    if not state["published"] and not state["live"]:
        # a draft that was never published stays one: no publication dates, no live revision
        changed |= Page.objects.filter(pk=pk).exclude(first_published_at=None, live_revision=None).update(
            first_published_at=None, last_published_at=None, live_revision=None,
        ) > 0
    if state["draft"] is not None:
        changed |= _apply_draft(ProgrammePage.objects.get(pk=pk), state["draft"], is_source)
    return changed


def _content(page, is_source):
    if not is_source:
        return record.part(page, record.TRANSLATION)
    content = record.to_record(page, [])
    del content["translations"]
    return content


def _apply_draft(page, draft, is_source):
    """Save `draft` as the page's newest revision, unpublished, unless it is that already.

    Wagtail's save_revision writes the revision only: the page row keeps its live content.
    """
    latest = page.latest_revision.as_object() if page.latest_revision_id else page
    if _content(latest, is_source) == draft:
        return False
    if is_source:
        taxonomies = {key: model.objects.in_bulk(field_name="slug") for key, model in TAXONOMIES}
        record.apply(page, draft, taxonomies, contact_for)
        default = page.locale
        targets = {p.slug: p for p in ProgrammePage.objects.filter(locale=default, slug__in=draft.get("related") or [])}
        missing = sorted(set(draft.get("related") or []) - set(targets))
        if missing:
            raise ValueError(f"draft: related programme(s) {missing} are not in the backup")
        page.related_programmes = [
            RelatedProgramme(target=targets[slug], sort_order=n) for n, slug in enumerate(draft.get("related") or [])
        ]
    else:
        record.apply_translation(page, draft)
    page.save_revision(clean=False)
    return True


def _apply_restrictions(page, wanted):
    """Make the page's view restrictions exactly `wanted`; groups are matched by name."""
    if _restrictions(page) == wanted:
        return False
    types = {choice for choice, _label in PageViewRestriction.RESTRICTION_CHOICES}
    restrictions = []
    for item in wanted:
        if item["type"] not in types:
            raise ValueError(f"unknown view restriction {item['type']!r}")
        if item["type"] == PageViewRestriction.PASSWORD and not item["password"]:
            raise ValueError("a password restriction without a password")
        groups = list(Group.objects.filter(name__in=item["groups"]))
        unknown = sorted(set(item["groups"]) - {g.name for g in groups})
        if unknown:
            raise ValueError(f"view restriction: unknown group(s) {unknown} (create them, or run setup_teams)")
        restrictions.append((item, groups))
    page.view_restrictions.all().delete()
    for item, groups in restrictions:
        restriction = PageViewRestriction.objects.create(
            page=page, restriction_type=item["type"], password=item["password"] or "",
        )
        restriction.groups.set(groups)
    return True


def _backed_up(name, directory, files):
    """The bytes of media file `name` from the backup (whose checksum verify() has checked)."""
    if f"{MEDIA}/{name}" not in files:
        raise BackupError(f"media file {name} is not in the backup")
    return _member(directory / MEDIA, name).read_bytes()


def _match(model, entry, directory, files):
    """An existing object for a backed-up file – same path, else same title and content – and the file's bytes."""
    existing = model.objects.filter(file=entry["file"]).first()
    if existing:
        return existing, None, None
    content = _backed_up(entry["file"], directory, files)
    sha1 = hashlib.sha1(content).hexdigest()
    return model.objects.filter(title=entry["title"], file_hash=sha1).first(), content, sha1


def _image(entry, directory, files):
    """The Wagtail image for a backed-up lead image: an existing match, else a new one.

    A new image points at its backed-up path without writing the file; the file arrives with
    the media copy after commit, so nothing lands in MEDIA_ROOT if the restore fails.
    """
    Image = get_image_model()
    existing, content, sha1 = _match(Image, entry, directory, files)
    if existing:
        return existing
    try:  # the checks of an upload in the admin: extension, format matching it, size, pixels
        checked = WagtailImageField().clean(SimpleUploadedFile(PurePosixPath(entry["file"]).name, content))
    except ValidationError as exc:
        raise BackupError(f"lead image {entry['file']} is not a valid image: {' '.join(exc.messages)}") from exc
    width, height = checked.image.get_size()
    x, y, w, h = entry.get("focal_point") or (None, None, None, None)
    image = Image(
        title=entry["title"], file=entry["file"], width=width, height=height, file_size=len(content), file_hash=sha1,
        focal_point_x=x, focal_point_y=y, focal_point_width=w, focal_point_height=h,
    )
    image.save()
    return image


def _document(entry, directory, files):
    """The Wagtail document for a backed-up attachment, matched and created like `_image`."""
    Document = get_document_model()
    existing, content, sha1 = _match(Document, entry, directory, files)
    if existing:
        return existing
    try:
        validate_document(SimpleUploadedFile(PurePosixPath(entry["file"]).name, content))
    except ValidationError as exc:
        raise BackupError(f"document {entry['file']}: {' '.join(exc.messages)}") from exc
    document = Document(title=entry["title"], file=entry["file"], file_size=len(content), file_hash=sha1)
    document.save()
    return document


def _copy_media(directory, files, result):
    """Copy the backed-up media into MEDIA_ROOT, skipping files that are already identical.

    Each file is written beside its target and renamed into place, so a reader never
    sees half a file. Runs after commit: rerunning restore completes an interrupted copy.
    """
    media_root = Path(settings.MEDIA_ROOT)
    for name, digest in sorted(files.items()):
        if not name.startswith(f"{MEDIA}/"):
            continue
        target = _member(media_root, name[len(MEDIA) + 1:])
        if target.is_file() and _sha256(target) == digest:
            result.media_skipped += 1
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".restore-")
        os.close(handle)
        try:
            shutil.copy2(_member(directory, name), temporary)
            os.replace(temporary, target)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        result.media_copied += 1
