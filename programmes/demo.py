"""Demo content: the site tree, the demo exchange file, generated images, an admin for local use.

Everything is idempotent: running it again changes nothing. The programmes come from
demo/programmes.json through the ordinary importer; figures and contact details that
are not from the public record are marked as sample data there and on the page.
"""

import datetime
import io
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.files.images import ImageFile
from django.db import transaction
from PIL import Image as PILImage
from PIL import ImageDraw, ImageFont
from wagtail.images import get_image_model
from wagtail.models import Locale

from kb.changes import bulk_changes

from . import demo_translations
from .exchange import import_data, load_file, publish, update_indexes
from .models import HomePage, ProgrammePage
from .richtext import sanitise
from .sitetree import ensure_site_tree
from .translated_facts import store as store_fact_translations
from .translation import copy_shared

DEMO_FILE = Path(__file__).parent / "demo" / "programmes.json"
# PIL's built-in font has no glyph for "Ö" or "ü": the illustrations use the DejaVu font
# that the research PDFs ship with.
LABEL_FONT = Path(__file__).resolve().parent.parent / "research" / "fonts" / "DejaVuSans-Bold.ttf"
THEME_COLOURS = {
    "language": ("#004c8c", "Sprachförderung"),
    "education": ("#2e7d32", "Bildung"),
    "intercultural-opening": ("#6a1b9a", "Interkulturelle Öffnung"),
    "refugees": ("#c62828", "Flüchtlingsintegration"),
    "welcome": ("#00838f", "Willkommen"),
    "work": ("#ef6c00", "Arbeit und Ausbildung"),
    "participation": ("#283593", "Teilhabe"),
    "anti-discrimination": ("#ad1457", "Antidiskriminierung"),
    "health": ("#00695c", "Gesundheit"),
    "neighbourhood": ("#5d4037", "Quartier"),
    "culture-sport": ("#f9a825", "Kultur und Sport"),
}
HOME_BODY = (
    "<p>Im Jahr 2001 hat der Stuttgarter Gemeinderat das Integrationskonzept „Ein Bündnis für "
    "Integration“ beschlossen. Integration wird darin als Querschnittsaufgabe der ganzen Stadt "
    "verstanden: Verwaltung, Schulen, Kitas, Vereine, Migrantenorganisationen, Wirtschaft, "
    "Kirchen und Politik arbeiten zusammen, damit alle Menschen in Stuttgart gleiche Chancen "
    "haben.</p><p>Diese Wissensdatenbank beschreibt die Programme, die daraus entstanden sind – "
    "von der Sprachförderung über die interkulturelle Öffnung der Verwaltung bis zum Welcome "
    "Center –, mit Ergebnissen und Ansprechpartnern.</p><p><em>Hinweis: Die Demo-Inhalte "
    "beschreiben die Programme auf dem Stand öffentlich bekannter Informationen; Kennzahlen und "
    "Kontaktdaten sind als Beispieldaten gekennzeichnet.</em></p>"
)


HOME_BODY_TRANSLATED = {
    "en": (
        "<p>In 2001 Stuttgart's city council adopted the integration concept “An Alliance for "
        "Integration”: integration as a task for the whole city, in which administration, schools, "
        "day-care centres, associations, migrant organisations, business, churches and politics work "
        "together for equal opportunities.</p><p><em>Demo content describes the programmes at the level "
        "of publicly known information; figures and contact details are marked as sample data.</em></p>"
    ),
    "tr": (
        "<p>Stuttgart belediye meclisi 2001 yılında „Uyum için İttifak“ entegrasyon konseptini kabul etti: "
        "yönetim, okullar, kreşler, dernekler, göçmen kuruluşları, ekonomi ve siyaset eşit fırsatlar için "
        "birlikte çalışıyor.</p><p><em>Örnek içerikteki rakamlar ve iletişim bilgileri örnek verilerdir.</em></p>"
    ),
}


