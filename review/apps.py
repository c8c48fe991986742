from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReviewConfig(AppConfig):
    """The 2021 review of the integration concept: hearing, topic sessions, survey, brochure."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "review"
    label = "review"
    verbose_name = _("Review of the integration concept")

    def ready(self):
        # connects receivers once the app registry is ready (Django's convention)
        from . import signal_handlers

        signal_handlers.connect()
