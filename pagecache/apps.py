from django.apps import AppConfig


class PageCacheConfig(AppConfig):
    """Anonymous public pages and API responses, cached until published content changes."""

    name = "pagecache"
    label = "pagecache"
    verbose_name = "Seiten-Cache"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Here, not at module top: the handlers need the models, which load after the app registry.
        from . import signal_handlers

        signal_handlers.connect()
