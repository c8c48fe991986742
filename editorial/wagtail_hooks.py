"""Admin: review report and dashboard panel, the "still correct" button, link report."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.widgets import Button

from programmes.models import ProgrammePage

from . import views
from .freshness import CONFIRM_ACTION, by_team, overdue_programmes
from .signal_handlers import GROUP_PERMISSIONS, MEMBERSHIP, PAGE_PERMISSION


@hooks.register("register_admin_urls")
def register_urls():
    return [
        path("review/", views.overdue_report, name="editorial_overdue"),
        path("review/<int:page_id>/still-correct/", views.still_correct, name="editorial_still_correct"),
        path("links/", views.broken_links, name="editorial_broken_links"),
    ]


@hooks.register("register_reports_menu_item")
def register_overdue_menu_item():
    return MenuItem(_("Due for review"), reverse("editorial_overdue"), icon_name="date", order=710)


@hooks.register("register_reports_menu_item")
def register_broken_links_menu_item():
    return MenuItem(_("Broken links"), reverse("editorial_broken_links"), icon_name="link", order=720)


class OverduePanel(Component):
    name = "overdue_review"
    order = 90
    template_name = "editorial/overdue_panel.html"

    def get_context_data(self, parent_context):
        return {"teams": by_team(overdue_programmes())}


@hooks.register("construct_homepage_panels")
def add_overdue_panel(request, panels):
    panels.append(OverduePanel())


@hooks.register("register_page_header_buttons")
def still_correct_button(page, user, view_name=None, next_url=None):
    if isinstance(page, ProgrammePage) and page.pk and page.live and page.permissions_for_user(user).can_edit():
        url = reverse("editorial_still_correct", args=[page.pk])
        yield Button(
            _("Still correct"), url, icon_name="tick", priority=60,
            attrs={"data-controller": "w-action", "data-action": "w-action#post", "data-w-action-url-value": url},
        )


@hooks.register("register_log_actions")
def register_log_actions(actions):
    actions.register_action(CONFIRM_ACTION, _("Confirm as still correct"), _("Confirmed as still correct"))
    actions.register_action(PAGE_PERMISSION, _("Change page permission"), _("Page permission changed"))
    actions.register_action(GROUP_PERMISSIONS, _("Change group permissions"), _("Group permissions changed"))
    actions.register_action(MEMBERSHIP, _("Change group membership"), _("Group membership changed"))
