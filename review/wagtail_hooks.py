"""Admin: a "Review" menu (dashboard, brochure), results buttons on survey pages."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import ListingButton

from . import admin_views
from .models import SurveyPage


@hooks.register("register_admin_urls")
def register_review_urls():
    return [
        path("review/", admin_views.dashboard, name="review_dashboard"),
        path("review/survey/<int:page_id>/results/", admin_views.survey_results_view, name="review_survey_results"),
        path("review/brochure/", admin_views.brochure, name="review_brochure"),
        path("review/brochure/generate/", admin_views.brochure_generate, name="review_brochure_generate"),
        path("review/brochure/<int:build_id>.pdf", admin_views.brochure_download, name="review_brochure_download"),
    ]


@hooks.register("register_admin_menu_item")
def register_review_menu_item():
    return MenuItem(_("Review 2021"), reverse("review_dashboard"), icon_name="calendar", order=280)


@hooks.register("register_page_listing_buttons")
def survey_results_button(page, user, next_url=None, **kwargs):
    if issubclass(page.specific_class or type(page), SurveyPage):
        yield ListingButton(_("Survey results"), reverse("review_survey_results", args=[page.pk]), priority=60)
