from django.apps import AppConfig


class ProgrammesConfig(AppConfig):
    name = "programmes"
    label = "programmes"
    verbose_name = "Programme"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Here, not at module top: the handlers need the models, which load after the app registry.
        from . import signal_handlers

        signal_handlers.connect()
