"""Create and publish many new programme pages in a fixed number of queries.

`add_child` + `save_revision` cost about 20 queries per page (a locked parent read,
the last child's path, the page and its child rows one by one, the revision, two
updates, the audit log). The importer creates thousands of pages at once, so
`create_published` does the same writes set-wise: tree paths are computed once per
parent, and pages, inline rows, revisions and log entries are inserted in batches.
The result is the state Wagtail's publish leaves behind: live pages with a live and
latest revision, publish dates and a "wagtail.publish" audit entry each.
"""

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import CharField, F, OuterRef, Subquery
from django.db.models.functions import Cast
from django.utils import timezone
from modelcluster.models import get_all_child_relations
from wagtail.models import Page, PageLogEntry, ReferenceIndex, Revision

from .models import ProgrammePage
from .record import TAXONOMIES
from .richtext import sanitise

BATCH = 200
M2M_RELATIONS = TAXONOMIES


def _chunks(items, size=BATCH):
    for start in range(0, len(items), size):
        yield items[start:start + size]


def insert_rows(model, columns, rows, batch_size=300):
    """Multi-row INSERTs of plain tuples (ids, numbers, text), for rows with no per-row logic:
    a link row or a search posting is two or three values, and building a model instance for
    each (bulk_create) cost more than the work that produced it."""
    if not rows:
        return
    quote = connection.ops.quote_name
    head = f"INSERT INTO {quote(model._meta.db_table)} ({', '.join(map(quote, columns))}) VALUES "
    one = "(" + ", ".join(["%s"] * len(columns)) + ")"
    with connection.cursor() as cursor:
        for start in range(0, len(rows), batch_size):
            chunk = rows[start:start + batch_size]
            cursor.execute(head + ", ".join([one] * len(chunk)), [value for row in chunk for value in row])


def _place(pages_by_parent):
    """Tree path, depth and URL path for each new page: appended after the parent's last child.

    treebeard has no public call that numbers many new children at once (`add_child` locks and
    reads the parent per page); its path arithmetic (`_get_path`, `_get_lastpos_in_path`) is used
    here instead. tests/test_import_bulk.py runs `Page.find_problems()` after bulk imports and
    fails if that arithmetic ever leaves the tree inconsistent.
    """
    for given, pages in pages_by_parent:
        parent = Page.objects.select_for_update().get(pk=given.pk)
        last = parent.get_last_child()
        position = last._get_lastpos_in_path() if last else 0
        for page in pages:
            position += 1
            page.depth = parent.depth + 1
            page.path = Page._get_path(parent.path, page.depth, position)
            if len(page.path) > Page._meta.get_field("path").max_length or len(page.path) != page.depth * Page.steplen:
                raise ValueError(f"no room for {len(pages)} more pages under {parent.url_path}")
            page.numchild = 0
            page.url_path = f"{parent.url_path}{page.slug}/"
            page.locale_id = page.locale_id or parent.locale_id
        Page.objects.filter(pk=parent.pk).update(numchild=F("numchild") + len(pages))
        given.numchild = parent.numchild + len(pages)


def _insert_pages(pages):
    content_type = ContentType.objects.get_for_model(ProgrammePage)
    base_fields = [f for f in Page._meta.concrete_fields if not f.primary_key]
    fields = ProgrammePage._meta.local_concrete_fields
    for page in pages:
        page.content_type = content_type
        page.description = sanitise(page.description)
        page.draft_title = page.draft_title or page.title
    for chunk in _chunks(pages):
        bases = Page.objects.bulk_create(
            [Page(**{f.attname: getattr(page, f.attname) for f in base_fields}) for page in chunk]
        )
        if not all(base.pk for base in bases):
            raise RuntimeError("the database backend did not return the ids of the new pages")
        for page, base in zip(chunk, bases, strict=True):
            page.pk = page.id = page.page_ptr_id = base.pk
        # bulk_create refuses multi-table inheritance: the child rows go in as plain rows,
        # each value prepared by its field as save() would.
        insert_rows(ProgrammePage, [f.column for f in fields], [
            [f.get_db_prep_save(f.pre_save(page, True), connection) for f in fields] for page in chunk
        ])
        for page in chunk:
            page._state.adding, page._state.db = False, connection.alias


