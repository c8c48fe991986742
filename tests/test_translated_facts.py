"""Translated facts (issue 20): outcome indicators, units and notes, contact roles, hours notes and
the service notes in the visitor's language, German (marked lang="de") where not yet translated;
carried by the PO files and by the exchange extension kb-translated-facts/1."""

import copy
import json
import re
from html.parser import HTMLParser

import polib
import pytest
from wagtail.models import Locale

from programmes.exchange import ExchangeError, export_data, import_data
from programmes.models import FactTranslation, ProgrammePage
from programmes.translated_facts import untranslated
from programmes.translation_files import export_po, import_po
from tests.factories import exchange, record

pytestmark = pytest.mark.django_db

EXTENSIONS = ["kb-facts/1", "kb-translated-facts/1"]
FACTS = {
    "cost": "fee", "cost_amount": 5, "cost_note": "Ermäßigt 2 € mit Bonuscard", "registration": "required",
    "registration_note": "Telefonisch im Büro", "step_free": None, "hearing_loop": None, "childcare": None,
    "documents_to_bring": ["Pass oder Ausweis"], "venues": [],
    "hours": [{"weekday": "tuesday", "opens": "17:00", "closes": "19:00", "note": "nur in der Schulzeit"}],
}
ENGLISH = {
    "outcomes": [{"indicator": "Participants per year", "unit": "people", "note": "Sample data"}],
    "contacts": [{"role": "Coordination", "opening_hours": "Tue 5–7 pm"}],
    "hours": [{"note": "school terms only"}],
    "cost_note": "Reduced €2 with the Bonuscard", "registration_note": "By phone at the office",
    "documents_to_bring": ["Passport or ID card"],
}
ARABIC = {
    "outcomes": [{"indicator": None, "unit": None, "note": None}],
    "contacts": [{"role": "التنسيق", "opening_hours": None}],
    "hours": [{"note": None}],
    "cost_note": None, "registration_note": None, "documents_to_bring": [],
}
TRANSLATIONS = {
    "en": {"title": "Language café", "summary": "Practise German.", "description": None, "keywords": []},
    "ar": {"title": "مقهى اللغة", "summary": "تدرّب على الألمانية.", "description": None, "keywords": []},
}


def translated_file(**overrides):
    programme = record(**copy.deepcopy({"facts": FACTS, "translations": TRANSLATIONS,
                                        "translated_facts": {"en": ENGLISH, "ar": ARABIC}, **overrides}))
    return {**exchange(programme), "extensions": EXTENSIONS}


class Langs(HTMLParser):
    """The language (nearest lang attribute) in which each piece of text of a page stands."""

    def __init__(self):
        super().__init__()
        self.stack, self.texts = [], []

    def handle_starttag(self, tag, attrs):
        if tag in ("br", "img", "input", "meta", "link", "hr", "source"):
            return
        lang = dict(attrs).get("lang") or (self.stack[-1] if self.stack else None)
        self.stack.append("script" if tag in ("script", "style") else lang)

    def handle_endtag(self, tag):
        if tag not in ("br", "img", "input", "meta", "link", "hr", "source") and self.stack:
            self.stack.pop()

    def handle_data(self, data):
        if data.strip() and self.stack and self.stack[-1] != "script":  # the page, not its JSON-LD
            self.texts.append((data.strip(), self.stack[-1] if self.stack else None))


def lang_of(html, text):
    parser = Langs()
    parser.feed(html)
    found = {lang for data, lang in parser.texts if text in data}
    assert found, f"{text!r} not on the page"
    assert len(found) == 1, f"{text!r} in several languages: {found}"
    return found.pop()


@pytest.fixture
def translated(site_tree):
    import_data(translated_file())
    return ProgrammePage.objects.get(slug="sprachcafe-test", locale=Locale.get_default())


def test_english_page_shows_translated_indicator_role_hours_and_notes_in_english(client, translated):
    html = client.get("/en/programme/sprachcafe-test/").content.decode()
    for text in ("Participants per year", "Coordination", "Tue 5–7 pm", "school terms only",
                 "Reduced €2 with the Bonuscard", "By phone at the office", "Passport or ID card", "people", "Sample data"):
        assert lang_of(html, text) == "en", text
    visible = re.sub(r"<script.*?</script>", "", html, flags=re.S)  # the page, not its JSON-LD
    for german in ("Teilnehmende pro Jahr", "Koordination", "Di 17–19 Uhr", "nur in der Schulzeit", "Ermäßigt",
                   "Pass oder Ausweis"):
        assert german not in visible


