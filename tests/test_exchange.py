"""The exchange format: import, export, round trip and every error the contract lists."""

import json

import pytest
from django.core.management import CommandError, call_command
from wagtail.models import Revision

from programmes.exchange import ExchangeError, export_data, import_data
from programmes.models import ProgrammePage
from tests.factories import exchange, record

pytestmark = pytest.mark.django_db


def problems_for(data):
    with pytest.raises(ExchangeError) as info:
        import_data(data)
    return info.value.problems


def test_import_creates_published_programme_with_outcomes_and_contacts(site_tree):
    result = import_data(exchange(record()))
    assert result.created == ["sprachcafe-test"]
    page = ProgrammePage.objects.get(slug="sprachcafe-test")
    assert page.live and page.locale.language_code == "de"
    assert [t.slug for t in page.themes.all()] == ["language"]
    assert page.outcomes.get().value == 320
    assert [c.email for c in page.contacts] == ["sprachcafe@example.org"]
    assert "<p>Im Sprachcafé" in page.description


def test_reimport_same_file_changes_nothing(site_tree):
    data = exchange(record())
    import_data(data)
    revisions = Revision.objects.count()
    result = import_data(data)
    assert result.unchanged == ["sprachcafe-test"] and not result.created and not result.updated
    assert Revision.objects.count() == revisions


def test_upsert_by_slug_updates_with_a_new_revision(site_tree):
    import_data(exchange(record()))
    page = ProgrammePage.objects.get(slug="sprachcafe-test")
    before = page.revisions.count()
    result = import_data(exchange(record(title="Sprachcafé am Abend", status="completed", end_year=2024)))
    assert result.updated == ["sprachcafe-test"]
    page.refresh_from_db()
    assert page.title == "Sprachcafé am Abend" and page.end_year == 2024
    assert page.revisions.count() == before + 1
    assert ProgrammePage.objects.filter(slug="sprachcafe-test").count() == 1


def test_round_trip_is_lossless(site_tree):
    first = record(
        slug="a-programm", related=["b-programm"],
        translations={"en": {"title": "Language café", "summary": "Practise German.",
                             "description": "First.\n\nSecond paragraph.", "keywords": ["conversation"]}},
        outcomes=[
            {"indicator": "Quote", "value": 12.5, "unit": "Prozent", "year": 2020, "source": None, "note": None},
            {"indicator": "Zufriedenheit", "value": None, "unit": None, "year": 2021, "source": "Umfrage",
             "note": "qualitativ: sehr positiv"},
        ],
    )
    second = record(slug="b-programm", title="Zweites Programm", description=None, website=None,
                    funding=None, end_year=2019, start_year=2010, status="completed", contacts=[])
    import_data(exchange(first, second))
    exported = export_data()
    assert [p["slug"] for p in exported["programmes"]] == ["a-programm", "b-programm"]
    by_slug = {p["slug"]: p for p in exported["programmes"]}
    for original in (first, second):
        assert by_slug[original["slug"]] == original
    # export -> import into an empty site -> export again gives the same JSON
    ProgrammePage.objects.all().delete()
    import_data(json.loads(json.dumps(exported)))
    assert export_data() == exported


def test_translations_are_imported_as_translations_of_the_page(site_tree):
    import_data(exchange(record(translations={"en": {"title": "Language café", "summary": "Practise German."}})))
    de = ProgrammePage.objects.get(slug="sprachcafe-test", locale__language_code="de")
    en = ProgrammePage.objects.get(slug="sprachcafe-test", locale__language_code="en")
    assert en.translation_key == de.translation_key and en.live
    assert en.title == "Language café"
    # shared facts come from the source
    assert [c.email for c in en.contacts] == ["sprachcafe@example.org"]
    assert en.url.startswith("/en/")


def test_related_may_point_to_records_later_in_the_file(site_tree):
    import_data(exchange(record(slug="erstes", related=["zweites"]), record(slug="zweites")))
    page = ProgrammePage.objects.get(slug="erstes")
    assert [link.target.slug for link in page.related_programmes.all()] == ["zweites"]