def _insert_relations(pages):
    for name in M2M_RELATIONS:
        field = ProgrammePage._meta.get_field(name)
        through = field.remote_field.through
        columns = [through._meta.get_field(field.m2m_field_name()).column,
                   through._meta.get_field(field.m2m_reverse_field_name()).column]
        insert_rows(through, columns, [(page.pk, item.pk) for page in pages for item in getattr(page, name).all()])
    for relation in get_all_child_relations(ProgrammePage):
        rows = []
        for page in pages:
            for row in getattr(page, relation.get_accessor_name()).all():
                setattr(row, relation.field.attname, page.pk)
                rows.append(row)
        relation.related_model.objects.bulk_create(rows, batch_size=BATCH * 5)


def _publish(pages, user, now):
    content_type = ContentType.objects.get_for_model(ProgrammePage)
    base_content_type = ContentType.objects.get_for_model(Page)
    for chunk in _chunks(pages):
        revisions = Revision.objects.bulk_create([
            Revision(
                content_type=content_type, base_content_type=base_content_type, object_id=str(page.pk),
                created_at=now, user=user, content=page.serializable_data(), object_str=str(page),
            )
            for page in chunk
        ])
        for page, revision in zip(chunk, revisions, strict=True):
            page.latest_revision = page.live_revision = revision
            page.latest_revision_created_at = now
        # New pages have exactly one revision: one UPDATE finds it for each (bulk_update's CASE
        # per row costs more than the inserts).
        revision = Subquery(
            Revision.objects.filter(base_content_type=base_content_type, object_id=Cast(OuterRef("pk"), CharField()))
            .order_by("-pk").values("pk")[:1]
        )
        Page.objects.filter(pk__in=[page.pk for page in chunk]).update(
            latest_revision=revision, live_revision=revision, latest_revision_created_at=now
        )
        PageLogEntry.objects.bulk_create([
            PageLogEntry(
                content_type=content_type, label=page.get_admin_display_title(), action="wagtail.publish",
                timestamp=now, data={}, user=user, revision=revision, content_changed=True, page_id=page.pk,
            )
            for page, revision in zip(chunk, revisions, strict=True)
        ])


def index_references(pages):
    """Wagtail's reference index ("usage" in the admin) for pages that had no entries yet.

    The public `ReferenceIndex.create_or_update_for_object` costs three queries per page; the
    rows are built here from the same extraction and inserted in batches. tests/test_import_bulk.py
    checks that they equal what the public call writes.
    """
    if not ReferenceIndex.is_indexed(ProgrammePage):
        return
    content_type = ContentType.objects.get_for_model(ProgrammePage)
    base_content_type = ContentType.objects.get_for_model(Page)
    rows = [
        ReferenceIndex(
            content_type=content_type, base_content_type=base_content_type, object_id=page.pk,
            to_content_type_id=to_content_type_id, to_object_id=to_object_id, model_path=model_path,
            content_path=content_path, content_path_hash=ReferenceIndex._get_content_path_hash(content_path),
        )
        for page in pages
        for to_content_type_id, to_object_id, model_path, content_path in set(
            ReferenceIndex._extract_references_from_object(page)
        )
    ]
    ReferenceIndex.objects.bulk_create(
        rows, batch_size=BATCH * 5, ignore_conflicts=connection.features.supports_ignore_conflicts
    )


def create_published(pages_by_parent, user=None):
    """Insert the unsaved pages of `[(parent, [page, ...]), ...]` as live, published pages.

    The pages carry their inline rows and taxonomies in memory (as built by the importer);
    related programmes may point at other pages of the same call. Returns the pages, saved.
    Must run inside a transaction; signals are not sent (the caller indexes afterwards).
    """
    now = timezone.now()
    pages = [page for _parent, group in pages_by_parent for page in group]
    if not pages:
        return []
    for page in pages:
        for relation in get_all_child_relations(ProgrammePage):
            # Hold every child relation in memory (empty ones too), so that serialising the
            # revision and indexing references do not query them page by page.
            name = relation.get_accessor_name()
            setattr(page, name, list(getattr(page, name).all()))
        page.live, page.has_unpublished_changes = True, False
        page.first_published_at = page.first_published_at or now
        page.last_published_at = now
    _place(pages_by_parent)
    _insert_pages(pages)
    _insert_relations(pages)
    _publish(pages, user, now)
    return pages
