from django.apps import AppConfig


class ProgrammesConfig(AppConfig):
    name = "programmes"
    label = "programmes"
    verbose_name = "Programme"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import signal_handlers

        signal_handlers.connect()
