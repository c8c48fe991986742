"""Every file valid against the exchange schema imports (issue 22).

What the contract names as an error still refuses the whole file. What a real catalogue
holds beyond that — a finished programme whose end year nobody recorded, a link to a
programme the file does not carry, a translation into a language this site does not offer,
a web address without `https://` — is imported with a warning naming its place.
"""

import copy
import json

import jsonschema
import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from wagtail.models import PageLogEntry

from programmes.audit import IMPORT_ACTION
from programmes.exchange import SCHEMA, ExchangeError, export_data, import_data
from programmes.models import ProgrammePage
from research.data import running_per_year
from tests.factories import BASE, exchange, record

pytestmark = pytest.mark.django_db

def german(slug):
    return ProgrammePage.objects.get(slug=slug, locale__language_code="de")


def test_a_completed_programme_without_end_year_imports_and_reads_as_not_recorded(site_tree, client):
    result = import_data(exchange(record(status="completed", start_year=2010, end_year=None)))
    assert result.created == ["sprachcafe-test"]
    assert result.warnings == [
        "programmes[0].end_year: completed without an end year; shown as 'end year not recorded'"
    ]
    html = client.get("/de/programme/sprachcafe-test/").content.decode()
    assert "ab 2010, Endjahr nicht erfasst" in html and "seit 2010" not in html
    english = client.get("/en/programme/sprachcafe-test/").content.decode()
    assert "from 2010, end year not recorded" in english
    detail = client.get("/api/v1/programmes/sprachcafe-test/").json()
    assert (detail["status"], detail["end_year"]) == ("completed", None)
    def listed(year):
        return [p["slug"] for p in client.get("/api/v1/programmes/", {"year_from": year}).json()["results"]]

    assert listed(2010) == ["sprachcafe-test"] and listed(2015) == []
    # the catalogue's period filter reads it the same way as the API
    every = "&status=active&status=planned&status=completed"
    assert "Sprachcaf" in client.get("/de/programme/?from=2010" + every).content.decode()
    assert "Sprachcaf" not in client.get("/de/programme/?from=2015" + every).content.decode()
    # the timeline knows only that it ran in 2010, not that it still runs
    running = dict(running_per_year(ProgrammePage.objects.filter(slug="sprachcafe-test")))
    assert running[2010] == 1 and running[2011] == 0


def test_an_editor_can_correct_an_imported_programme_without_inventing_its_end_year(site_tree):
    import_data(exchange(record(status="completed", end_year=None)))
    page = german("sprachcafe-test")
    page.title = "Sprachcafé (korrigiert)"
    page.full_clean()  # what the admin's edit form checks: no "needs an end year" for the stored state
    page.status = "active"
    page.save()
    page.status = "completed"  # finishing a programme in the admin still asks for its end year
    with pytest.raises(ValidationError) as info:
        page.full_clean()
    assert "end_year" in info.value.message_dict


def test_the_command_prints_each_warning_and_succeeds(site_tree, tmp_path, capsys):
    path = tmp_path / "katalog.json"
    path.write_text(json.dumps(exchange(record(status="completed", end_year=None, website="www.example.org/kurs"))))
    call_command("import_programmes", str(path))
    out, err = capsys.readouterr()
    assert "1 created" in out and "2 warning(s)" in out
    assert "warning: programmes[0].end_year: completed without an end year" in err
    assert "warning: programmes[0].website: 'www.example.org/kurs' imported as 'https://www.example.org/kurs'" in err


def test_links_and_translations_the_site_cannot_hold_are_left_out_with_a_warning(site_tree):
    data = exchange(
        record(slug="eins-test", related=["zwei-test", "anderswo", "eins-test"], translations={
            "en": {"title": "Language café", "summary": "Practise German."},
            "fr": {"title": "Café des langues", "summary": "Pratiquer l'allemand."},
            "de": {"title": "Sprachcafé", "summary": "Doppelt."},
        }),
        record(slug="zwei-test", title="Zweites Programm"),
    )
    result = import_data(data)
    assert result.created == ["eins-test", "zwei-test"]
    assert result.warnings == [
        "programmes[0].related: 'anderswo' is neither in the file nor on the site; the link is left out",
        "programmes[0].related: 'eins-test' is the programme itself; the link is left out",
        "programmes[0].translations.fr: 'fr' is not a language of this site; this translation is left out",
        "programmes[0].translations.de: 'de' is the source language; this translation is left out",
    ]
    exported = {r["slug"]: r for r in export_data()["programmes"]}
    assert exported["eins-test"]["related"] == ["zwei-test"]
    assert set(exported["eins-test"]["translations"]) == {"en"}
    assert german("eins-test").title == BASE["title"]  # the "de" translation did not overwrite the source


def test_web_addresses_without_scheme_gain_https_and_other_schemes_are_left_out(site_tree):
    contact = {**BASE["contacts"][0], "website": "ftp://example.org/formulare"}
    result = import_data(exchange(record(website="www.example.org/sprachcafe", contacts=[contact])))
    assert result.warnings == [
        "programmes[0].website: 'www.example.org/sprachcafe' imported as 'https://www.example.org/sprachcafe'",
        "programmes[0].contacts[0].website: 'ftp://example.org/formulare' is not an http(s) address; left out",
    ]
    page = german("sprachcafe-test")
    assert page.website == "https://www.example.org/sprachcafe"
    assert [c.website for c in page.contacts] == [""]


