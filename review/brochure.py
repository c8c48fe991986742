"""The anniversary brochure, gathered from the knowledge base and drawn as HTML and PDF.

`brochure_content` collects everything once (the BrochurePage template and the PDF read
the same object); `brochure_pdf` draws it with fpdf2 in research/pdf.py's house style,
with a table of contents (page numbers filled in at the end) and the PDF outline.
fpdf2 writes no full structure tree (tagged PDF) for text; docs/review.md says so.
"""

import math
from dataclasses import dataclass, field

from django.utils import translation
from django.utils.translation import gettext as _

from programmes.fallback import visible_programmes
from programmes.models import ProgrammePage, Theme
from programmes.richtext import html_to_text
from research.models import ModelOverviewPage, TimelinePage
from research.pdf import NEXT_LINE, Document, _outcome_line

from .models import (
    Recommendation,
    ReviewPage,
    SurveyPage,
    programmes_in,
    public_events,
)
from .templatetags.review_tags import event_when  # one wording for page and PDF


@dataclass
class ProgrammeEntry:
    page: object
    outcomes: list
    sources: list


@dataclass
class Brochure:
    page: object
    concept: list = field(default_factory=list)  # (heading, text, source)
    milestones: list = field(default_factory=list)
    themes: list = field(default_factory=list)  # (theme, [ProgrammeEntry])
    events: list = field(default_factory=list)
    survey: object = None
    survey_results: object = None
    recommendations: list = field(default_factory=list)  # (status label, status, [Recommendation])
    has_sample: bool = False

    @property
    def programme_count(self):
        return sum(len(entries) for _theme, entries in self.themes)


def concept_sections(locale):
    overview = ModelOverviewPage.objects.live().filter(locale=locale).first()
    if overview is None:
        return []
    return [
        (block.value["heading"], html_to_text(str(block.value["text"])), block.value.get("source", ""))
        for block in overview.body if block.block_type == "section"
    ]


def programme_sources(page, outcomes):
    sources = [o.source for o in outcomes if o.source]
    sources += list(page.evaluation_reports or [])
    if page.website:
        sources.append(page.website)
    return list(dict.fromkeys(sources))


def programmes_by_theme(locale):
    """Each programme once, under its first theme, in the visitor's language where translated."""
    programmes = visible_programmes(ProgrammePage.objects.public(), locale).prefetch_related("themes", "outcomes").order_by("title")
    grouped = {}
    for page in programmes:
        themes = list(page.themes.all())
        if not themes:
            continue
        outcomes = list(page.outcomes.all())
        grouped.setdefault(themes[0].pk, []).append(ProgrammeEntry(page, outcomes, programme_sources(page, outcomes)))
    return [(theme, grouped[theme.pk]) for theme in Theme.objects.all() if theme.pk in grouped]


def brochure_content(page):
    """Everything the brochure shows, for `page`'s language."""
    # survey_results imports this app's models: importing it at the top would be a cycle
    from .survey_results import survey_results

    locale = page.locale
    review = ReviewPage.objects.ancestor_of(page).first() if page.pk else None
    brochure = Brochure(page=page, concept=concept_sections(locale), themes=programmes_by_theme(locale))
    timeline = TimelinePage.objects.live().filter(locale=locale).first()
    if timeline is not None:
        brochure.milestones = list(timeline.milestones.all())
    if review is not None:
        events = public_events().child_of(review).order_by("start")
        brochure.events = [
            (event, list(event.findings.all()), programmes_in(locale, event.programmes.all())) for event in events
        ]
        brochure.survey = SurveyPage.objects.child_of(review).live().public().first()
        if brochure.survey and brochure.survey.results_published:
            brochure.survey_results = survey_results(brochure.survey, public=True)
        recommendations = list(
            Recommendation.objects.filter(page__in=events).select_related("page").prefetch_related("programmes")
        )
        for status, label in [(s, s.label) for s in Recommendation.Status]:
            chosen = [r for r in recommendations if r.status == status]
            if chosen:
                brochure.recommendations.append((label, status, chosen))
        brochure.has_sample = any(r.sample for r in recommendations) or bool(
            brochure.survey_results and brochure.survey_results.has_sample)
    brochure.has_sample = brochure.has_sample or any(
        e.page.contains_sample_data for _t, entries in brochure.themes for e in entries)
    return brochure


class BrochureDocument(Document):
    """research.pdf.Document with a cover and numbered, outlined section headings."""

    def section(self, title, level=0):
        if level == 0 and self.y > self.t_margin + 1:  # a new chapter starts a page
            self.add_page()
        self.start_section(title, level=level)
        self.heading(title, {0: 18, 1: 14, 2: 12}.get(level, 11))

    def paragraph(self, text, size=10):
        for part in [p for p in text.split("\n") if p.strip()]:
            self.text(part, size)


def render_toc(pdf, outline):
    pdf.heading(_("Contents"), 18)
    pdf.set_font("DejaVu", "", 10)
    for section in outline:
        indent = 6 * section.level
        pdf.set_x(pdf.l_margin + indent)
        pdf.set_font("DejaVu", "B" if section.level == 0 else "", 10)
        link = pdf.add_link(page=section.page_number)
        width = pdf.epw - indent - 16
        name = section.name
        while pdf.get_string_width(name) > width and len(name) > 4:
            name = name[:-2].rstrip() + "…" if not name.endswith("…") else name[:-2] + "…"
        pdf.cell(width, 6, name, link=link)
        pdf.cell(14, 6, str(section.page_number), align="R", link=link, **NEXT_LINE)


