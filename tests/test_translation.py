"""Translation workflow: status per language, PO export/import for agencies, fallback, plain language."""

import re
from pathlib import Path

import polib
import pytest
from django.core.management import CommandError, call_command

from programmes.models import ProgrammePage
from programmes.translation import MISSING, OUTDATED, UP_TO_DATE, translation_statuses
from programmes.translation_files import TranslationFileError, export_po, import_po
from search.service import SearchQuery, get_search_service
from tests.factories import create

pytestmark = pytest.mark.django_db

ENGLISH = {"en": {"title": "Language café", "summary": "Practise speaking German.", "keywords": ["conversation"]}}


def status(page, lang):
    page = ProgrammePage.objects.get(pk=page.pk)
    return translation_statuses(page)[lang][0]


def test_status_missing_then_up_to_date_then_outdated_after_german_edit(site_tree):
    page = create(translations=ENGLISH)
    assert status(page, "en") == UP_TO_DATE and status(page, "tr") == MISSING
    page = ProgrammePage.objects.get(pk=page.pk)
    page.summary = "Neue Zeiten: jeden Mittwoch."
    page.save_revision().publish()
    assert status(page, "en") == OUTDATED
    # an edit that does not touch the text (e.g. the end year) keeps translations current
    english = ProgrammePage.objects.get(translation_key=page.translation_key, locale__language_code="en")
    english.summary = "New times: every Wednesday."
    english.save_revision().publish()
    assert status(page, "en") == UP_TO_DATE
    page = ProgrammePage.objects.get(pk=page.pk)
    page.start_year = 2016
    page.save_revision().publish()
    assert status(page, "en") == UP_TO_DATE


def test_reimport_with_changed_german_text_marks_translations_outdated(site_tree):
    page = create(translations=ENGLISH)
    create(summary="Ganz neue Zusammenfassung.", translations={})
    assert status(page, "en") == OUTDATED


def test_admin_shows_status_on_the_page_and_in_the_report(admin_client, site_tree):
    page = create(translations=ENGLISH)
    page.summary = "Geändert."
    page.save_revision().publish()
    html = admin_client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    assert "outdated" in html or "veraltet" in html
    report = admin_client.get("/admin/translations/").content.decode()
    assert "Sprachcafé für Neuzugewanderte" in report and "/admin/translations/sprachcafe-test/en.po" in report
    missing = admin_client.get("/admin/translations/", {"status": "missing"}).content.decode()
    assert "/admin/translations/sprachcafe-test/tr.po" in missing


def test_po_round_trip_through_a_translation_agency(admin_client, site_tree, client):
    create()
    response = admin_client.get("/admin/translations/sprachcafe-test/tr.po")
    po = polib.pofile(response.content.decode())
    assert po.metadata["Language"] == "tr"
    by_field = {e.msgctxt.split("|")[1]: e for e in po if "|" in e.msgctxt}  # the facts' entries have no slug
    assert by_field["title"].msgid == "Sprachcafé für Neuzugewanderte" and by_field["title"].msgstr == ""
    assert "Ehrenamtliche moderieren" in by_field["description"].msgid
    # the agency translates
    by_field["title"].msgstr = "Yeni gelenler için dil kafesi"
    by_field["summary"].msgstr = "Rahat bir ortamda Almanca konuşma pratiği."
    by_field["description"].msgstr = "Birinci paragraf.\n\nİkinci paragraf."
    response = admin_client.post("/admin/translations/upload/", {"po_file": _upload(po)})
    assert response.status_code == 302
    turkish = ProgrammePage.objects.get(slug="sprachcafe-test", locale__language_code="tr")
    assert turkish.live and turkish.title == "Yeni gelenler için dil kafesi"
    assert turkish.description.count("<p>") == 2
    assert client.get("/tr/programme/sprachcafe-test/").status_code == 200
    assert [h.slug for h in get_search_service().search(SearchQuery(text="kafesi", lang="tr")).hits] == ["sprachcafe-test"]


