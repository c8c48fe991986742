from django.apps import AppConfig


class PageCacheConfig(AppConfig):
    """Anonymous public pages and API responses, cached until published content changes."""

    name = "pagecache"
    label = "pagecache"
    verbose_name = "Seiten-Cache"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import signal_handlers

        signal_handlers.connect()