def toc_pages(brochure):
    entries = 8 + len(brochure.themes) + brochure.programme_count + len(brochure.events)
    entries += len(brochure.recommendations) + (1 if brochure.survey_results else 0)
    return max(1, math.ceil(entries / 38))


def brochure_pdf(page, report=lambda progress, step: None):
    """The brochure of `page` (its language) as PDF bytes; `report(percent, step)` tells progress."""
    language = page.locale.language_code
    with translation.override(language):
        report(5, _("Collecting the content"))
        brochure = brochure_content(page)
        pdf = BrochureDocument(page.title)
        pdf.set_lang(language)
        pdf.set_subject(page.subtitle or page.title)
        # cover
        pdf.set_y(80)
        pdf.heading(page.title, 24)
        if page.subtitle:
            pdf.text(page.subtitle, 14)
        pdf.ln(10)
        pdf.text(_("Landeshauptstadt Stuttgart – Bündnis für Integration"), 12, bold=True)
        if brochure.has_sample:
            pdf.ln(6)
            pdf.text(_("This edition contains sample data from the demo: texts and figures marked as "
                       "sample are illustrative and not official."), 9)
        pdf.add_page()
        pdf.insert_toc_placeholder(render_toc, pages=toc_pages(brochure))
        report(15, _("Foreword, concept and timeline"))
        pdf.section(_("Foreword"))
        pdf.paragraph(html_to_text(page.foreword))
        if page.foreword_by:
            pdf.text(page.foreword_by, 10, bold=True)
        pdf.section(_("The 2001 concept and the alliance"))
        for heading, text, source in brochure.concept:
            pdf.heading(heading, 12)
            pdf.paragraph(text)
            if source:
                pdf.text(f"{_('Source')}: {source}", 8)
        pdf.section(_("Twenty years: a timeline"))
        for milestone in brochure.milestones:
            sample = f" [{_('sample')}]" if milestone.sample else ""
            pdf.text(f"{milestone.year} – {milestone.title}{sample}", 10, bold=True)
            pdf.paragraph(milestone.text, 9)
            if milestone.source:
                pdf.text(f"{_('Source')}: {milestone.source}", 8)
        pdf.section(_("Programmes by theme"))
        done, total = 0, max(1, brochure.programme_count)
        for theme, entries in brochure.themes:
            pdf.section(theme.label(language), level=1)
            for entry in entries:
                programme = entry.page
                pdf.section(programme.title, level=2)
                pdf.text(programme.summary, 10)
                pdf.text(f"{programme.period} · {programme.organisation}", 9)
                pdf.text(_("Outcomes"), 10, bold=True)
                if entry.outcomes:
                    for outcome in entry.outcomes:
                        pdf.text("• " + _outcome_line(outcome), 9)
                else:
                    pdf.text(_("No outcome figures recorded yet."), 9)
                pdf.text(_("Sources"), 10, bold=True)
                for source in entry.sources or [_("No sources recorded yet.")]:
                    pdf.text("• " + source, 9)
                done += 1
                report(20 + 50 * done // total, _("Programme %(done)s of %(total)s") % {"done": done, "total": total})
        report(75, _("What the review found"))
        pdf.section(_("What the review found"))
        for event, findings, assessed in brochure.events:
            pdf.section(event.title, level=1)
            pdf.text(f"{event_when(event)} · {event.get_format_display()}", 9)
            pdf.paragraph(event.topic)
            if event.moderation:
                pdf.text(f"{_('Moderation')}: {event.moderation}", 9)
            if assessed:
                pdf.text(f"{_('Programmes assessed')}: " + ", ".join(p.title for p in assessed), 9)
            pdf.paragraph(html_to_text(event.findings_summary))
            for finding in findings:
                pdf.text("• " + finding.text, 9)
        if brochure.survey_results:
            results = brochure.survey_results
            pdf.section(_("Citizen survey"), level=1)
            pdf.text(_("%(count)s answers.") % {"count": results.total}, 10)
            if results.has_sample:
                pdf.text(_("Includes %(count)s sample answers generated for the demo – not real answers.")
                         % {"count": results.sample}, 9, bold=True)
            for question in results.questions:
                pdf.text(question.label, 10, bold=True)
                for label, count in question.choices:
                    pdf.text(f"• {label}: {count}", 9)
        report(85, _("Recommendations"))
        pdf.section(_("Recommendations and what the updated concept adopts"))
        for label, _status, recommendations in brochure.recommendations:
            pdf.section(str(label), level=1)
            for rec in recommendations:
                sample = f" [{_('sample')}]" if rec.sample else ""
                pdf.text(f"• {rec.text}{sample}", 10)
                details = [f"{_('Addressed to')}: {rec.get_addressed_to_display()}", rec.page.title]
                names = [p.title for p in programmes_in(page.locale, rec.programmes.all())]
                if names:
                    details.append(f"{_('Programmes')}: {', '.join(names)}")
                pdf.text(" · ".join(details), 8)
                if rec.status_reason:
                    pdf.text(f"{_('Reason')}: {rec.status_reason}", 8)
        report(95, _("Writing the PDF"))
        content = bytes(pdf.output())
        return content, pdf.pages_count
