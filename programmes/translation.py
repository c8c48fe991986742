"""Keep translations of a programme in step with their German source.

Translations own their title, summary, description and keywords; all other facts
(taxonomies, years, outcomes, contacts, documents, related programmes) are shared
with the source and copied to every translation when the source is published or
imported, as the exchange contract requires.
"""

from .models import Contact, Outcome, ProgrammeAttachment, ProgrammePage, RelatedProgramme

SHARED_FIELDS = [
    "status", "start_year", "end_year", "organisation", "partners", "funding", "website",
    "languages", "lead_image", "last_reviewed", "contains_sample_data",
]
TRANSLATED_FIELDS = ["title", "summary", "description", "keywords"]
CHILD_MODELS = [
    ("outcomes", Outcome, ["indicator", "value", "unit", "year", "source", "note"]),
    ("contacts", Contact, [
        "name", "role", "organisation", "email", "phone", "street", "postcode", "city",
        "opening_hours", "website", "languages",
    ]),
    ("attachments", ProgrammeAttachment, ["document", "kind"]),
]


def copy_shared(source, target):
    """Copy shared facts from `source` onto the in-memory `target` (saved by the caller)."""
    for field in SHARED_FIELDS:
        setattr(target, field, getattr(source, field))
    if not target.lead_image_alt:
        target.lead_image_alt = source.lead_image_alt
    for relation in ("themes", "target_groups", "districts"):
        setattr(target, relation, list(getattr(source, relation).all()))
    for relation, model, fields in CHILD_MODELS:
        setattr(target, relation, [
            model(**{f: getattr(child, f) for f in fields}, sort_order=child.sort_order)
            for child in getattr(source, relation).all()
        ])
    related = []
    for link in source.related_programmes.all():
        translated = (
            ProgrammePage.objects.filter(translation_key=link.target.translation_key, locale=target.locale).first()
            or link.target
        )
        related.append(RelatedProgramme(target=translated, sort_order=link.sort_order))
    target.related_programmes = related


def sync_translations(source, user=None):
    """Publish the shared facts of `source` on each of its translations."""
    for translation in ProgrammePage.objects.filter(translation_key=source.translation_key).exclude(
        locale=source.locale
    ):
        copy_shared(source, translation)
        revision = translation.save_revision(user=user, log_action=False)
        if translation.live:
            revision.publish(user=user, log_action=False)
