"""Extension kb-lessons (written as /2) of the exchange format: declared, validated, round-tripped, strict export."""

import json

import pytest
from django.core.management import call_command

from programmes.exchange import LESSONS_EXTENSION, ExchangeError, export_data, import_data
from programmes.models import ProgrammePage
from tests.factories import exchange, record

pytestmark = pytest.mark.django_db

LESSONS = {
    "purpose": "Deutsch sprechen üben ohne Kursdruck.",
    "approach": "Ehrenamtliche moderieren Gesprächsrunden.",
    "what_worked": "Feste Zeiten, offener Zugang.",
    "challenges": None,
    "transferability": "Mit einer Bibliothek als Partner leicht übertragbar.",
    "costs_staffing": "Zwei Ehrenamtliche je Runde, Raum der Stadtbibliothek (Beispieldaten).",
    "evaluation_reports": ["Beispielbericht 2022, Forum der Kulturen"],
}


def with_lessons(*records):
    return {**exchange(*records), "extensions": [LESSONS_EXTENSION]}


def problems_for(data):
    with pytest.raises(ExchangeError) as info:
        import_data(data)
    return info.value.problems


def test_declared_lessons_are_imported_and_shown_with_translations(site_tree, client):
    import_data(with_lessons(record(lessons=LESSONS, translations={"en": {"title": "Café", "summary": "Talk."}})))
    page = ProgrammePage.objects.get(slug="sprachcafe-test", locale__language_code="de")
    assert page.lessons_purpose == LESSONS["purpose"] and page.lessons_challenges == ""
    assert page.evaluation_reports == LESSONS["evaluation_reports"]
    english = ProgrammePage.objects.get(slug="sprachcafe-test", locale__language_code="en")
    assert english.lessons_transferability == LESSONS["transferability"]  # shared with translations
    html = client.get("/en/programme/sprachcafe-test/").content.decode()
    assert "Lessons and transfer" in html and LESSONS["what_worked"] in html


def test_lessons_without_declaration_are_an_unknown_key(site_tree):
    problems = problems_for(exchange(record(lessons=LESSONS)))
    assert "programmes[0].lessons: unknown key" in problems
    assert not ProgrammePage.objects.filter(slug="sprachcafe-test").exists()


def test_bad_lessons_and_unknown_extensions_are_named_and_nothing_is_written(site_tree):
    data = with_lessons(
        record(slug="gut", lessons=LESSONS),
        record(slug="schlecht", lessons={"purpose": 5, "colour": "blau", "evaluation_reports": ["", "x", "x"]}),
    )
    data["extensions"].append("kb-unknown/9")
    problems = problems_for(data)
    assert "extensions[1]: unknown extension 'kb-unknown/9' (known: kb-lessons/1, kb-lessons/2, kb-facts/1, kb-licence/1, kb-translated-facts/1)" in problems
    assert "programmes[1].lessons.colour: unknown key" in problems
    assert any(p.startswith("programmes[1].lessons.purpose:") for p in problems)
    assert "programmes[1].lessons.evaluation_reports: contains duplicates" in problems
    assert any(p.startswith("programmes[1].lessons.evaluation_reports[0]:") for p in problems)
    assert not ProgrammePage.objects.filter(slug__in=["gut", "schlecht"]).exists()


def test_export_declares_the_extension_only_when_there_are_lessons(site_tree):
    import_data(exchange(record(slug="ohne")))
    assert "extensions" not in export_data()
    import_data(with_lessons(record(slug="mit", lessons=LESSONS)))
    data = export_data()
    assert data["extensions"] == [LESSONS_EXTENSION]
    by_slug = {r["slug"]: r for r in data["programmes"]}
    assert by_slug["mit"]["lessons"] == LESSONS and "lessons" not in by_slug["ohne"]
    strict = export_data(strict=True)
    assert "extensions" not in strict and all("lessons" not in r for r in strict["programmes"])
    import_data(strict)  # a strict file is a valid core file ...
    assert ProgrammePage.objects.get(slug="mit", locale__language_code="de").lessons_purpose  # ... that keeps lessons


def test_round_trip_with_lessons_is_lossless_and_reimport_changes_nothing(site_tree):
    import_data(with_lessons(record(slug="a", lessons=LESSONS), record(slug="b")))
    exported = export_data()
    assert import_data(json.loads(json.dumps(exported))).unchanged == ["a", "b"]
    ProgrammePage.objects.all().delete()
    import_data(json.loads(json.dumps(exported)))
    assert export_data() == exported


def test_a_change_only_in_lessons_is_an_update(site_tree):
    import_data(with_lessons(record(lessons=LESSONS)))
    result = import_data(with_lessons(record(lessons={**LESSONS, "challenges": "Raumsuche"})))
    assert result.updated == ["sprachcafe-test"]
    assert ProgrammePage.objects.get(slug="sprachcafe-test", locale__language_code="de").lessons_challenges == "Raumsuche"
    # declared, but the record has none: its lessons are cleared
    import_data(with_lessons(record()))
    assert not ProgrammePage.objects.get(slug="sprachcafe-test", locale__language_code="de").has_lessons


def test_export_command_strict_flag(site_tree, tmp_path):
    import_data(with_lessons(record(lessons=LESSONS)))
    call_command("export_programmes", str(tmp_path / "full.json"))
    call_command("export_programmes", str(tmp_path / "core.json"), "--strict")
    assert json.loads((tmp_path / "full.json").read_text())["extensions"] == [LESSONS_EXTENSION]
    assert "extensions" not in json.loads((tmp_path / "core.json").read_text())
