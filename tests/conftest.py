import logging
import os
from contextlib import contextmanager

import pytest
from django.db import transaction
from django.db.backends.base.base import BaseDatabaseWrapper

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


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The site tree is built once per test database, not once per test (it took ~0.5 s each).

    Each test's transaction rolls back to this state; after a transactional test flushes the
    database, `site_tree` below builds it again.
    """
    from programmes.sitetree import ensure_site_tree

    with django_db_blocker.unblock():
        ensure_site_tree()


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


def _only_test_atomics(connection):
    """Inside the test's own transaction and no other: in production this is autocommit."""
    return connection.in_atomic_block and all(block._from_testcase for block in connection.atomic_blocks)


def _run(func, robust):
    if not robust:
        func()
        return
    try:
        func()
    except Exception:
        logging.getLogger(__name__).exception("on_commit callback %s failed", func)


def run_commit_hooks_as_in_production(monkeypatch):
    """`transaction.on_commit()` callbacks run when they would in production.

    A test runs inside a transaction that is rolled back at its end, so Django would never run
    the callbacks that enqueue indexing and cache invalidation (kb/tasks.py). Here a callback
    registered outside any transaction of the code under test runs at once (autocommit), and
    one registered inside `transaction.atomic()` (e.g. Wagtail's publish) runs when that block
    commits — not at the end of the test, as `django_capture_on_commit_callbacks` would.
    Transactional tests are unaffected (their transactions really commit).
    """
    on_commit, atomic_exit = BaseDatabaseWrapper.on_commit, transaction.Atomic.__exit__

    def on_commit_as_in_production(self, func, robust=False):
        if _only_test_atomics(self):
            _run(func, robust)
        else:
            on_commit(self, func, robust)

    def exit_as_in_production(self, exc_type, exc_value, traceback):
        result = atomic_exit(self, exc_type, exc_value, traceback)
        connection = transaction.get_connection(self.using)
        while _only_test_atomics(connection) and connection.run_on_commit:
            _sids, func, robust = connection.run_on_commit.pop(0)
            _run(func, robust)
        return result

    monkeypatch.setattr(BaseDatabaseWrapper, "on_commit", on_commit_as_in_production)
    monkeypatch.setattr(transaction.Atomic, "__exit__", exit_as_in_production)


@pytest.fixture(autouse=True)
def commit_hooks_as_in_production(monkeypatch):
    run_commit_hooks_as_in_production(monkeypatch)


@contextmanager
def rolled_back_state(django_db_blocker):
    """A database state shared by the tests of one module and rolled back after them.

    For expensive set-ups such as the whole demo (about a minute): the block counts as a test
    transaction, so commit hooks inside it run as they do in a test.
    """
    with django_db_blocker.unblock(), pytest.MonkeyPatch.context() as monkeypatch:
        run_commit_hooks_as_in_production(monkeypatch)
        atomic = transaction.atomic()
        atomic._from_testcase = True
        atomic.__enter__()
        try:
            yield
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture(scope="module")
def research_pages(django_db_setup, django_db_blocker):
    """The research pages in every locale, built once per module that asks (about 1.5 s each time)."""
    from research.demo import ensure_research_pages

    with rolled_back_state(django_db_blocker):
        ensure_research_pages()
        yield


@pytest.fixture
def research(research_pages, site_tree):
    from research.demo import ensure_research_pages

    return ensure_research_pages()  # finds the pages built above: a fresh instance per test
