"""Counts and charts per survey question, pooled over the survey's translations.

Each language version stores its own answers with its own (translated) choice texts.
Answers are pooled by the question's clean_name (kept when a page is translated) and by
the choice's position, so "Ja", "Yes" and "Evet" count as the same first choice.
"""

from collections import Counter
from dataclasses import dataclass, field

from wagtail.contrib.forms.forms import _split_by_newline_or_comma
from wagtail.models import Page

from research.charts import hbar_chart

from .forms import SCALE
from .models import SurveyFormField, SurveyPage, SurveySubmission


@dataclass
class QuestionResult:
    name: str
    label: str
    kind: str
    choices: list = field(default_factory=list)  # [(label, count)]
    answered: int = 0
    texts: list = field(default_factory=list)  # free-text answers: admin only
    chart: object = None

    @property
    def is_free_text(self):
        return self.kind in ("singleline", "multiline")


@dataclass
class SurveyResults:
    total: int
    sample: int
    questions: list

    @property
    def has_sample(self):
        return self.sample > 0


def choice_labels(form_field):
    if form_field.field_type == "scale":
        return [label for label, _ in SCALE]
    return _split_by_newline_or_comma(form_field.choices)


def survey_results(survey, public=False):
    """Results of `survey` with its questions as worded in its own language.

    public=True leaves out free-text questions entirely (never shown in public)."""
    pages = Page.objects.filter(translation_key=survey.translation_key).values_list("pk", flat=True)
    fields_by_page = {}
    for form_field in SurveyFormField.objects.filter(page__in=pages).order_by("sort_order"):
        fields_by_page.setdefault(form_field.page_id, {})[form_field.clean_name] = form_field
    own = list(survey.get_form_fields())
    submissions = SurveySubmission.objects.filter(page__in=pages).only("form_data", "page_id", "is_sample")
    counters = {f.clean_name: Counter() for f in own}
    answered = Counter()
    texts = {f.clean_name: [] for f in own}
    total = sample = 0
    for submission in submissions.iterator():
        total += 1
        sample += submission.is_sample
        page_fields = fields_by_page.get(submission.page_id, {})
        for name, value in submission.form_data.items():
            if name not in counters or value in (None, "", []):
                continue
            answered[name] += 1
            source_field = page_fields.get(name)
            if source_field is None or not source_field.is_choice:
                texts[name].append((str(value), submission.is_sample))
                continue
            source_choices = choice_labels(source_field)
            for one in value if isinstance(value, list) else [value]:
                if one in source_choices:
                    counters[name][source_choices.index(one)] += 1
    questions = []
    for form_field in own:
        name = form_field.clean_name
        result = QuestionResult(name=name, label=form_field.label, kind=form_field.field_type,
                                answered=answered[name])
        if form_field.is_choice:
            labels = choice_labels(form_field)
            result.choices = [(label, counters[name][n]) for n, label in enumerate(labels)]
            result.chart = hbar_chart(
                form_field.label, [(label, count, "", sample > 0) for label, count in result.choices],
            )
        elif public:
            continue
        else:
            result.texts = texts[name]
        questions.append(result)
    return SurveyResults(total=total, sample=sample, questions=questions)


def published_surveys():
    return SurveyPage.objects.live().public().filter(results_published=True)