def test_arabic_page_shows_the_translated_role_and_falls_back_to_marked_german(client, translated):
    html = client.get("/ar/programme/sprachcafe-test/").content.decode()
    assert lang_of(html, "التنسيق") == "ar"
    # Not translated into Arabic: German, marked as such and isolated left-to-right.
    assert lang_of(html, "Teilnehmende pro Jahr") == "de"
    assert lang_of(html, "nur in der Schulzeit") == "de"
    assert lang_of(html, "Ermäßigt 2 € mit Bonuscard") == "de"
    assert '<span lang="de" dir="ltr">Teilnehmende pro Jahr</span>' in html
    assert '<span lang="de" dir="ltr">Di 17–19 Uhr</span>' in html  # the contact's hours


def test_turkish_and_arabic_pages_show_the_contacts_opening_hours_in_their_language(client, site_tree):
    """The contact's free-text opening hours are translated like its role: on the Turkish page
    (served from the English version, the first in Turkish's fallback order) and on the Arabic
    page they stand in the visitor's language, and the German text is gone."""
    hours = {"tr": "Salı 17.00–19.00", "ar": "الثلاثاء من 17:00 إلى 19:00"}
    facts = {lang: {"contacts": [{"role": None, "opening_hours": text}]} for lang, text in hours.items()}
    import_data(translated_file(translated_facts={**facts, "en": ENGLISH}))
    for lang, text in hours.items():
        html = client.get(f"/{lang}/programme/sprachcafe-test/").content.decode()
        assert lang_of(html, text) == lang
        assert "Di 17–19 Uhr" not in re.sub(r"<script.*?</script>", "", html, flags=re.S)
        # the page's schema.org JSON-LD says the same as the page
        ld = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))
        assert ld["availableChannel"][0]["servicePhone"]["description"] == text
    exported = export_data()["programmes"][0]["translated_facts"]
    assert [exported[lang]["contacts"][0]["opening_hours"] for lang in ("en", "tr", "ar")] == [
        "Tue 5–7 pm", hours["tr"], hours["ar"]]


def test_visitor_of_a_german_only_programme_sees_translations_where_they_exist(client, site_tree):
    """No version in the visitor's language nor in English: the German page is served under /tr/;
    a role translated into Turkish stands in Turkish, the rest in German, each marked."""
    import_data({**exchange(record(slug="nur-deutsch", facts=FACTS)), "extensions": ["kb-facts/1"]})
    FactTranslation.objects.create(language="tr", field="contact.role", source="Koordination", text="Koordinasyon")
    html = client.get("/tr/programme/nur-deutsch/").content.decode()
    assert lang_of(html, "Koordinasyon") == "tr"
    assert lang_of(html, "Teilnehmende pro Jahr") == "de"
    assert lang_of(html, "Di 17–19 Uhr") == "de"  # the contact's hours, not translated into Turkish


def test_a_changed_german_text_falls_back_to_german_until_translated_again(client, translated):
    changed = translated_file()
    changed["programmes"][0]["outcomes"][0]["indicator"] = "Teilnehmende im Jahr"
    changed["programmes"][0]["translated_facts"]["en"]["outcomes"][0]["indicator"] = None
    import_data(changed)
    html = client.get("/en/programme/sprachcafe-test/").content.decode()
    assert lang_of(html, "Teilnehmende im Jahr") == "de"
    assert "Participants per year" not in html
    source = ProgrammePage.objects.get(slug="sprachcafe-test", locale=Locale.get_default())
    assert ("outcome indicator", "Teilnehmende im Jahr") in [(str(w), t) for w, t in untranslated(source, "en")]


def test_exchange_round_trip_into_an_empty_site_is_identical(translated):
    exported = export_data()
    assert exported["extensions"] == ["kb-facts/1", "kb-translated-facts/1"]
    facts = exported["programmes"][0]["translated_facts"]
    assert facts["en"] == ENGLISH and facts["ar"] == ARABIC
    ProgrammePage.objects.all().delete()
    FactTranslation.objects.all().delete()
    import_data(json.loads(json.dumps(exported)))
    assert export_data() == exported


def test_reimporting_the_same_file_changes_nothing(translated):
    result = import_data(translated_file())
    assert result.unchanged == ["sprachcafe-test"]


def test_a_core_file_still_imports_and_keeps_the_translations(translated):
    core = translated_file()
    del core["programmes"][0]["translated_facts"], core["extensions"], core["programmes"][0]["facts"]
    import_data(core)
    assert FactTranslation.objects.filter(language="en", source="Teilnehmende pro Jahr").exists()
    assert "translated_facts" not in export_data(strict=True)["programmes"][0]


