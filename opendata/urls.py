from django.urls import path

from . import views

urlpatterns = [
    path("programme.csv", views.programmes_csv, name="opendata-programmes-csv"),
    path("ergebnisse.csv", views.outcomes_csv, name="opendata-outcomes-csv"),
    path("programme.json", views.exchange_json, name="opendata-exchange-json"),
    path("programme.atom", views.atom_feed, name="opendata-feed"),
]
