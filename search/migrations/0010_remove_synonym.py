from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("kbsearch", "0009_vocabulary_seed")]

    operations = [migrations.DeleteModel(name="Synonym")]
