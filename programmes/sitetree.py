"""The site tree every installation needs: a home page and a catalogue per locale."""

from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from wagtail.models import Locale, Page, Site

from .models import HomePage, ProgrammeIndexPage

HOME = {
    "title": "Integration in Stuttgart",
    "intro": (
        "Seit 2001 arbeitet Stuttgart mit dem „Bündnis für Integration“: Stadtverwaltung, "
        "Vereine, Migrantenorganisationen, Wirtschaft und Politik gestalten gemeinsam das "
        "Zusammenleben in einer Stadt, in der fast die Hälfte der Menschen eine "
        "Migrationsgeschichte hat. Hier finden Sie die Programme – mit Ergebnissen und Kontakten."
    ),
}
CATALOGUE = {
    "title": "Programme",
    "slug": "programme",
    "intro": "Alle Programme und Angebote des Stuttgarter Bündnisses für Integration.",
}
TRANSLATED = {
    "en": {
        "home_title": "Integration in Stuttgart",
        "home_intro": (
            "Since 2001 Stuttgart has worked with its “Alliance for Integration”: the city "
            "administration, associations, migrant organisations, business and politics shape "
            "living together in a city where almost half the people have a migration background. "
            "Here you find the programmes – with their outcomes and contacts."
        ),
        "catalogue_title": "Programmes",
        "catalogue_intro": "All programmes and services of Stuttgart's Alliance for Integration.",
    },
    "tr": {
        "home_title": "Stuttgart'ta Uyum",
        "home_intro": (
            "Stuttgart 2001'den beri „Uyum İttifakı“ ile çalışıyor: belediye, dernekler, göçmen "
            "kuruluşları, ekonomi ve siyaset birlikte yaşamı birlikte şekillendiriyor. Burada "
            "programları, sonuçlarını ve irtibat bilgilerini bulabilirsiniz."
        ),
        "catalogue_title": "Programlar",
        "catalogue_intro": "Stuttgart Uyum İttifakı'nın tüm programları ve hizmetleri.",
    },
    "ar": {
        "home_title": "الاندماج في شتوتغارت",
        "home_intro": (
            "منذ عام 2001 تعمل مدينة شتوتغارت مع „التحالف من أجل الاندماج“: الإدارة البلدية "
            "والجمعيات ومنظمات المهاجرين والاقتصاد والسياسة يشكّلون معًا العيش المشترك. "
            "تجدون هنا البرامج مع نتائجها وجهات الاتصال."
        ),
        "catalogue_title": "البرامج",
        "catalogue_intro": "جميع برامج وخدمات التحالف من أجل الاندماج في شتوتغارت.",
    },
    "uk": {
        "home_title": "Інтеграція у Штутгарті",
        "home_intro": (
            "З 2001 року Штутгарт працює в межах «Союзу за інтеграцію»: міська адміністрація, "
            "об'єднання, організації мігрантів, бізнес і політика разом формують спільне життя. "
            "Тут ви знайдете програми з їхніми результатами та контактами."
        ),
        "catalogue_title": "Програми",
        "catalogue_intro": "Усі програми та послуги Штутгартського союзу за інтеграцію.",
    },
}


def ensure_locales():
    for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES:
        Locale.objects.get_or_create(language_code=code)


@transaction.atomic
def site_address():
    """(hostname, port) of the configured public base URL (WAGTAILADMIN_BASE_URL), for the default Site:
    permalinks and the v2 API's detail_url say this address, not http://localhost/ (issue 19, item 9)."""
    parts = urlsplit(settings.WAGTAILADMIN_BASE_URL or "http://localhost")
    return parts.hostname or "localhost", parts.port or (443 if parts.scheme == "https" else 80)


def ensure_site_tree():
    """Create (or find) home and catalogue pages in every locale; returns {code: (home, catalogue)}."""
    ensure_locales()
    default = Locale.get_default()
    root = Page.get_first_root_node()
    home = HomePage.objects.filter(locale=default).first()
    if home is None:
        home = root.add_child(instance=HomePage(title=HOME["title"], slug="start", intro=HOME["intro"], locale=default))
        home.save_revision().publish()
    site = Site.objects.filter(is_default_site=True).first()
    hostname, port = site_address()
    if site is None:
        Site.objects.create(hostname=hostname, port=port, root_page=home, is_default_site=True, site_name="Integration in Stuttgart")
    elif (site.hostname, site.port) == ("localhost", 80) and (hostname, port) != ("localhost", 80):
        # Wagtail's first migration made this site; permalinks (page.full_url) use its address.
        site.hostname, site.port = hostname, port
        site.save()
    if site is not None and site.root_page_id != home.pk:
        old_root = site.root_page
        site.root_page = home
        site.save()
        if old_root.depth == 2 and not isinstance(old_root.specific, HomePage):
            old_root.delete()
    catalogue = ProgrammeIndexPage.objects.child_of(home).filter(locale=default).first()
    if catalogue is None:
        catalogue = home.add_child(instance=ProgrammeIndexPage(locale=default, **CATALOGUE))
        catalogue.save_revision().publish()
    tree = {default.language_code: (home, catalogue)}
    for locale in Locale.objects.exclude(pk=default.pk):
        text = TRANSLATED.get(locale.language_code, {})
        tree[locale.language_code] = (
            _translation(home, locale, text.get("home_title"), text.get("home_intro")),
            _translation(catalogue, locale, text.get("catalogue_title"), text.get("catalogue_intro")),
        )
    return tree


def _translation(page, locale, title, intro):
    """The published translation of `page` in `locale`, created from the source when missing."""
    translation = page.get_translation_or_none(locale)
    if translation is None:
        translation = page.copy_for_translation(locale)
        translation.title = translation.draft_title = title or page.title
        translation.intro = intro or page.intro
        translation.save_revision().publish()
    return translation
