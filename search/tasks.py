"""Search index writes, run as background tasks after the change commits (publishing/).

With the database task backend the web request only queues them, so an editor's publish
never waits for Elasticsearch; a worker (`manage.py db_worker`) writes the index. Task
arguments are JSON: a translation key as a string, page ids as integers.
"""

from django_tasks import task

from programmes.models import ProgrammePage

from .service import get_search_service


@task()
def update_programme(translation_key, removed_ids=()):
    """Bring one programme's translation group in the index up to date with the database.

    `removed_ids`: pages unpublished or deleted (then found by id only), removed from the index.
    The rest of the group is written as it is now: live pages indexed, unpublished ones
    removed. A translation's document lists which languages exist, so the whole group is written.
    """
    service = get_search_service()
    if removed_ids:
        service.remove_pages(list(removed_ids))
    pages = list(ProgrammePage.objects.filter(translation_key=translation_key).exclude(pk__in=removed_ids))
    if pages:
        service.index_pages(pages)