def test_an_undeclared_translated_facts_key_is_refused(site_tree):
    data = translated_file()
    data["extensions"] = ["kb-facts/1"]
    with pytest.raises(ExchangeError) as info:
        import_data(data)
    assert "programmes[0].translated_facts: unknown key" in info.value.problems


def test_bad_translated_facts_are_refused_whole_with_each_place_named(site_tree):
    data = translated_file()
    programme = data["programmes"][0]
    facts = programme["translated_facts"]
    facts["xx"] = {"contacts": [{"role": "?"}]}
    facts["en"]["outcomes"].append({"indicator": "Extra"})
    facts["en"]["hours"][0]["note"] = 7
    facts["ar"]["outcomes"][0]["source"] = "nope"
    second = copy.deepcopy(programme)
    second["slug"] = "zweites-programm"
    second["translated_facts"] = {"en": {"contacts": [{"role": "Coordinator"}]}}
    third = copy.deepcopy(programme)
    third["slug"] = "drittes-programm"
    third["outcomes"][0]["unit"] = None
    third["translations"] = {}
    third["translated_facts"] = {"en": {"outcomes": [{"unit": "people"}], "cost_note": "Reduced"}}
    data["programmes"] += [second, third]
    with pytest.raises(ExchangeError) as info:
        import_data(data)
    problems = info.value.problems
    # The schema first: wrong types and unknown keys, each at its place.
    assert any(p.startswith("programmes[0].translated_facts.en.hours[0].note:") for p in problems), problems
    assert "programmes[0].translated_facts.ar.outcomes[0].source: unknown key" in problems
    assert not ProgrammePage.objects.exists()
    # With the shape right, the places and languages.
    facts["en"]["hours"][0]["note"] = "school terms only"
    del facts["ar"]["outcomes"][0]["source"]
    with pytest.raises(ExchangeError) as info:
        import_data(data)
    problems = "\n".join(info.value.problems)
    assert "programmes[0].translated_facts.xx: 'xx' is not a translation language" in problems
    assert "programmes[0].translated_facts.en.outcomes: 2 item(s), but the record has 1" in problems
    assert ("programmes[1].translated_facts.en.contacts[0].role: translates 'Koordination' as 'Coordinator', "
            "but programmes[0].translated_facts.en.contacts[0].role as 'Coordination'") in problems
    assert "programmes[2].translated_facts.en.outcomes[0].unit: translates nothing" in problems
    assert "programmes[2].translated_facts.en: notes need a en translation" in problems
    assert not ProgrammePage.objects.exists() and not FactTranslation.objects.exists()


def test_po_export_and_import_carry_the_facts(client, site_tree):
    data = translated_file()
    del data["programmes"][0]["translated_facts"]
    import_data(data)
    source = ProgrammePage.objects.get(slug="sprachcafe-test", locale=Locale.get_default())
    po = export_po([source], "en")
    by_context = {(e.msgctxt, e.msgid): e for e in po}
    assert ("contact.role", "Koordination") in by_context
    assert ("outcome.indicator", "Teilnehmende pro Jahr") in by_context
    assert ("hours.note", "nur in der Schulzeit") in by_context
    assert ("contact.opening_hours", "Di 17–19 Uhr") in by_context
    assert ("sprachcafe-test|cost_note", "Ermäßigt 2 € mit Bonuscard") in by_context
    assert by_context["contact.role", "Koordination"].msgstr == ""
    by_context["contact.role", "Koordination"].msgstr = "Coordination"
    by_context["outcome.unit", "Personen"].msgstr = "people"
    by_context["contact.opening_hours", "Di 17–19 Uhr"].msgstr = "Tue 5–7 pm"
    by_context["sprachcafe-test|cost_note", "Ermäßigt 2 € mit Bonuscard"].msgstr = "Reduced €2 with the Bonuscard"
    by_context["sprachcafe-test|documents_to_bring", "Pass oder Ausweis"].msgstr = "Passport or ID card"
    import_po(str(po))
    html = client.get("/en/programme/sprachcafe-test/").content.decode()
    for text in ("Coordination", "people", "Tue 5–7 pm", "Reduced €2 with the Bonuscard", "Passport or ID card"):
        assert lang_of(html, text) == "en", text
    assert lang_of(html, "Teilnehmende pro Jahr") == "de"  # left empty in the file
    again = {(e.msgctxt, e.msgid): e.msgstr for e in export_po([source], "en")}
    assert again["contact.role", "Koordination"] == "Coordination"
    assert again["contact.opening_hours", "Di 17–19 Uhr"] == "Tue 5–7 pm"
    assert again["sprachcafe-test|cost_note", "Ermäßigt 2 € mit Bonuscard"] == "Reduced €2 with the Bonuscard"
    assert again["outcome.indicator", "Teilnehmende pro Jahr"] == ""


