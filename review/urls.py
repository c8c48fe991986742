"""/opendata/review/…: the review's CSV downloads (mounted in kb/urls.py)."""

from django.urls import path

from . import views

urlpatterns = [
    path("events.csv", views.events_csv, name="opendata-review-events-csv"),
    path("recommendations.csv", views.recommendations_csv, name="opendata-review-recommendations-csv"),
    path("survey-results.csv", views.survey_results_csv, name="opendata-review-survey-csv"),
]
