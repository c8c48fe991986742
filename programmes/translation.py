"""Keep translations of a programme in step with their German source.

Translations own their title, summary, description and keywords, and their service notes
(cost, registration, what to bring); all other facts (taxonomies, years, outcomes, contacts,
documents, related programmes) are shared with the source and copied to every translation
when the source is published or imported, as the exchange contract requires. The texts on
those shared rows are translated per language by programmes/translated_facts.py.
"""

from django.conf import settings
from django.utils import timezone
from wagtail.models import Locale

from . import record
from .models import (
    Outcome,
    ProgrammeAttachment,
    ProgrammeContact,
    ProgrammeHours,
    ProgrammePage,
    ProgrammeVenue,
    RelatedProgramme,
)

# The record's shared facts, the editorial ones and the lessons (German text, shared).
SHARED_FIELDS = [
    *record.SHARED, *record.EDITORIAL, *record.LESSONS_2.values(), record.LESSONS_REPORTS, *record.FACTS_SHARED,
]
TRANSLATED_FIELDS = [*record.TRANSLATION, "plain_summary", *record.FACTS_TRANSLATED]
CHILD_MODELS = [
    ("outcomes", Outcome, list(record.OUTCOME)),
    ("contact_links", ProgrammeContact, ["contact"]),  # the same shared records
    ("attachments", ProgrammeAttachment, ["document", "kind"]),
    *((relation, model, list(record.FACTS_CHILDREN[relation]))
      for relation, model in (("venues", ProgrammeVenue), ("hours", ProgrammeHours))),
]


def copy_shared(source, target, translations=None):
    """Copy shared facts from `source` onto the in-memory `target` (saved by the caller).

    Related programmes point at their translation in the target's language where there is
    one; `translations` ({(translation_key, locale_id): page}, as from `translations_of`)
    answers that for many pages at once instead of one query per link.
    """
    for field in SHARED_FIELDS:
        setattr(target, field, getattr(source, field))
    if not target.lead_image_alt:
        target.lead_image_alt = source.lead_image_alt
    for relation in record.TAXONOMIES:
        setattr(target, relation, list(getattr(source, relation).all()))
    for relation, model, fields in CHILD_MODELS:
        setattr(target, relation, [
            model(**{f: getattr(child, f) for f in fields}, sort_order=child.sort_order)
            for child in getattr(source, relation).all()
        ])
    related = []
    for link in source.related_programmes.all():
        if translations is not None:
            translated = translations.get((link.target.translation_key, target.locale_id)) or link.target
        else:
            translated = (
                ProgrammePage.objects.filter(translation_key=link.target.translation_key, locale=target.locale).first()
                or link.target
            )
        related.append(RelatedProgramme(target=translated, sort_order=link.sort_order))
    target.related_programmes = related
    # An import of kb-translated-facts/1 gives each translation its notes (exchange/translated_facts.py).
    notes = getattr(source, "_translated_notes", None)
    if notes is not None and target.locale.language_code in notes:
        for field, value in notes[target.locale.language_code].items():
            setattr(target, field, value)


def translations_of(pages, locales, chunk=500):
    """{(translation_key, locale_id): page} for the pages in `locales` translating `pages`."""
    keys = list({page.translation_key for page in pages})
    found = {}
    for start in range(0, len(keys), chunk):
        for page in ProgrammePage.objects.filter(translation_key__in=keys[start:start + chunk], locale__in=locales):
            found[page.translation_key, page.locale_id] = page
    return found


def sync_translations(source, user=None):
    """Publish the shared facts of `source` on each of its translations."""
    for translation in ProgrammePage.objects.filter(translation_key=source.translation_key).exclude(
        locale=source.locale
    ):
        copy_shared(source, translation)
        revision = translation.save_revision(user=user, log_action=False)
        if translation.live:
            revision.publish(user=user, log_action=False)


MISSING, UP_TO_DATE, OUTDATED = "missing", "up-to-date", "outdated"


def translation_statuses(source, pages=None):
    """{language code: (status, page or None)} for every site language but the source's.

    `pages` ({language code: page} of the source's translations) saves the query when
    statuses are listed for many programmes.
    """
    if pages is None:
        pages = {
            p.locale.language_code: p
            for p in ProgrammePage.objects.filter(translation_key=source.translation_key).select_related("locale")
        }
    statuses = {}
    for code, _name in settings.LANGUAGES:
        if code == source.locale.language_code:
            continue
        page = pages.get(code)
        if page is None or not page.live:
            statuses[code] = (MISSING, page)
        elif source.source_text_changed_at and (
            page.translated_at is None or page.translated_at < source.source_text_changed_at
        ):
            statuses[code] = (OUTDATED, page)
        else:
            statuses[code] = (UP_TO_DATE, page)
    return statuses


def statuses_for(sources):
    """(source, {code: (status, page)}) for many programmes in two queries."""
    sources = list(sources)
    by_key = {}
    for page in ProgrammePage.objects.filter(
        translation_key__in=[s.translation_key for s in sources]
    ).exclude(locale=Locale.get_default()).select_related("locale"):
        by_key.setdefault(page.translation_key, {})[page.locale.language_code] = page
    return [(source, translation_statuses(source, by_key.get(source.translation_key, {}))) for source in sources]


def text_of(page):
    return [getattr(page, field) for field in TRANSLATED_FIELDS]


def note_text_change(page, previous):
    """On publish: stamp the source when its text changed, a translation when staff published it."""
    now = timezone.now()
    if page.locale_id == Locale.get_default().pk:
        if previous is None or text_of(previous) != text_of(page):
            ProgrammePage.objects.filter(pk=page.pk).update(source_text_changed_at=now)
            page.source_text_changed_at = now
    else:
        ProgrammePage.objects.filter(pk=page.pk).update(translated_at=now)
        page.translated_at = now
