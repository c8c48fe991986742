"""An index on Wagtail's page table for the catalogue's order: the programmes of a language by title.

Without it the catalogue sorted every programme of the language for each page of 20
(41 ms at 30,000 programmes, growing with the number of programmes); with it the page
is read in index order (1.4 ms). Wagtail's own models declare no such index, so it is
created here, under a name of this project's.
"""

from django.db import migrations

INDEX = "kb_page_locale_title"


class Migration(migrations.Migration):
    dependencies = [
        ("programmes", "0008_merge_20261126_0053"),  # after wagtailcore's migrations that add locale
    ]

    operations = [
        migrations.RunSQL(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON wagtailcore_page (locale_id, title)",
            f"DROP INDEX IF EXISTS {INDEX}",
        ),
    ]
