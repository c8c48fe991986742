from django.apps import AppConfig


class SearchConfig(AppConfig):
    """The public search. Its index follows publishes through publishing/ (search/tasks.py)."""

    name = "search"
    label = "kbsearch"
    verbose_name = "Suche"
    default_auto_field = "django.db.models.BigAutoField"
