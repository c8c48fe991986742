"""Admin inbox for feedback: filter by status, mark read or archived, export as CSV."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet

from .models import Feedback


class FeedbackViewSet(ModelViewSet):
    model = Feedback
    icon = "mail"
    menu_label = _("Feedback")
    menu_order = 350
    add_to_admin_menu = True
    list_display = ["created_at", "kind", "page", "query", "helpful", "comment", "status"]
    list_filter = ["status", "kind", "helpful", "language"]
    list_export = ["created_at", "kind", "page", "query", "language", "helpful", "comment", "status"]
    export_filename = "feedback"
    search_fields = ["comment", "query"]
    form_fields = ["status"]
    copy_view_enabled = False
    inspect_view_enabled = True


@hooks.register("register_admin_viewset")
def register_feedback_viewset():
    return FeedbackViewSet("feedback")
