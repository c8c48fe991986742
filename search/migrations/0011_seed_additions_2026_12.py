"""Terms added to the seed vocabulary after sites were created (2026-12-05).

Migration 0009 loads search/data/vocabulary.ttl once, so a site created before these terms
joined the file would never see them. This adds each one to its concept when the concept
exists and does not have the term yet (a fresh site already has them from 0009); nothing
staff wrote is changed or removed.
"""

from django.db import migrations
from django.utils import timezone

NAMESPACE = "https://kb-integration.example/vocabulary/"

ADDED = [
    ("newcomers", "de", "Einwanderer"),
    ("newcomers", "de", "Einwanderinnen"),
    ("newcomers", "de", "Immigranten"),
    ("psychotherapy", "de", "Therapeut"),
    ("psychotherapy", "de", "Therapeutin"),
    ("job-search", "ar", "أبحث عن عمل"),
    ("flat-search", "ar", "أبحث عن شقة"),
]


def forwards(apps, schema_editor):
    Concept = apps.get_model("kbsearch", "Concept")
    ConceptLabel = apps.get_model("kbsearch", "ConceptLabel")
    for slug, lang, text in ADDED:
        concept = Concept.objects.filter(uri=NAMESPACE + slug).first()
        if concept is None or ConceptLabel.objects.filter(concept=concept, lang=lang, text__iexact=text).exists():
            continue
        ConceptLabel.objects.create(concept=concept, lang=lang, kind="alt", text=text, sort_order=1000)
        # The search's vocabulary table reloads when a concept's updated_at moves.
        Concept.objects.filter(pk=concept.pk).update(updated_at=timezone.now())


class Migration(migrations.Migration):
    dependencies = [("kbsearch", "0010_remove_synonym")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
