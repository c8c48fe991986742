from django.apps import AppConfig


class ResearchConfig(AppConfig):
    """What researchers use: the model overview, timeline, outcomes dashboard, comparison, citations and PDFs."""

    name = "research"
    label = "research"
    verbose_name = "Research"
    default_auto_field = "django.db.models.BigAutoField"