def theme_image(theme_slug):
    """A simple generated illustration for a theme (created once, then reused)."""
    Image = get_image_model()
    colour, label = THEME_COLOURS[theme_slug]
    title = f"Illustration: {label}"
    existing = Image.objects.filter(title=title).first()
    if existing:
        return existing
    canvas = PILImage.new("RGB", (1200, 600), colour)
    draw = ImageDraw.Draw(canvas)
    for i in range(7):
        radius = 60 + i * 45
        draw.ellipse((900 - radius, 300 - radius, 900 + radius, 300 + radius), outline="#ffffff", width=4)
    draw.rectangle((80, 420, 700, 520), fill="#ffffff")
    size = 44
    while size > 24 and ImageFont.truetype(str(LABEL_FONT), size).getlength(label) > 560:
        size -= 2  # long labels get smaller type rather than running out of the white box
    draw.text((110, 450), label, fill=colour, font=ImageFont.truetype(str(LABEL_FONT), size))
    buffer = io.BytesIO()
    canvas.save(buffer, "PNG")
    image = Image(title=title, file=ImageFile(buffer, name=f"demo-{theme_slug}.png"))
    image.save()
    return image


def load_demo(create_admin=False, stdout=None):
    tree = ensure_site_tree()
    home = tree[Locale.get_default().language_code][0]
    if home.body != sanitise(HOME_BODY):
        home.body = HOME_BODY
        home.save_revision().publish()
    files = demo_translations.load_files()
    data = demo_translations.with_translations(load_file(DEMO_FILE), files)
    result = import_data(data, bulk=False)  # page by page, as an editor creates them
    store_fact_translations(demo_translations.fact_labels())  # indicators, units, roles: once per text
    mark_demo_translations(files)
    mark_demo_pages()
    if create_admin:
        ensure_admin(stdout)
    for code, body in HOME_BODY_TRANSLATED.items():
        translation = HomePage.objects.filter(locale__language_code=code).first()
        if translation and not translation.body:
            translation.body = body
            translation.save_revision().publish()
    return result


@transaction.atomic
def mark_demo_translations(files):
    """Plain-language summaries from the translation files; every demo translation marked as such."""
    changed = []
    with bulk_changes():
        for page, values in demo_translations.pages_to_update(files):
            for key, value in values.items():
                setattr(page, key, value)
            publish(page)
            changed.append(page.pk)
    if changed:
        update_indexes(ProgrammePage.objects.filter(pk__in=changed))


@transaction.atomic
def mark_demo_pages():
    """Label every demo programme as sample data, give it an illustration and a review date."""
    default = Locale.get_default()
    reviewed = datetime.date(2026, 11, 1)
    changed = []
    with bulk_changes():
        for page in ProgrammePage.objects.filter(locale=default).prefetch_related("themes"):
            themes = [t.slug for t in page.themes.all()]
            image = theme_image(themes[0]) if themes else None
            alt = f"Abstrakte Grafik zum Thema {THEME_COLOURS[themes[0]][1]}" if themes else ""
            wanted = {"contains_sample_data": True, "last_reviewed": page.last_reviewed or reviewed,
                      "lead_image_id": image.pk if image else None, "lead_image_alt": page.lead_image_alt or alt}
            if set_shared_fields(page, wanted):
                changed.append(page.translation_key)
    if changed:
        update_indexes(ProgrammePage.objects.filter(translation_key__in=changed))


def set_shared_fields(page, values):
    """Give a source programme these shared field values and publish it with its translations.

    Returns False (and publishes nothing) when the page already has them, so demo steps stay
    idempotent. Call inside `bulk_changes()` and re-index the changed pages afterwards.
    """
    if all(getattr(page, key) == value for key, value in values.items()):
        return False
    for key, value in values.items():
        setattr(page, key, value)
    publish(page)
    for translation in ProgrammePage.objects.filter(translation_key=page.translation_key).exclude(pk=page.pk):
        copy_shared(page, translation)
        publish(translation)
    return True


def ensure_admin(stdout=None):
    User = get_user_model()
    if not User.objects.filter(username="admin").exists():
        User.objects.create_superuser("admin", "admin@example.org", "admin")
        if stdout:
            stdout.write("Created local admin user admin / admin (for local use only).")
