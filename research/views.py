from django.http import Http404
from django.utils.translation import get_language
from wagtail.models import Locale

from programmes.fallback import fallback_page
from programmes.models import ProgrammePage

from .pdf import pdf_response, programme_pdf


def programme_pdf_view(request, slug):
    """The programme page as a PDF, in the language of the URL (or its fallback, as the page does)."""
    locale = Locale.objects.filter(language_code=get_language()).first() or Locale.get_default()
    page = ProgrammePage.objects.live().filter(locale=locale, slug=slug).first() or fallback_page(ProgrammePage.objects.live(), locale, slug)
    if page is None:
        raise Http404
    return pdf_response(programme_pdf(page, request), f"{slug}.pdf")