def _upload(po):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("t.po", str(po).encode("utf-8"), content_type="text/x-gettext-translation")


def test_po_import_is_all_or_nothing_with_named_problems(site_tree):
    page = create()
    po = export_po([page], "tr")
    po[0].msgstr = "Başlık"
    po.append(polib.POEntry(msgctxt="gibt-es-nicht|title", msgid="X", msgstr="Y"))
    with pytest.raises(TranslationFileError) as info:
        import_po(str(po))
    assert "gibt-es-nicht: no programme with this slug" in info.value.problems
    assert "sprachcafe-test: a new translation needs summary" in info.value.problems
    assert not ProgrammePage.objects.filter(locale__language_code="tr").exists()


def test_translation_commands(site_tree, tmp_path):
    create(translations=ENGLISH)
    target = tmp_path / "en.po"
    call_command("export_translations", "en", str(target), "--needed")
    # English text is up to date (it has no description); the programme is still needed for its
    # untranslated facts
    assert {e.msgctxt for e in polib.pofile(str(target)) if not e.msgstr} == {
        "sprachcafe-test|description", "outcome.indicator", "outcome.unit", "outcome.note", "contact.role",
        "contact.opening_hours",
    }
    call_command("export_translations", "tr", str(target))
    po = polib.pofile(str(target))
    for entry in po:
        entry.msgstr = "çeviri: " + entry.msgid
    po.save(str(target))
    call_command("import_translations", str(target))
    assert ProgrammePage.objects.get(slug="sprachcafe-test", locale__language_code="tr").title.startswith("çeviri")
    with pytest.raises(CommandError):
        call_command("export_translations", "xx", str(target))


def test_plain_language_summary_is_shown_first_and_searchable(client, site_tree):
    page = create()
    page.plain_summary = "Hier üben Sie Deutsch. Sie reden mit anderen Menschen. Es kostet nichts."
    page.save_revision().publish()
    html = client.get(page.url).content.decode()
    assert "Einfach erklärt" in html and html.index("Einfach erklärt") < html.index('id="contact-heading"')
    assert [h.slug for h in get_search_service().search(SearchQuery(text="kostet nichts")).hits] == ["sprachcafe-test"]


def test_search_in_english_and_turkish_uses_their_texts(site_tree):
    create(translations={
        "en": {"title": "Swimming lessons for women", "summary": "Women learn to swim in small groups."},
        "tr": {"title": "Kadınlar için yüzme kursları", "summary": "Kadınlar küçük gruplarda yüzmeyi öğreniyor."},
    })
    assert [(h.slug, h.lang) for h in get_search_service().search(SearchQuery(text="swim lesson", lang="en")).hits] == [
        ("sprachcafe-test", "en")
    ]
    hits = get_search_service().search(SearchQuery(text="yüzme kursu", lang="tr")).hits  # inflected: kursları
    assert [(h.slug, h.lang) for h in hits] == [("sprachcafe-test", "tr")]


def test_arabic_pages_are_right_to_left(client, site_tree):
    create()
    html = client.get("/ar/programme/").content.decode()
    assert '<html lang="ar" dir="rtl">' in html
    html = client.get("/ar/programme/sprachcafe-test/").content.decode()
    assert 'dir="rtl"' in html and '<article class="programme" lang="de">' in html


@pytest.mark.parametrize("lang", ["de", "tr", "ar", "uk"])
def test_no_untranslated_ui_string_on_public_pages(client, site_tree, lang):
    """Render every public page type and look for English interface text left untranslated."""
    import re

    from django.conf import settings

    create(translations=ENGLISH)
    create(slug="zweites", title="Zweites Programm", summary="Noch ein Angebot.")
    catalogue = polib.pofile(str(settings.BASE_DIR / "kb" / "locale" / lang / "LC_MESSAGES" / "django.po"))
    english = [
        e.msgid for e in catalogue
        if len(e.msgid.split()) >= 2 and e.msgstr != e.msgid and "%(" not in e.msgid and "<" not in e.msgid
    ]
    urls = [f"/{lang}/", f"/{lang}/programme/", f"/{lang}/programme/?theme=language",
            f"/{lang}/programme/sprachcafe-test/", f"/{lang}/suche/?q=Sprachcaf%C3%A9",
            f"/{lang}/suche/?q=Quantenphysik"]
    for url in urls:
        html = client.get(url).content.decode()
        text = re.sub(r"<script.*?</script>|<[^>]+>", " ", html, flags=re.S)
        text += " ".join(re.findall(r'(?:placeholder|aria-label|alt|title)="([^"]*)"', html))
        text = " ".join(text.split())
        left = [msgid for msgid in english if msgid in text]
        assert not left, f"{url}: {left}"


