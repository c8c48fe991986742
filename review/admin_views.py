"""Admin: the review's dashboard, survey results with charts, and brochure generation."""

from django.contrib import messages
from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .models import BrochureBuild, BrochurePage, ReviewPage, SurveyPage
from .survey_results import survey_results
from .tasks import request_brochure

EDITIONS = [("de", "Deutsch"), ("en", "English")]  # German first, English the second edition


def dashboard(request):
    reviews = ReviewPage.objects.filter(locale__language_code="de").order_by("-first_published_at")
    surveys = SurveyPage.objects.filter(locale__language_code="de")
    return render(request, "review/admin/dashboard.html", {
        "reviews": reviews, "surveys": surveys, "editions": editions(),
    })


def survey_results_view(request, page_id):
    survey = get_object_or_404(SurveyPage, pk=page_id)
    translations = SurveyPage.objects.filter(translation_key=survey.translation_key).select_related("locale")
    return render(request, "review/admin/survey_results.html", {
        "survey": survey, "results": survey_results(survey), "translations": translations,
    })


def editions():
    rows = []
    for code, name in EDITIONS:
        builds = list(BrochureBuild.objects.filter(language=code).defer("pdf")[:5])
        rows.append({
            "code": code, "name": name, "builds": builds,
            "page": BrochurePage.objects.filter(locale__language_code=code).first(),
            "running": any(b.in_progress for b in builds),
        })
    return rows


def brochure(request):
    rows = editions()
    return render(request, "review/admin/brochure.html", {
        "editions": rows, "running": any(row["running"] for row in rows),
    })


@require_POST
def brochure_generate(request):
    language = request.POST.get("language", "")
    if language not in dict(EDITIONS):
        return HttpResponseBadRequest(_("Unknown edition %(language)r: choose de or en.") % {"language": language})
    if BrochureBuild.objects.filter(language=language, state__in=["queued", "running"]).exists():
        messages.warning(request, _("This edition is already being generated."))
        return redirect("review_brochure")
    build = request_brochure(language, request.user)
    if build.state == BrochureBuild.State.DONE:
        messages.success(request, _("The brochure (%(language)s) was generated: %(pages)s pages.")
                         % {"language": language, "pages": build.pages})
    elif build.state == BrochureBuild.State.FAILED:
        messages.error(request, _("The brochure could not be generated: %(error)s") % {"error": build.error})
    else:
        messages.info(request, _("The brochure is being generated; this page shows its progress."))
    return redirect("review_brochure")


def brochure_download(request, build_id):
    build = get_object_or_404(BrochureBuild, pk=build_id, state=BrochureBuild.State.DONE)
    response = HttpResponse(bytes(build.pdf), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{build.filename}"'
    return response
