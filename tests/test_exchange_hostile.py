"""Hostile exchange files (#19): each is refused whole with a problem naming its place, never a crash."""

import json

import pytest
from django.core.management import call_command

from programmes.exchange import ExchangeError, import_data, load_file
from programmes.models import ContactPoint, ProgrammePage
from tests.factories import BASE, exchange, record

pytestmark = pytest.mark.django_db


def problems_for(data):
    with pytest.raises(ExchangeError) as info:
        import_data(data)
    return info.value.problems


def nothing_written():
    return not ProgrammePage.objects.filter(slug__in=["sprachcafe-test", "zweites-test"]).exists() and \
        not ContactPoint.objects.exists()


def test_a_file_nested_beyond_what_python_can_parse_is_named(site_tree, tmp_path):
    path = tmp_path / "deep.json"
    path.write_text('{"format": "kb-programmes/1", "programmes": [' + "[" * 100_000 + "]" * 100_000 + "]}")
    with pytest.raises(ExchangeError) as info:
        load_file(path)
    assert info.value.problems == ["file: nested deeper than 16 levels"]


def test_deep_nesting_inside_a_record_is_named_without_recursing(site_tree):
    deep = []
    for _ in range(5_000):
        deep = [deep]
    assert problems_for(exchange(record(keywords=deep))) == [
        "programmes[0].keywords[0][0][0][0][0][0][0][0][0][0][0][0][0]: nested deeper than 16 levels"
    ]
    assert nothing_written()


def test_the_import_command_reports_deep_nesting_instead_of_a_traceback(site_tree, tmp_path, capsys):
    path = tmp_path / "deep.json"
    path.write_text("[" * 50_000 + "]" * 50_000)
    with pytest.raises(Exception) as info:
        call_command("import_programmes", str(path))
    assert "nested deeper than 16 levels" in str(info.value) + capsys.readouterr().err
    assert not isinstance(info.value, RecursionError)


def test_lone_surrogates_are_named_and_nothing_is_written(site_tree, tmp_path):
    data = exchange(record(), record(slug="zweites-test"))
    text = json.dumps(data).replace("Sprachcaf\\u00e9 f\\u00fcr", "Sprachcaf\\ud800 f\\u00fcr", 1)
    text = text.replace('"Koordination"', '"Koordination\\udfff"', 1)
    path = tmp_path / "surrogates.json"
    path.write_text(text)
    problems = problems_for(load_file(path))
    assert "programmes[0].title: contains a lone surrogate (not valid Unicode text)" in problems
    assert "programmes[0].contacts[0].role: contains a lone surrogate (not valid Unicode text)" in problems
    assert len(problems) == 2
    assert nothing_written()


def test_invalid_language_codes_are_named(site_tree):
    contact = {**BASE["contacts"][0], "languages": ["de", "zz"]}
    assert problems_for(exchange(record(languages=["de", "xx"], contacts=[contact]))) == [
        "programmes[0].languages[1]: unknown language code 'xx' (ISO 639-1, such as de, en, tr)",
        "programmes[0].contacts[0].languages[1]: unknown language code 'zz' (ISO 639-1, such as de, en, tr)",
    ]
    assert nothing_written()


def test_duplicate_json_keys_are_named(site_tree, tmp_path):
    text = json.dumps(exchange(record()))
    text = text.replace('"status": "active"', '"status": "active", "status": "planned"', 1)
    text = text.replace('{"format": "kb-programmes/1"', '{"format": "kb-programmes/1", "format": "kb-programmes/1"', 1)
    path = tmp_path / "duplicates.json"
    path.write_text(text)
    assert problems_for(load_file(path)) == [
        "format: the key is given more than once (JSON keys must be unique)",
        "programmes[0].status: the key is given more than once (JSON keys must be unique)",
    ]
    assert nothing_written()


def test_oversized_text_and_lists_are_named_by_path(site_tree):
    contact = {**BASE["contacts"][0], "opening_hours": "Mo " * 1_000}
    outcome = {**BASE["outcomes"][0], "note": "x" * 2_001}
    data = exchange(record(
        description="lorem " * 10_000, keywords=["k" * 301] + [f"w{n}" for n in range(100)],
        contacts=[contact], outcomes=[outcome],
        translations={"en": {"title": "Café", "summary": "Talk.", "description": "y" * 50_001, "keywords": []}},
    ))
    assert sorted(problems_for(data)) == sorted([
        "programmes[0].description: longer than 50000 characters",
        "programmes[0].keywords: more than 100 items",
        "programmes[0].keywords[0]: longer than 300 characters",
        "programmes[0].translations.en.description: longer than 50000 characters",
        "programmes[0].outcomes[0].note: longer than 2000 characters",
        "programmes[0].contacts[0].opening_hours: longer than 2000 characters",
    ])
    assert nothing_written()


def test_text_at_the_caps_still_imports(site_tree):
    data = exchange(record(description="a" * 50_000, keywords=[f"w{n}" for n in range(100)]))
    assert import_data(data).created == ["sprachcafe-test"]