def test_the_audit_log_keeps_each_programmes_warnings(site_tree):
    import_data(exchange(record(slug="eins-test"), record(slug="zwei-test", status="completed", end_year=None)),
                source="katalog.json", by="test")
    entries = {e.page.slug: e.data for e in PageLogEntry.objects.filter(action=IMPORT_ACTION)}
    assert "warnings" not in entries["eins-test"]
    assert entries["zwei-test"]["warnings"] == [
        "programmes[1].end_year: completed without an end year; shown as 'end year not recorded'"
    ]


def test_a_file_with_an_error_is_still_refused_whole_and_names_only_the_errors(site_tree):
    data = exchange(
        record(slug="eins-test", status="completed", end_year=None, related=["anderswo"]),
        record(slug="zwei-test", languages=["xx"]),
    )
    with pytest.raises(ExchangeError) as error:
        import_data(data)
    assert error.value.problems == [
        "programmes[1].languages[0]: unknown language code 'xx' (ISO 639-1, such as de, en, tr)"
    ]
    assert not ProgrammePage.objects.filter(slug__in=["eins-test", "zwei-test"]).exists()


# --- property: any schema-valid file with realistic values imports and round-trips ---

SLUGS = ["sprachkurs-ost", "elterncafe", "lernhilfe-west", "beratung-mitte", "nachbarschaft"]
LANGS = ["de", "en", "tr", "ar", "uk", "fa", "ru", "ku", "ti", "so", "fr", "ps", "sq", "hr"]
words = st.sampled_from(["Deutsch", "Kurs", "Beratung", "für", "Eltern", "Café", "Straße", "Ämter", "Hilfe", "Lernen"])
text = st.lists(words, min_size=1, max_size=6).map(" ".join)
maybe_text = st.none() | text
web = st.sampled_from([None, "https://www.example.org/a", "http://example.org/b", "www.example.org/c"])
OFFICES = [("Welcome Center Stuttgart", "info@example.org"), ("Forum der Kulturen", "forum@example.org")]


@st.composite
def contact(draw):
    organisation, email = draw(st.sampled_from(OFFICES))
    return {
        "name": draw(st.sampled_from([None, "A. Yilmaz", "M. Koval"])), "role": draw(maybe_text),
        "organisation": organisation, "email": draw(st.sampled_from([email, None])),
        "phone": draw(st.sampled_from([None, "0711 216-0", "0711 555-1234"])),
        "street": draw(st.sampled_from([None, "Charlottenplatz 17"])), "postcode": draw(st.sampled_from([None, "70173"])),
        "city": draw(st.sampled_from([None, "Stuttgart"])), "opening_hours": draw(maybe_text), "website": draw(web),
        "languages": draw(st.lists(st.sampled_from(LANGS), max_size=3, unique=True)),
    }


@st.composite
def catalogue(draw):
    slugs = draw(st.lists(st.sampled_from(SLUGS), min_size=1, max_size=3, unique=True))
    records = []
    for slug in slugs:
        start = draw(st.integers(1990, 2026))
        status = draw(st.sampled_from(["planned", "active", "completed"]))
        records.append({
            "slug": slug, "title": draw(text), "summary": draw(text), "description": draw(maybe_text),
            "themes": draw(st.lists(st.sampled_from(["language", "education", "welcome", "health"]), min_size=1, unique=True)),
            "target_groups": draw(st.lists(st.sampled_from(["newcomers", "parents", "women"]), unique=True)),
            "districts": draw(st.lists(st.sampled_from(["citywide", "ost", "west", "bad-cannstatt"]), unique=True)),
            "languages": draw(st.lists(st.sampled_from(LANGS), max_size=3, unique=True)),
            "status": status, "start_year": start,
            "end_year": draw(st.none() | st.integers(start, 2030)),
            "organisation": draw(st.sampled_from([o for o, _e in OFFICES])), "partners": draw(st.lists(text, max_size=2)),
            "funding": draw(maybe_text), "website": draw(web), "keywords": draw(st.lists(text, max_size=2)),
            "outcomes": draw(st.lists(st.fixed_dictionaries({
                "indicator": text, "value": st.none() | st.integers(0, 5000) | st.floats(0, 100, allow_nan=False),
                "unit": maybe_text, "year": st.integers(1990, 2026), "source": maybe_text, "note": maybe_text,
            }), max_size=2)),
            "contacts": draw(st.lists(contact(), max_size=2)),
            "related": draw(st.lists(st.sampled_from(SLUGS + ["anderswo"]), max_size=2, unique=True)),
            "translations": draw(st.dictionaries(st.sampled_from(["en", "tr", "fr"]), st.fixed_dictionaries({
                "title": text, "summary": text, "description": maybe_text, "keywords": st.lists(text, max_size=2),
            }), max_size=2)),
        })
    return {"format": "kb-programmes/1", "programmes": records}


def in_savepoint(work):
    """Run `work` and roll it back, so each example starts from an empty catalogue."""
    with transaction.atomic():
        value = work()
        transaction.set_rollback(True)
    return value


@given(data=catalogue())
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_every_schema_valid_file_imports_and_round_trips(site_tree, data):
    jsonschema.Draft202012Validator(SCHEMA).validate(data)  # the contract's schema (a copy in the tree)

    def first():
        result = import_data(copy.deepcopy(data))  # must not raise: the file is valid
        assert all(w.startswith("programmes[") for w in result.warnings)
        return export_data()

    exported = in_savepoint(first)
    assert sorted(r["slug"] for r in exported["programmes"]) == sorted(r["slug"] for r in data["programmes"])

    def again():
        import_data(copy.deepcopy(exported))
        second = export_data()
        assert not import_data(copy.deepcopy(exported)).updated  # idempotent
        return second

    assert in_savepoint(again) == exported
