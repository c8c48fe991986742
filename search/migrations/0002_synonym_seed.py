from django.db import migrations


def seed(apps, schema_editor):
    from search.synonym_seed import SEED

    Synonym = apps.get_model("kbsearch", "Synonym")
    if Synonym.objects.exists():
        return
    Synonym.objects.bulk_create([Synonym(lang=lang, terms=terms, note=note) for lang, terms, note in SEED])


class Migration(migrations.Migration):
    dependencies = [("kbsearch", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