def test_staff_translate_from_the_admin_and_status_follows(admin_client, site_tree):
    from wagtail.models import Locale

    page = create()
    turkish = Locale.objects.get(language_code="tr")
    response = admin_client.post(f"/admin/translation/submit/page/{page.pk}/", {"locales": [turkish.pk]})
    assert response.status_code == 302
    draft = ProgrammePage.objects.get(translation_key=page.translation_key, locale=turkish)
    assert not draft.live and [o.indicator for o in draft.outcomes.all()] == ["Teilnehmende pro Jahr"]
    assert status(page, "tr") == MISSING
    draft.title = "Dil kafesi"
    draft.summary = "Almanca konuşma pratiği."
    draft.save_revision().publish()
    assert status(page, "tr") == UP_TO_DATE


def test_taxonomy_labels_in_every_language_and_staff_edit_them(admin_client, client, site_tree):
    from programmes.models import Theme

    create(slug="deutsch-fuer-muetter", title="Deutsch für Mütter", themes=["language"],
           target_groups=["women"])
    html = client.get("/uk/programme/", {"theme": "language"}).content.decode()
    assert "Мовна підтримка" in html and "Sprachförderung" not in html  # filters and chips
    assert "Жінки" in html
    theme = Theme.objects.get(slug="language")
    url = f"/admin/snippets/programmes/theme/edit/{theme.pk}/"
    form = admin_client.get(url).content.decode()
    assert 'name="label_ar"' in form and 'name="label_uk"' in form and 'value="دعم تعلم اللغة"' in form
    response = admin_client.post(url, {
        "slug": "language", "label_de": "Sprachförderung", "label_en": "Language support",
        "label_tr": "Dil desteği", "label_ar": "تعلّم اللغة", "label_uk": "Вивчення мови", "sort_order": 0,
    })
    assert response.status_code == 302
    theme.refresh_from_db()
    assert theme.label("ar") == "تعلّم اللغة" and theme.label("uk") == "Вивчення мови"
    assert "Вивчення мови" in client.get("/uk/").content.decode()


def test_api_lists_taxonomy_labels_for_every_configured_language(client, site_tree):
    body = client.get("/api/v1/taxonomies/", {"lang": "ar"}).json()
    theme = next(t for t in body["themes"] if t["slug"] == "health")
    assert theme["label"] == "الصحة"
    assert set(theme["labels"]) == {"de", "en", "tr", "ar", "uk"}


def test_every_public_interface_string_is_translated_in_every_language():
    """A `{% translate %}` in a public template with no entry in a language's catalogue shows up
    in English on that language's pages (as the catalogue's "running now" note once did)."""
    root = Path(__file__).resolve().parent.parent
    used = {}
    for template in root.glob("*/templates/**/*.html"):
        if "/admin/" in template.as_posix():
            continue  # staff pages: the admin is German
        for match in re.finditer(r'\{%\s*translate\s+"([^"]+)"', template.read_text(encoding="utf-8")):
            used.setdefault(match.group(1), template.relative_to(root).as_posix())
    assert len(used) > 100
    for code in ("de", "tr", "ar", "uk"):
        catalogue = polib.pofile(str(root / "kb" / "locale" / code / "LC_MESSAGES" / "django.po"))
        translated = {entry.msgid for entry in catalogue.translated_entries()}
        assert {text: where for text, where in used.items() if text not in translated} == {}, code
