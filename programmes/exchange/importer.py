"""Programmes in from an exchange file: validate everything, then upsert by slug in one transaction.

Two routes, chosen per page:
- an EXISTING programme (or translation) that changed gets a new revision published through
  Wagtail (`publish`): hooks, `page_published`, the audit log and a running workflow see an
  import as they see an editor's publish;
- NEW programmes are created together by `bulk.create_published` (thousands per import:
  page by page, Wagtail's route costs about 20 queries each), which leaves the same state.
Both run inside `bulk_changes()`, so translation sync and indexing happen once at the end.
"""

from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from wagtail.models import Locale, ReferenceIndex
from wagtail.search.backends import get_search_backend
from wagtail.signal_handlers import disable_reference_index_auto_update

from kb.changes import bulk_changes
from search.service import get_search_service

from .. import record as programme_record
from ..audit import log_import
from ..bulk import create_published, index_references
from ..models import ProgrammeIndexPage, ProgrammePage, RelatedProgramme
from ..models.contacts import contacts_for, variant
from ..sitetree import ensure_site_tree
from ..translation import copy_shared, text_of, translations_of
from .export import source_programmes
from .extensions import apply_lessons, core_record, lessons_for_import, lessons_of
from .schema import ExchangeError
from .validate import check

TAXONOMIES = [(key, ProgrammePage._meta.get_field(key).related_model) for key in programme_record.TAXONOMIES]
CHUNK = 500  # pages per query when importing many (SQLite allows 999 parameters per query)


@dataclass
class ImportResult:
    created: list = field(default_factory=list)
    updated: list = field(default_factory=list)
    unchanged: list = field(default_factory=list)
    translations: int = 0
    warnings: list = field(default_factory=list)  # what was imported differently, by place
    warned: dict = field(default_factory=dict)  # slug -> its warnings, for the audit log


def publish(page, user=None, parent=None):
    """Publish `page` the way an editor does: added under `parent` when new, a new revision, published.

    Wagtail's own route, so hooks, `page_published`, the audit log and workflows apply. The
    caller has validated the content already (the importer the whole file), so the revision
    is not cleaned again; and publishing skips the per-user permission check, because the
    importer's user is who is recorded, not who is asked (the command runs with the
    database's rights, the admin's import view checks publish permission itself).
    """
    if parent is not None:
        parent.add_child(instance=page)
    revision = page.save_revision(user=user, clean=False)
    revision.publish(user=user, skip_permission_checks=True)
    return revision


def catalogue_for(locale):
    """The catalogue page of `locale`; created (with the site tree) when missing."""
    catalogue = ProgrammeIndexPage.objects.filter(locale=locale).first()
    if catalogue:
        return catalogue
    return ensure_site_tree()[locale.language_code][1]


def _apply_record(page, record, taxonomies, contacts):
    programme_record.apply(page, record, taxonomies, lambda item: contacts[variant(item)])


def _apply_translation(page, fields):
    programme_record.apply_translation(page, fields)
    page.translated_at = timezone.now()


def import_data(data, user=None, bulk=True, source=None, by=""):
    """Validate and import `data`; raises ExchangeError with every problem, writing nothing.

    `source` (the file's name) and `by` (who ran it): record the import in the audit log
    (programmes/audit.py), in the import's own transaction.

    `bulk=False` creates new programmes one by one as an editor does (the demo loader: a few
    dozen pages, each with the history an editor's page has); the default inserts them together.
    """
    default = Locale.get_default()
    locales = [default.language_code] + list(
        Locale.objects.exclude(pk=default.pk).values_list("language_code", flat=True)
    )
    existing = dict(
        ProgrammePage.objects.filter(locale=default).values_list("slug", "pk")
    )
    findings = check(data, existing_slugs=existing, locales=locales)
    if findings.problems:
        raise ExchangeError(findings.problems)

    data = findings.data
    result = ImportResult(warnings=findings.warnings, warned={
        data["programmes"][i]["slug"]: found for i, found in findings.warned.items() if found
    })
    taxonomies = {key: model.objects.in_bulk(field_name="slug") for key, model in TAXONOMIES}
    records = data["programmes"]
    with transaction.atomic(), bulk_changes(), disable_reference_index_auto_update():
        catalogue = catalogue_for(default)
        contacts = contacts_for(c for r in records for c in r.get("contacts") or [])
        pages = {}
        slugs = [r["slug"] for r in records]
        current = {
            p.slug: p
            for start in range(0, len(slugs), CHUNK)
            for p in source_programmes().filter(slug__in=slugs[start:start + CHUNK])
        }
        changed = set()
        for record in records:
            page = current.get(record["slug"])
            if page is not None:
                pages[record["slug"]] = page
                before = programme_record.normalise(programme_record.to_record(page))
                after = programme_record.normalise(core_record(record))
                lessons = lessons_for_import(page, record, data)
                if before == after and lessons == lessons_of(page):
                    result.unchanged.append(page.slug)
                    continue
                text_before = text_of(page)
                _apply_record(page, record, taxonomies, contacts)
                apply_lessons(page, lessons)
                if text_of(page) != text_before:  # translations of it are outdated now (notes included)
                    page.source_text_changed_at = timezone.now()
                result.updated.append(page.slug)
            else:
                page = ProgrammePage(
                    slug=record["slug"], title=record["title"], locale=default, source_text_changed_at=timezone.now()
                )
                _apply_record(page, record, taxonomies, contacts)
                apply_lessons(page, lessons_for_import(page, record, data))
                page._just_created = True  # inserted below, all new pages at once
                result.created.append(page.slug)
            pages[record["slug"]] = page
            changed.add(record["slug"])
        by_slug = dict(pages)
        missing = {s for r in records for s in r.get("related") or []} - set(by_slug)
        by_slug.update({p.slug: p for p in ProgrammePage.objects.filter(locale=default, slug__in=missing)})
        for record in records:
            if record["slug"] in changed:
                pages[record["slug"]].related_programmes = [
                    RelatedProgramme(target=by_slug[slug], sort_order=n)
                    for n, slug in enumerate(record.get("related") or [])
                ]
        new = [r for r in records if getattr(pages[r["slug"]], "_just_created", False)]
        if not bulk:
            _add_unpublished(catalogue, [pages[r["slug"]] for r in new])
            new = []
        created = create_published([(catalogue, [pages[r["slug"]] for r in new])], user)
        for record in records:
            page = pages[record["slug"]]
            if record["slug"] in changed and not (bulk and getattr(page, "_just_created", False)):
                publish(page, user)
                result.translations += _import_translations(page, record.get("translations") or {}, user)
        new_translations = _create_translations([(pages[r["slug"]], r.get("translations") or {}) for r in new], user)
        result.translations += len(new_translations)
        new_ids = {page.pk for page in created + new_translations}
        keys = [pages[s].translation_key for s in changed if pages[s].pk not in new_ids]
        update_indexes(
            list(new_ids) + [
                pk for start in range(0, len(keys), CHUNK) for pk in ProgrammePage.objects.filter(
                    translation_key__in=keys[start:start + CHUNK]
                ).values_list("pk", flat=True)
            ],
            new=created + new_translations,
        )
        if source is not None:  # the audit commits (or rolls back) with the import
            log_import(result, user=user, source=source, by=by)
    return result


