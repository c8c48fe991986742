"""PDF downloads of a programme page and of a comparison, drawn on the server with fpdf2.

fpdf2 is pure Python (no system libraries, unlike WeasyPrint's Pango), so `make run`
works on a fresh machine; the DejaVu Sans font shipped in research/fonts/ covers German
umlauts and the other site languages' letters (docs/research.md says why and what not).
"""

import datetime
import logging
from pathlib import Path

from django.http import HttpResponse
from django.utils.translation import gettext as _
from fpdf import FPDF
from fpdf.enums import XPos, YPos

from programmes.richtext import html_to_text
from programmes.translated_facts import local_text, localise

from .citation import citation
from .lessons import FIELDS as LESSON_FIELDS

FONTS = Path(__file__).parent / "fonts"
# fontTools reports every glyph of the font subset at INFO; that is not news for our logs.
logging.getLogger("fontTools").setLevel(logging.WARNING)
NEXT_LINE = {"new_x": XPos.LMARGIN, "new_y": YPos.NEXT}


class Document(FPDF):
    def __init__(self, title):
        super().__init__(format="A4")
        self.add_font("DejaVu", "", FONTS / "DejaVuSans.ttf")
        self.add_font("DejaVu", "B", FONTS / "DejaVuSans-Bold.ttf")
        # HarfBuzz shaping joins Arabic letters and orders right-to-left runs (the /ar/ labels).
        self.set_text_shaping(True)
        self.set_title(title)
        self.set_author("Landeshauptstadt Stuttgart – Bündnis für Integration")
        self.set_creation_date(datetime.datetime.now(datetime.UTC))
        self.set_auto_page_break(True, margin=18)
        self.set_margins(18, 18, 18)
        self.alias_nb_pages()  # "{nb}" in the footer becomes the page count
        self.add_page()

    def footer(self):
        self.set_y(-12)
        self.set_font("DejaVu", "", 8)
        label = _("Page %(page)s of %(pages)s") % {"page": self.page_no(), "pages": "{nb}"}
        self.cell(0, 6, f"{_('Integration in Stuttgart')} · {label}", align="C")

    def heading(self, text, size=12):
        self.ln(2)
        self.set_font("DejaVu", "B", size)
        self.multi_cell(0, size * 0.5, text, align="L", **NEXT_LINE)
        self.ln(1)

    def text(self, text, size=10, bold=False):  # noqa: D102 - replaces FPDF.text on purpose
        if not text:
            return
        self.set_font("DejaVu", "B" if bold else "", size)
        self.multi_cell(0, size * 0.5, text, align="L", **NEXT_LINE)
        self.ln(1)

    def fact(self, label, value):
        if value:
            self.set_font("DejaVu", "B", 10)
            self.multi_cell(0, 5, f"{label}:", align="L", **NEXT_LINE)
            self.set_font("DejaVu", "", 10)
            self.multi_cell(0, 5, str(value), align="L", **NEXT_LINE)


def _outcome_line(outcome):
    unit, note = local_text(outcome, "unit"), local_text(outcome, "note")
    figure = f"{outcome.display_value} {unit}".strip() if outcome.value is not None else note
    line = f"{local_text(outcome, 'indicator')}: {figure} ({outcome.year}{', ' + outcome.source if outcome.source else ''})"
    return line + (f" [{_('sample')}]" if outcome.is_sample else "")


def _contact_line(contact):
    """Who, how to reach them, where and when: name, role, organisation, phone, e-mail, address, hours."""
    parts = [contact.name, local_text(contact, "role"), contact.organisation, contact.phone, contact.email]
    lines = [", ".join(p for p in parts if p)]
    address = ", ".join(p for p in [contact.street, " ".join(filter(None, [contact.postcode, contact.city]))] if p)
    if address:
        lines.append(_("Address: %(address)s") % {"address": address})
    hours = " ".join((local_text(contact, "opening_hours") or "").split())
    if hours:
        lines.append(_("Opening hours: %(hours)s") % {"hours": hours})
    return "\n".join(lines)


def _source_notes(outcomes):
    """Each distinct source of the figures once, numbered, for the end of the document."""
    return list(dict.fromkeys(o.source for o in outcomes if o.source))


