"""Create a Wagtail locale for every site language configured in settings."""

from django.db import migrations


def ensure_locales(apps, schema_editor):
    from django.conf import settings

    Locale = apps.get_model("wagtailcore", "Locale")
    for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES:
        Locale.objects.get_or_create(language_code=code)


class Migration(migrations.Migration):
    dependencies = [("programmes", "0002_taxonomies")]

    operations = [migrations.RunPython(ensure_locales, migrations.RunPython.noop)]