def test_po_file_with_a_fact_for_an_unknown_context_is_refused(site_tree):
    po = polib.POFile()
    po.metadata = {"Language": "en", "Content-Type": "text/plain; charset=UTF-8"}
    po.append(polib.POEntry(msgctxt="contact.rolle", msgid="Koordination", msgstr="Coordination"))
    with pytest.raises(Exception) as info:
        import_po(str(po))
    assert "contact.rolle" in str(info.value)


def test_staff_translate_facts_from_the_translation_page(admin_client, client, translated):
    arabic = ProgrammePage.objects.get(slug="sprachcafe-test", locale__language_code="ar")
    edit = admin_client.get(f"/admin/pages/{arabic.pk}/edit/").content.decode()
    form_url = f"/admin/translations/facts/{arabic.pk}/ar/"
    # indicator, unit, outcome note, contact's opening hours, hours note and the page's three notes
    # (staff see the admin in German)
    assert form_url in edit and "8 Texte noch nicht übersetzt" in edit
    form = admin_client.get(form_url).content.decode()
    assert "Teilnehmende pro Jahr" in form and "التنسيق" in form
    fields = {}
    labels = dict(re.findall(r'<label[^>]*for="id_(text_\w+)"[^>]*>([^<]*)</label>', form))
    for name, label in labels.items():
        fields[name] = "المشاركون في السنة" if label.endswith("Teilnehmende pro Jahr") else ""
        if label.endswith("Koordination"):
            fields[name] = "التنسيق"
    response = admin_client.post(form_url, fields)
    assert response.status_code == 302
    html = client.get("/ar/programme/sprachcafe-test/").content.decode()
    assert lang_of(html, "المشاركون في السنة") == "ar"
    assert lang_of(html, "التنسيق") == "ar"
    source = ProgrammePage.objects.get(slug="sprachcafe-test", locale=Locale.get_default())
    source_edit = admin_client.get(f"/admin/pages/{source.pk}/edit/").content.decode()
    assert "7 Texte noch nicht übersetzt" in source_edit and "alles übersetzt" in source_edit  # Arabic; English


def test_only_editors_of_the_page_may_translate_its_facts(client, django_user_model, translated):
    from django.contrib.auth.models import Permission

    user = django_user_model.objects.create_user("reader", password="x")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    url = f"/admin/translations/facts/{translated.pk}/en/"
    assert client.get(url).status_code == 302  # Wagtail sends who may not edit back to the dashboard
    client.post(url, {"text_0": "Hacked"})
    assert not FactTranslation.objects.filter(text="Hacked").exists()
    assert client.get(f"/admin/translations/facts/{translated.pk}/xx/").status_code == 404


def test_the_pdf_carries_the_translated_indicator_and_role(client, translated):
    from tests.test_research import pdf_text

    _title, english = pdf_text(client.get("/en/programme/sprachcafe-test/pdf/").content)
    assert "Participants per year" in english and "Coordination" in english
    _title, german = pdf_text(client.get("/de/programme/sprachcafe-test/pdf/").content)
    assert "Teilnehmende pro Jahr" in german and "Koordination" in german


def test_demo_fact_translations_cover_every_role_opening_hours_indicator_and_unit_of_the_demo():
    from programmes.demo import DEMO_FILE
    from programmes.demo_translations import fact_labels

    labels = fact_labels()
    for programme in json.loads(DEMO_FILE.read_text())["programmes"]:
        texts = [(f"contact.{key}", c[key]) for c in programme["contacts"] for key in ("role", "opening_hours")
                 if c.get(key)] + [
            (f"outcome.{key}", o[key]) for o in programme["outcomes"] for key in ("indicator", "unit") if o.get(key)
        ]
        for lang in ("en", "tr", "ar", "uk"):
            for field, german in texts:
                assert labels.get((lang, field, german)), (lang, field, german)


