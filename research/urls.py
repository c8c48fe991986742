"""Inside i18n_patterns, before Wagtail's catch-all: /<lang>/programme/<slug>/pdf/ and the citation files."""

from django.urls import path

from .views import programme_bibtex_view, programme_pdf_view, programme_ris_view

urlpatterns = [
    path("programme/<slug:slug>/pdf/", programme_pdf_view, name="programme_pdf"),
    path("programme/<slug:slug>/cite.bib", programme_bibtex_view, name="programme_bibtex"),
    path("programme/<slug:slug>/cite.ris", programme_ris_view, name="programme_ris"),
]
