"""Fill themes, target groups and districts with the contract's canonical slugs."""

from django.db import migrations

THEMES = [
    ("language", "Sprachförderung", "Language support"),
    ("education", "Bildung", "Education"),
    ("intercultural-opening", "Interkulturelle Öffnung", "Intercultural opening of the administration"),
    ("refugees", "Flüchtlingsintegration", "Refugee integration"),
    ("welcome", "Willkommenskultur und Welcome Center", "Welcome services"),
    ("work", "Arbeit und Ausbildung", "Work and vocational training"),
    ("participation", "Teilhabe und Beteiligung", "Participation"),
    ("anti-discrimination", "Antidiskriminierung", "Anti-discrimination"),
    ("health", "Gesundheit", "Health"),
    ("neighbourhood", "Zusammenleben im Quartier", "Neighbourhood life"),
    ("culture-sport", "Kultur und Sport", "Culture and sport"),
]
TARGET_GROUPS = [
    ("newcomers", "Neu Zugewanderte", "Newcomers"),
    ("refugees", "Geflüchtete", "Refugees"),
    ("children", "Kinder", "Children"),
    ("young-people", "Jugendliche und junge Erwachsene", "Young people"),
    ("parents", "Eltern", "Parents"),
    ("women", "Frauen", "Women"),
    ("seniors", "Ältere Menschen", "Older people"),
    ("skilled-workers", "Fachkräfte", "Skilled workers"),
    ("students", "Studierende", "Students"),
    ("employers", "Arbeitgeber", "Employers"),
    ("administration-staff", "Beschäftigte der Verwaltung", "Administration staff"),
    ("volunteers", "Ehrenamtliche", "Volunteers"),
    ("everyone", "Alle", "Everyone"),
]
DISTRICTS = [
    ("citywide", "Gesamtstadt", "Citywide"),
    ("mitte", "Mitte", "Mitte (Centre)"),
    ("nord", "Nord", "Nord (North)"),
    ("ost", "Ost", "Ost (East)"),
    ("sued", "Süd", "Süd (South)"),
    ("west", "West", "West"),
    ("bad-cannstatt", "Bad Cannstatt", "Bad Cannstatt"),
    ("birkach", "Birkach", "Birkach"),
    ("botnang", "Botnang", "Botnang"),
    ("degerloch", "Degerloch", "Degerloch"),
    ("feuerbach", "Feuerbach", "Feuerbach"),
    ("hedelfingen", "Hedelfingen", "Hedelfingen"),
    ("moehringen", "Möhringen", "Möhringen"),
    ("muehlhausen", "Mühlhausen", "Mühlhausen"),
    ("muenster", "Münster", "Münster"),
    ("obertuerkheim", "Obertürkheim", "Obertürkheim"),
    ("plieningen", "Plieningen", "Plieningen"),
    ("sillenbuch", "Sillenbuch", "Sillenbuch"),
    ("stammheim", "Stammheim", "Stammheim"),
    ("untertuerkheim", "Untertürkheim", "Untertürkheim"),
    ("vaihingen", "Vaihingen", "Vaihingen"),
    ("wangen", "Wangen", "Wangen"),
    ("weilimdorf", "Weilimdorf", "Weilimdorf"),
    ("zuffenhausen", "Zuffenhausen", "Zuffenhausen"),
]
VOCABULARIES = {"Theme": THEMES, "TargetGroup": TARGET_GROUPS, "District": DISTRICTS}


def fill(apps, schema_editor):
    for model_name, rows in VOCABULARIES.items():
        model = apps.get_model("programmes", model_name)
        for order, (slug, de, en) in enumerate(rows):
            model.objects.update_or_create(slug=slug, defaults={"label_de": de, "label_en": en, "sort_order": order})


def ensure_locales(apps, schema_editor):
    from django.conf import settings

    Locale = apps.get_model("wagtailcore", "Locale")
    for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES:
        Locale.objects.get_or_create(language_code=code)


class Migration(migrations.Migration):
    dependencies = [("programmes", "0001_initial"), ("wagtailcore", "0094_alter_page_locale")]

    operations = [
        migrations.RunPython(fill, migrations.RunPython.noop),
        migrations.RunPython(ensure_locales, migrations.RunPython.noop),
    ]
