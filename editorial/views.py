"""Admin views: programmes overdue for review (by team) and the "still correct" action."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from programmes.models import ProgrammePage

from .freshness import by_team, confirm_reviewed, overdue_programmes, stale_since, stale_year
from .models import LinkCheck


def overdue_report(request):
    rows = overdue_programmes()
    return render(request, "editorial/overdue_report.html", {
        "teams": by_team(rows), "count": len(rows), "stale_year": stale_year(),
        "stale_since": stale_since().date(),
    })


@require_POST
def still_correct(request, page_id):
    page = get_object_or_404(ProgrammePage, pk=page_id)
    if not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    confirm_reviewed(page, user=request.user)
    messages.success(request, _("“%(title)s” confirmed as still correct.") % {"title": page.title})
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = "editorial_overdue"
    return redirect(target)


def broken_links(request):
    checks = LinkCheck.objects.select_related("page")
    last = checks.order_by("-checked_at").values_list("checked_at", flat=True).first()
    return render(request, "editorial/broken_links.html", {
        "broken": checks.filter(ok=False), "checked": checks.count(), "last": last,
    })
