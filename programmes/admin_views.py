"""Admin: which translations are missing or outdated, with PO download and upload."""

from django.contrib import messages
from django.http import HttpResponse, HttpResponseForbidden
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from wagtail.models import Locale
from wagtail.permission_policies.pages import PagePermissionPolicy

from .models import ProgrammePage
from .translation import MISSING, OUTDATED, UP_TO_DATE, statuses_for
from .translation_files import TranslationFileError, export_po, import_po

LABELS = {MISSING: _("missing"), OUTDATED: _("outdated"), UP_TO_DATE: _("up to date")}


def translation_report(request):
    wanted = request.GET.get("status") or OUTDATED
    sources = ProgrammePage.objects.live().filter(locale=Locale.get_default()).order_by("title")
    rows = [
        {"source": source, "lang": code, "status": status, "label": LABELS[status], "page": page}
        for source, statuses in statuses_for(sources)
        for code, (status, page) in sorted(statuses.items())
        if wanted == "all" or status == wanted
    ]
    return render(request, "programmes/admin/translation_report.html", {
        "rows": rows, "wanted": wanted,
        "choices": [(OUTDATED, LABELS[OUTDATED]), (MISSING, LABELS[MISSING]), ("all", _("all"))],
    })


def download_po(request, slug, lang):
    source = get_object_or_404(ProgrammePage, slug=slug, locale=Locale.get_default())
    get_object_or_404(Locale, language_code=lang)
    response = HttpResponse(str(export_po([source], lang)), content_type="text/x-gettext-translation; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{slug}.{lang}.po"'
    return response


def upload_po(request):
    if request.method != "POST":
        return redirect("programmes_translation_report")
    if not PagePermissionPolicy().user_has_permission(request.user, "publish"):
        return HttpResponseForbidden(_("You may not publish pages."))
    upload = request.FILES.get("po_file")
    if upload is None:
        messages.error(request, _("Please choose a PO file."))
        return redirect("programmes_translation_report")
    try:
        pages = import_po(upload.read().decode("utf-8", errors="replace"))
    except TranslationFileError as exc:
        messages.error(request, _("Nothing was imported: %(problems)s") % {"problems": "; ".join(exc.problems)})
    else:
        messages.success(request, _("%(count)s translation(s) published.") % {"count": len(pages)})
    return redirect("programmes_translation_report")