def test_staff_find_and_correct_a_translation_used_by_many_programmes(admin_client, client, translated):
    listing = admin_client.get("/admin/snippets/programmes/facttranslation/", {"q": "Koordination"}).content.decode()
    assert "Coordination" in listing and "التنسيق" in listing
    row = FactTranslation.objects.get(language="en", source="Koordination")
    response = admin_client.post(f"/admin/snippets/programmes/facttranslation/edit/{row.pk}/", {
        "language": "en", "field": "contact.role", "source": "Koordination", "text": "Coordinator",
    })
    assert response.status_code == 302
    assert lang_of(client.get("/en/programme/sprachcafe-test/").content.decode(), "Coordinator") == "en"
    duplicate = admin_client.post("/admin/snippets/programmes/facttranslation/add/", {
        "language": "en", "field": "contact.role", "source": "Koordination", "text": "Other",
    })
    assert duplicate.status_code == 200 and "schon eine Übersetzung" in duplicate.content.decode()
    wrong = admin_client.post("/admin/snippets/programmes/facttranslation/add/", {
        "language": "de", "field": "contact.role", "source": "Beratung", "text": "Beratung",
    })
    assert "Übersetzungssprachen" in wrong.content.decode() and not FactTranslation.objects.filter(language="de").exists()


def test_a_file_changing_only_a_translated_note_updates_that_translation(client, translated):
    changed = translated_file()
    changed["programmes"][0]["translated_facts"]["en"]["cost_note"] = "Reduced price: €2"
    result = import_data(changed)
    assert result.updated == ["sprachcafe-test"]
    html = client.get("/en/programme/sprachcafe-test/").content.decode()
    assert lang_of(html, "Reduced price: €2") == "en" and "Reduced €2 with the Bonuscard" not in html
    assert import_data(changed).unchanged == ["sprachcafe-test"]


def test_notes_copied_by_wagtails_translate_action_count_as_german(client, site_tree):
    """Wagtail's "Translate" copies every field, the German notes too: they are shown as German
    (marked) and counted as untranslated until staff replace them."""
    from programmes import record as programme_record
    from tests.factories import create

    page = create(translations={"en": {"title": "Language café", "summary": "Practise German."}})
    programme_record.apply_facts(page, FACTS)
    page.save_revision().publish()
    english = ProgrammePage.objects.get(slug="sprachcafe-test", locale__language_code="en")
    english.cost_note = page.cost_note  # as copy_for_translation leaves it
    english.save_revision().publish()
    html = client.get("/en/programme/sprachcafe-test/").content.decode()
    assert lang_of(html, "Ermäßigt 2 € mit Bonuscard") == "de"
    assert "cost" in " ".join(str(what) for what, _text in untranslated(page, "en", english))


def test_a_translation_saved_in_the_form_reaches_visitors_of_a_cached_page(admin_client, translated):
    """The page cache is on here: the form's bulk write must still clear it."""
    from django.test import Client

    visitor = Client()
    url = "/ar/programme/sprachcafe-test/"
    assert "Teilnehmende pro Jahr" in visitor.get(url).content.decode()  # now cached
    arabic = ProgrammePage.objects.get(slug="sprachcafe-test", locale__language_code="ar")
    form = admin_client.get(f"/admin/translations/facts/{arabic.pk}/ar/").content.decode()
    labels = dict(re.findall(r'<label[^>]*for="id_(text_\w+)"[^>]*>([^<]*)</label>', form))
    admin_client.post(f"/admin/translations/facts/{arabic.pk}/ar/", {
        name: {"Teilnehmende pro Jahr": "المشاركون في السنة", "Koordination": "التنسيق"}.get(label.split(": ")[-1], "")
        for name, label in labels.items()
    })  # nothing deleted: only the bulk write can clear the cache
    assert lang_of(visitor.get(url).content.decode(), "المشاركون في السنة") == "ar"


def test_export_of_needed_translations_includes_programmes_with_untranslated_facts(translated, tmp_path):
    from django.core.management import call_command

    path = tmp_path / "en.po"
    call_command("export_translations", "en", str(path), "--needed")
    assert len(polib.pofile(str(path))) == 0  # English: text and facts translated
    call_command("export_translations", "ar", str(path), "--needed")
    entries = {(e.msgctxt, e.msgid): e.msgstr for e in polib.pofile(str(path))}
    assert entries["outcome.indicator", "Teilnehmende pro Jahr"] == "" and entries["contact.role", "Koordination"] == "التنسيق"


def test_an_import_changing_a_german_note_marks_the_translations_outdated(translated):
    """A file that changes the German note but brings no translations: the existing ones are
    now behind (a file that carries translations states them as current)."""
    from programmes.translation import OUTDATED, UP_TO_DATE, translation_statuses

    assert translation_statuses(translated)["en"][0] == UP_TO_DATE
    changed = translated_file(facts={**FACTS, "cost_note": "Ermäßigt 1 € mit Bonuscard"},
                              translations={}, translated_facts={})
    assert import_data(changed).updated == ["sprachcafe-test"]
    translated.refresh_from_db()
    assert translation_statuses(translated)["en"][0] == OUTDATED