@pytest.mark.parametrize(
    "overrides, expected",
    [
        ({"colour": "blue"}, "programmes[0].colour: unknown key"),
        ({"themes": ["cooking"]}, "programmes[0].themes[0]: unknown value 'cooking'"),
        ({"districts": ["berlin"]}, "programmes[0].districts[0]: unknown value 'berlin'"),
        ({"start_year": 1989}, "programmes[0].start_year: year 1989 is outside 1990..2100"),
        ({"start_year": 2020, "end_year": 2010}, "programmes[0].end_year: 2010 is before start_year 2020"),
        ({"status": "paused"}, "programmes[0].status: unknown value 'paused'"),
        ({"themes": []}, "programmes[0].themes: needs at least 1 item(s)"),
        ({"slug": "Mit Leerzeichen"}, "programmes[0].slug: 'Mit Leerzeichen' is not a valid slug"),
        ({"title": "x" * 201}, "programmes[0].title: longer than 200 characters"),
    ],
)
def test_invalid_records_are_named(site_tree, overrides, expected):
    problems = problems_for(exchange(record(**overrides)))
    assert any(p.startswith(expected) for p in problems), problems


def test_bad_email_is_named(site_tree):
    contact = dict(record()["contacts"][0], email="not-an-address")
    problems = problems_for(exchange(record(contacts=[contact])))
    assert problems == ["programmes[0].contacts[0].email: 'not-an-address' is not a valid e-mail address"]


def test_missing_required_field_is_named(site_tree):
    data = record()
    del data["organisation"]
    assert problems_for(exchange(data)) == ["programmes[0].organisation: required"]


def test_duplicate_slugs_in_one_file(site_tree):
    problems = problems_for(exchange(record(), record(title="Nochmal")))
    assert any(p.startswith("programmes[1].slug: duplicate slug 'sprachcafe-test'") for p in problems)


def test_one_bad_record_writes_nothing_and_names_every_problem(site_tree):
    import_data(exchange(record(slug="bestand", title="Bestand")))
    data = exchange(
        record(slug="bestand", title="Geändert"),
        record(slug="neu-1"),
        record(slug="neu-2", start_year=2020, end_year=2000, themes=["nope"]),
    )
    problems = problems_for(data)
    assert len([p for p in problems if p.startswith("programmes[2]")]) == 2
    assert ProgrammePage.objects.get(slug="bestand").title == "Bestand"
    assert not ProgrammePage.objects.filter(slug__in=["neu-1", "neu-2"]).exists()


def test_wrong_format_marker_and_broken_json(site_tree, tmp_path):
    assert problems_for({"format": "other/2", "programmes": []}) == ["format: must be 'kb-programmes/1'"]
    broken = tmp_path / "broken.json"
    broken.write_text('{"format": "kb-programmes/1", "programmes": [', encoding="utf-8")
    with pytest.raises(CommandError, match="nothing was imported"):
        call_command("import_programmes", str(broken))


def test_commands_import_and_export_files(site_tree, tmp_path, capsys):
    source = tmp_path / "in.json"
    source.write_text(json.dumps(exchange(record())), encoding="utf-8")
    call_command("import_programmes", str(source))
    assert "1 created" in capsys.readouterr().out
    target = tmp_path / "out.json"
    call_command("export_programmes", str(target))
    assert json.loads(target.read_text(encoding="utf-8"))["programmes"][0]["slug"] == "sprachcafe-test"


def test_import_command_exits_nonzero_with_problems(site_tree, tmp_path, capsys):
    source = tmp_path / "bad.json"
    source.write_text(json.dumps(exchange(record(start_year=3000))), encoding="utf-8")
    with pytest.raises(CommandError):
        call_command("import_programmes", str(source))
    assert "programmes[0].start_year" in capsys.readouterr().err


def test_text_fields_are_never_rendered_as_html(site_tree, client):
    payload = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    import_data(exchange(record(title="Titel " + payload, summary="S " + payload, description="D " + payload,
                                organisation="Org " + payload)))
    page = ProgrammePage.objects.get(slug="sprachcafe-test")
    html = client.get(page.url).content.decode()
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;script&gt;" in html


def test_values_longer_than_their_columns_are_named(site_tree):
    contact = dict(record()["contacts"][0], phone="0711 " + "1" * 60, postcode="7" * 21)
    outcome = dict(record()["outcomes"][0], unit="u" * 61)
    problems = problems_for(exchange(record(contacts=[contact], outcomes=[outcome], organisation="O" * 256)))
    assert sorted(problems) == [
        "programmes[0].contacts[0].phone: longer than 60 characters",
        "programmes[0].contacts[0].postcode: longer than 20 characters",
        "programmes[0].organisation: longer than 255 characters",
        "programmes[0].outcomes[0].unit: longer than 60 characters",
    ]
