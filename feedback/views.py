"""Receive feedback by plain POST and go back where the visitor came from (works without JS).

The form sits on cached public pages (pagecache/), so it carries no CSRF token: a token
rendered for one visitor would be served to everyone. Feedback is anonymous and changes
nothing a visitor is signed in to, so the form is checked by origin instead: a browser
names the site a POST comes from, and posts from other sites are refused.
"""

from django.conf import settings
from django.http import HttpResponseBadRequest, HttpResponseForbidden
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from wagtail.models import Page

from .forms import FeedbackForm
from .models import Feedback


def from_this_site(request):
    """True unless the browser says the form was posted from another site."""
    origin = request.META.get("HTTP_ORIGIN")
    if origin is None:  # not a browser's cross-site form post (browsers always send Origin there)
        return True
    return origin == f"{request.scheme}://{request.get_host()}" or origin in settings.CSRF_TRUSTED_ORIGINS


@csrf_exempt
@require_POST
def submit(request):
    if not from_this_site(request):
        return HttpResponseForbidden(
            _("Feedback can only be sent from the pages of this site."), content_type="text/plain; charset=utf-8"
        )
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
