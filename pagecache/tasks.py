"""Page-cache invalidation as a background task, enqueued when a change to public content commits."""

from django_tasks import task

from .models import content_changed


@task()
def invalidate_page_cache():
    """Every cached response is stale from now on (a new content version)."""
    content_changed()
