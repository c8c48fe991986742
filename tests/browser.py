"""Shared setup for the browser tests: Debian's Chromium, axe-core, artefacts on failure."""

import json
import os
from pathlib import Path

import pytest
from django.conf import settings

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
AXE = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = Path(settings.BASE_DIR) / "test-artifacts"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync",
]
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def require_browser():
    if not Path(CHROMIUM).exists():
        pytest.skip(f"Chromium not found at {CHROMIUM} (.ci/run installs it: apt-get install chromium)")
    if not AXE.exists():
        pytest.skip("axe-core not installed (make install runs npm install)")


def axe_violations(page):
    """Run axe-core in the page; WCAG 2.1 A and AA rules only."""
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_AA
    )
    return [
        {"id": v["id"], "impact": v["impact"], "help": v["help"],
         "targets": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"]
    ]


def save_artifacts(page, name):
    """Screenshots at phone and desktop width, for a failed test."""
    ARTIFACTS.mkdir(exist_ok=True)
    for label, size in (("phone", PHONE), ("desktop", DESKTOP)):
        try:
            page.set_viewport_size(size)
            page.screenshot(path=str(ARTIFACTS / f"{name}-{label}.png"), full_page=True)
        except Exception as exc:  # the page may be gone; the test failure is what matters
            (ARTIFACTS / f"{name}-{label}.txt").write_text(f"no screenshot: {exc}")


def describe(violations):
    return json.dumps(violations, indent=1, ensure_ascii=False)


def restore_reference_data():
    """What the data migrations create, again: transactional tests flush every table.

    Locales, taxonomies, the synonym seed and Wagtail's root page; `serialized_rollback`
    does not restore them reliably on every database backend.
    """
    from importlib import import_module

    from django.apps import apps
    from wagtail.models import Locale, Page

    import_module("programmes.migrations.0002_taxonomies").fill(apps, None)
    import_module("programmes.migrations.0012_taxonomy_labels_fill").fill(apps, None)
    import_module("programmes.migrations.0003_site_languages").ensure_locales(apps, None)
    from search.models import Concept, ConceptLabel
    from search.vocabulary_seed import load_seed

    load_seed(Concept, ConceptLabel)
    import_module("situations.migrations.0002_seed").seed(apps, None)
    if Page.get_first_root_node() is None:
        Page.add_root(instance=Page(title="Root", slug="root", locale=Locale.get_default()))
