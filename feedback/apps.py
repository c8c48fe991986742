from django.apps import AppConfig


class FeedbackConfig(AppConfig):
    """"Was this page helpful?" answers from visitors, and the staff inbox for them."""

    name = "feedback"
    label = "feedback"
    verbose_name = "Feedback"
    default_auto_field = "django.db.models.BigAutoField"
