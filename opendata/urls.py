from django.urls import path

from . import dcat, views

urlpatterns = [
    path("programme.csv", views.programmes_csv, name="opendata-programmes-csv"),
    path("ergebnisse.csv", views.outcomes_csv, name="opendata-outcomes-csv"),
    path("programme.json", views.exchange_json, name="opendata-exchange-json"),
    path("programme.atom", views.atom_feed, name="opendata-feed"),
    # DCAT-AP.de catalogue (issue 24)
    path("catalog.ttl", dcat.catalog_ttl, name="opendata-catalog-ttl"),
    path("catalog.jsonld", dcat.catalog_jsonld, name="opendata-catalog-jsonld"),
]
