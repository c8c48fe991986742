from django.apps import AppConfig


class PublishingConfig(AppConfig):
    """What follows a page's publish, unpublish, move or delete, in one explicit order."""

    name = "publishing"
    label = "publishing"
    verbose_name = "Veröffentlichen"

    def ready(self):
        # Here, not at module top: receivers need the models, which load after the app registry.
        from . import signal_handlers

        signal_handlers.connect()
