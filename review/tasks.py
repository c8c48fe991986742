"""Brochure generation as a django-tasks task (Wagtail already depends on django-tasks).

With the default ImmediateBackend the task runs inside the request; with the
DatabaseBackend and `manage.py db_worker` it runs in a worker while the admin page polls
the BrochureBuild row for progress. Either way the row records every step and the result.
"""

import logging

from django_tasks import task

from .brochure import brochure_pdf
from .models import BrochureBuild, BrochurePage

logger = logging.getLogger(__name__)


def run_build(build):
    """Generate the edition `build` stands for; failures are recorded, never half-stored."""
    page = BrochurePage.objects.filter(locale__language_code=build.language).live().first()
    if page is None:
        build.fail(f"No published brochure page in language {build.language!r}.")
        return build
    try:
        content, pages = brochure_pdf(page, report=build.report)
    except Exception as error:  # noqa: BLE001 - the admin must see why, not a stuck "running"
        logger.exception("brochure generation failed")
        build.fail(f"{type(error).__name__}: {error}")
        return build
    build.finish(content, pages)
    return build


@task()
def generate_brochure(build_id):
    run_build(BrochureBuild.objects.get(pk=build_id))


def request_brochure(language, user=None):
    """Record a build and hand it to the task backend."""
    build = BrochureBuild.objects.create(language=language, requested_by=user, step="")
    generate_brochure.enqueue(build.pk)
    build.refresh_from_db()
    return build
