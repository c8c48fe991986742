from django.db import migrations, models


def fill_facet_keys(apps, schema_editor):
    """Existing indexes get their documents' facet keys from the facet rows (no rebuild needed)."""
    connection = schema_editor.connection
    joined = (
        "string_agg(f.facet || '=' || f.value, ' ')" if connection.vendor == "postgresql"
        else "group_concat(f.facet || '=' || f.value, ' ')"
    )
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE kbsearch_indexedprogramme SET facet_keys = ' ' || COALESCE((SELECT "
            f"{joined} FROM kbsearch_facetvalue f WHERE f.doc_id = kbsearch_indexedprogramme.id), '') || ' '"
        )


class Migration(migrations.Migration):

    dependencies = [
        ('kbsearch', '0006_index_rows_without_constraint'),
        ('programmes', '0009_page_locale_title_index'),
    ]

    operations = [
        migrations.AddField(
            model_name='indexedprogramme',
            name='facet_keys',
            field=models.TextField(default=''),
        ),
        migrations.AddIndex(
            model_name='indexedprogramme',
            index=models.Index(fields=['lang', 'published_at', 'id'], name='kbsearch_doc_lang_newest'),
        ),
        migrations.RunPython(fill_facet_keys, migrations.RunPython.noop),
    ]
