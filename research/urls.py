"""Inside i18n_patterns, before Wagtail's catch-all: /<lang>/programme/<slug>/pdf/."""

from django.urls import path

from .views import programme_pdf_view

urlpatterns = [
    path("programme/<slug:slug>/pdf/", programme_pdf_view, name="programme_pdf"),
]
