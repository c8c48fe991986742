"""Receive feedback by plain POST and go back where the visitor came from (works without JS)."""

from django.http import HttpResponseBadRequest
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.models import Page

from .forms import FeedbackForm
from .models import Feedback


@require_POST
def submit(request):
    form = FeedbackForm(request.POST)
    if not form.is_valid():
        problems = "; ".join(f"{field}: {' '.join(errors)}" for field, errors in form.errors.items())
        return HttpResponseBadRequest(_("Feedback could not be saved: %(problems)s") % {"problems": problems})
    data = form.cleaned_data
    page = Page.objects.live().filter(pk=data["page"]).first() if data["page"] else None
    Feedback.objects.create(
        kind=data["kind"], page=page, query=data["query"].strip(), helpful=data["helpful"],
        comment=data["comment"].strip(), language=(get_language() or "")[:10],
    )
    target = data["next"]
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = page.url if page else "/"
    separator = "&" if "?" in target else "?"
    return redirect(f"{target.split('#')[0]}{separator}feedback=thanks#feedback")