def programme_pdf(page, request):
    """The programme page as a PDF: facts, lessons, outcomes, contacts and how to cite it."""
    pdf = Document(page.title)
    pdf.heading(page.title, 16)
    pdf.text(page.summary, 11)
    if page.contains_sample_data:
        pdf.text(_("Sample data: figures, contact persons and contact details are illustrative and not official."), 9)
    pdf.heading(_("Facts"))
    pdf.fact(_("Themes"), ", ".join(t.label() for t in page.themes.all()))
    pdf.fact(_("For whom"), ", ".join(t.label() for t in page.target_groups.all()))
    pdf.fact(_("Period"), f"{page.period} ({page.get_status_display()})")
    pdf.fact(_("Organisation"), page.organisation)
    pdf.fact(_("Partners"), ", ".join(page.partners))
    pdf.fact(_("Funding"), page.funding)
    pdf.fact(_("Website"), page.website)
    description = html_to_text(page.description)
    if description:
        pdf.heading(_("About the programme"))
        pdf.text(description)
    lessons = page_lessons(page)
    if lessons:
        pdf.heading(_("Lessons and transfer"))
        for label, value in lessons:
            pdf.fact(label, value)
    outcomes, contacts = list(page.outcomes.all()), page.contacts
    localise(page, items={"outcomes": outcomes, "contacts": contacts, "hours": []})  # in the reader's language
    if outcomes:
        pdf.heading(_("Outcomes"))
        for outcome in outcomes:
            pdf.text("• " + _outcome_line(outcome))
    if contacts:
        pdf.heading(_("Contact"))
        for contact in contacts:
            pdf.text("• " + _contact_line(contact))
    sources = _source_notes(outcomes)
    if sources:
        pdf.heading(_("Sources"))
        for n, source in enumerate(sources, 1):
            pdf.text(f"[{n}] {source}", 9)
    pdf.heading(_("Cite this programme"))
    pdf.text(citation(page, request)["text"], 9)
    return bytes(pdf.output())


def comparison_pdf(compare_page, programmes, request):
    """The comparison as a PDF: one section per aspect, the programmes one after another."""
    pdf = Document(compare_page.title)
    pdf.heading(compare_page.title, 16)
    pdf.text(" · ".join(p.title for p in programmes), 11)
    if any(p.contains_sample_data for p in programmes):
        pdf.text(_("Sample data: figures, contact persons and contact details are illustrative and not official."), 9)
    aspects = [
        (_("Aims"), lambda p: p.summary),
        (_("For whom"), lambda p: ", ".join(g.label() for g in p.target_groups.all()) or "–"),
        (_("Period"), lambda p: f"{p.period} ({p.get_status_display()})"),
        (_("Organisation"), lambda p: p.organisation),
        (_("Partners"), lambda p: ", ".join(p.partners) or "–"),
        (_("Funding"), lambda p: p.funding or "–"),
        (_("Outcomes"), lambda p: "\n".join(_outcome_line(o) for o in p.outcomes.all()) or "–"),
        (_("Contact"), lambda p: "\n".join(_contact_line(c) for c in p.contacts) or "–"),
    ] + [
        (label, lambda p, name=name: getattr(p, name) or _("not documented")) for name, label in LESSON_FIELDS
    ]
    for label, value in aspects:
        pdf.heading(label)
        for programme in programmes:
            pdf.fact(programme.title, value(programme))
    sources = _source_notes([o for p in programmes for o in p.outcomes.all()])
    if sources:
        pdf.heading(_("Sources"))
        for n, source in enumerate(sources, 1):
            pdf.text(f"[{n}] {source}", 9)
    pdf.heading(_("Link"))
    pdf.text(request.build_absolute_uri(), 9)
    return bytes(pdf.output())


def page_lessons(page):
    """(label, text) for each lessons field in reading order; empty ones say "not documented"."""
    rows = [(label, getattr(page, name) or _("not documented")) for name, label in LESSON_FIELDS]
    rows.append((_("Evaluation reports"), "\n".join(page.evaluation_reports) or _("not documented")))
    return rows


def pdf_response(content, filename):
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
