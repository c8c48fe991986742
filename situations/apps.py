from django.apps import AppConfig


class SituationsConfig(AppConfig):
    name = "situations"
    label = "situations"
    verbose_name = "Lebenslagen"
    default_auto_field = "django.db.models.BigAutoField"
