from django.apps import AppConfig


class OpenDataConfig(AppConfig):
    name = "opendata"
    label = "opendata"
    verbose_name = "Open data"
