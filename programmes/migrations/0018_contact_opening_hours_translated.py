# Contacts' free-text opening hours become a translatable fact kind (issue 20); the longer
# kind name needs a wider column.

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('programmes', '0017_fact_translations'),
    ]

    operations = [
        migrations.AlterField(
            model_name='facttranslation',
            name='field',
            field=models.CharField(choices=[('outcome.indicator', 'outcome indicator'), ('outcome.unit', 'outcome unit'), ('outcome.note', 'outcome note'), ('contact.role', 'contact role'), ('contact.opening_hours', 'contact opening hours'), ('hours.note', 'note on opening hours')], max_length=30, verbose_name='field'),
        ),
    ]
