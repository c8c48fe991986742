from django.urls import path

from . import api

urlpatterns = [
    path("search/", api.search, name="api-search"),
    path("search/autocomplete/", api.autocomplete, name="api-autocomplete"),
    path("programmes/<slug:slug>/", api.programme_detail, name="api-programme"),
]
