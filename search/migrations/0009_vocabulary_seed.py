"""Load the seed vocabulary (search/data/vocabulary.ttl) and fold the synonym list into it.

Each synonym group (the curated seed as staff left it, with their edits and additions)
joins the concept that already has one of its words as a term in that language, as
alternative terms; a group that meets no concept becomes a concept of its own. Nothing
staff wrote is lost.
"""

from django.db import migrations

from search.vocabulary_seed import fold_synonyms, load_seed


def forwards(apps, schema_editor):
    Concept = apps.get_model("kbsearch", "Concept")
    ConceptLabel = apps.get_model("kbsearch", "ConceptLabel")
    Synonym = apps.get_model("kbsearch", "Synonym")
    load_seed(Concept, ConceptLabel)
    fold_synonyms(Synonym.objects.order_by("pk"), Concept, ConceptLabel)


class Migration(migrations.Migration):
    dependencies = [("kbsearch", "0008_concepts")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
