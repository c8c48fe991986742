from django.http import Http404, HttpResponse
from django.utils.translation import get_language
from wagtail.models import Locale

from programmes.fallback import fallback_page
from programmes.models import ProgrammePage

from .citation import bibtex, ris
from .pdf import pdf_response, programme_pdf


def _programme(slug):
    """The programme in the language of the URL, or its fallback, as the page itself is shown."""
    locale = Locale.objects.filter(language_code=get_language()).first() or Locale.get_default()
    page = ProgrammePage.objects.public().filter(locale=locale, slug=slug).first() or fallback_page(ProgrammePage.objects.public(), locale, slug)
    if page is None:
        raise Http404
    return page


def programme_pdf_view(request, slug):
    return pdf_response(programme_pdf(_programme(slug), request), f"{slug}.pdf")


def _attachment(content, content_type, filename):
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def programme_bibtex_view(request, slug):
    return _attachment(bibtex(_programme(slug)), "application/x-bibtex; charset=utf-8", f"{slug}.bib")


def programme_ris_view(request, slug):
    return _attachment(ris(_programme(slug)), "application/x-research-info-systems; charset=utf-8", f"{slug}.ris")