def _add_unpublished(parent, pages):
    """Add new pages under `parent` as editors' drafts, before any is published: related
    programmes may point at pages later in the file, which need ids first."""
    related = {}
    for page in pages:
        related[page.slug], page.related_programmes = list(page.related_programmes.all()), []
        page.live = False
        parent.add_child(instance=page)
    for page in pages:  # assigned again now that every target has an id
        page.related_programmes = [
            RelatedProgramme(target=link.target, sort_order=link.sort_order) for link in related[page.slug]
        ]


def _create_translations(translated, user):
    """The translations of newly created programmes, created together per language.

    Related programmes point at their translation in the same language where one exists,
    also when it is created by the same import.
    """
    by_code, new = {}, {}
    for source, translations in translated:
        for code, fields in translations.items():
            page = ProgrammePage(slug=source.slug, translation_key=source.translation_key, title=fields["title"])
            _apply_translation(page, fields)
            by_code.setdefault(code, []).append((source, page))
            new[source.translation_key, code] = page
    groups = []
    locales = Locale.objects.in_bulk(list(by_code), field_name="language_code")
    targets = translations_of(
        [link.target for source, fields in translated if fields for link in source.related_programmes.all()],
        locales.values(),
    )
    for code, pairs in by_code.items():
        locale = locales[code]
        for source, page in pairs:
            page.locale = locale
            copy_shared(source, page, targets)
            for link in page.related_programmes.all():
                link.target = new.get((link.target.translation_key, code), link.target)
        groups.append((catalogue_for(locale), [page for _source, page in pairs]))
    create_published(groups, user)
    return list(new.values())


def _import_translations(source, translations, user):
    """Write the translations named in the file and re-sync the shared facts of all others."""
    existing = {
        page.locale.language_code: page
        for page in ProgrammePage.objects.filter(translation_key=source.translation_key)
        .exclude(pk=source.pk)
        .select_related("locale")
    }
    parents = {}
    for code in translations:
        if code not in existing:
            locale = Locale.objects.get(language_code=code)
            parents[code] = catalogue_for(locale)
            existing[code] = ProgrammePage(
                slug=source.slug, locale=locale, translation_key=source.translation_key, title=source.title,
            )
    for code, page in existing.items():
        fields = translations.get(code)
        if fields:
            _apply_translation(page, fields)
        copy_shared(source, page)
        publish(page, user, parent=parents.get(code))
    return len(translations)


def update_indexes(pages, new=()):
    """After a bulk change: Wagtail's reference and admin search indexes, and the public search index.

    `pages` is a queryset or a list of page ids, read in chunks so that memory stays
    bounded. `new` are the pages this change created, with their relations in memory:
    they are indexed as they are (not read back), their references inserted in bulk.
    """
    ids = list(pages.values_list("pk", flat=True)) if hasattr(pages, "values_list") else list(pages)
    in_memory = {page.pk: page for page in new}
    index_references(new)
    service, backend = get_search_service(), get_search_backend()
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start:start + CHUNK]
        created = [in_memory[pk] for pk in chunk if pk in in_memory]
        changed = list(ProgrammePage.objects.filter(pk__in=[pk for pk in chunk if pk not in in_memory]))
        for page in changed:
            ReferenceIndex.create_or_update_for_object(page)
        backend.add_bulk(ProgrammePage, created + changed)
        if created:
            service.index_pages(created, loaded=True)
        if changed:
            service.index_pages(changed)
