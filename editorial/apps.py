from django.apps import AppConfig


class EditorialConfig(AppConfig):
    """Keeping content correct: review freshness, reminders, link checks."""

    name = "editorial"
    label = "editorial"
    verbose_name = "Redaktion"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Here, not at module top: the handlers need the models, which load after the app registry.
        from . import signal_handlers

        signal_handlers.connect()
