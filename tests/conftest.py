import os

import pytest

# Playwright's sync API runs an event loop in the test thread; the ORM calls made by
# fixtures there are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    from tests.browser import CHROMIUM, CHROMIUM_ARGS, require_browser

    # Before Playwright launches anything: without Chromium the browser tests are skipped
    # with a message, not errors at setup (the `page` fixture is set up before `site`).
    require_browser()
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    # axe-core is injected as an inline script, which the site's CSP rightly forbids.
    return {**browser_context_args, "bypass_csp": True}


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if report.when == "call" and report.failed and "page" in item.funcargs:
        from tests.browser import save_artifacts

        save_artifacts(item.funcargs["page"], item.name.replace("/", "_"))


@pytest.fixture
def site_tree(db):
    """Home and catalogue pages in every locale, as a fresh site has them after `load_demo`."""
    from programmes.sitetree import ensure_site_tree

    return ensure_site_tree()


@pytest.fixture
def programme(site_tree):
    from tests.factories import create

    return create()


@pytest.fixture
def admin_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("editor", "editor@example.org", "secret-pass-123")
    client.force_login(user)
    return client


@pytest.fixture(autouse=True)
def fresh_page_cache():
    """Cached public responses live in a process-wide cache (pagecache/): each test starts without any."""
    from django.core.cache import caches

    caches["pages"].clear()


@pytest.fixture
def no_page_cache(settings):
    """For tests that count the queries of rendering a page, not of serving it from the cache."""
    settings.PAGE_CACHE_SECONDS = 0
