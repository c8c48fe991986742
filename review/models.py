"""The review of the 2001 integration concept, as Wagtail pages staff run it with.

    HomePage -> ReviewPage -> ReviewEventPage (hearing, topic sessions)
                           -> SurveyPage (Wagtail form builder)
                           -> BrochurePage (the updated concept, HTML + PDF)

Every page is translatable (Wagtail i18n). Recommendations are recorded inline on the
event that produced them and point at the programmes they concern (the German pages:
a programme's translations share its translation_key, so every language finds them).
"""

import datetime

from django import forms
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.contrib.forms.models import AbstractForm, AbstractFormField, AbstractFormSubmission
from wagtail.contrib.forms.panels import FormSubmissionsPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.url_routing import RouteResult

from pagecache.models import content_changed
from programmes.models import ProgrammePage, Theme

from .forms import HONEYPOT, SurveyFormBuilder
from .ical import calendar_response

TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul", "h3"]


class ReviewPage(RoutablePageMixin, Page):
    """The review itself: what it is for, its upcoming and past events, the series calendar."""

    intro = models.TextField(_("introduction"), blank=True)
    body = RichTextField(_("about the review"), blank=True, features=TEXT_FEATURES)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    parent_page_types = ["programmes.HomePage"]
    subpage_types = ["review.ReviewEventPage", "review.SurveyPage", "review.BrochurePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("review")

    def events(self):
        return public_events().child_of(self).order_by("start")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        now = timezone.now()
        events = list(self.events())
        context.update(
            upcoming=[e for e in events if e.end >= now],
            past=[e for e in events if e.end < now],
            survey=SurveyPage.objects.child_of(self).live().public().first(),
            brochure=BrochurePage.objects.child_of(self).live().public().first(),
        )
        return context

    @path("ical/")
    def ical(self, request):

        return calendar_response(self.events(), request, f"{self.slug}.ics", self.title)


class ReviewEventPage(RoutablePageMixin, Page):
    """The hearing or one topic session: when, where (or the link), who, what it assesses."""

    class Kind(models.TextChoices):
        HEARING = "hearing", _("Hearing")
        SESSION = "session", _("Topic session")

    class Format(models.TextChoices):
        DIGITAL = "digital", _("Digital")
        IN_PERSON = "in_person", _("In person")
        HYBRID = "hybrid", _("Hybrid")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.SESSION)
    start = models.DateTimeField(_("start"), help_text=_("Time in Stuttgart (Europe/Berlin)."))
    end = models.DateTimeField(_("end"))
    format = models.CharField(_("format"), max_length=10, choices=Format.choices, default=Format.DIGITAL)
    online_link = models.URLField(_("link to join"), blank=True)
    place = models.CharField(_("place"), max_length=255, blank=True)
    topic = models.TextField(_("topic"))
    moderation = models.CharField(_("moderation"), max_length=255, blank=True)
    guests = models.TextField(_("guests"), blank=True, help_text=_("One per line."))
    themes = ParentalManyToManyField(Theme, blank=True, related_name="+", verbose_name=_("themes assessed"))
    programmes = ParentalManyToManyField(
        ProgrammePage, blank=True, related_name="+", verbose_name=_("programmes assessed"),
        limit_choices_to={"locale__language_code": settings.LANGUAGE_CODE[:2]},
    )
    registration = models.TextField(_("registration"), blank=True)
    registration_url = models.URLField(_("registration link"), blank=True)
    findings_summary = RichTextField(_("summary of the results"), blank=True, features=TEXT_FEATURES)

    content_panels = Page.content_panels + [
        FieldRowPanel([FieldPanel("kind"), FieldPanel("format")]),
        FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
        FieldRowPanel([FieldPanel("online_link"), FieldPanel("place")]),
        FieldPanel("topic"),
        FieldRowPanel([FieldPanel("moderation"), FieldPanel("guests")]),
        FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
        FieldPanel("programmes"),
        MultiFieldPanel([FieldPanel("registration"), FieldPanel("registration_url")], heading=_("Registration")),
    ]
    results_panels = [
        FieldPanel("findings_summary"),
        InlinePanel("findings", label=_("Findings")),
        InlinePanel("recommendations", label=_("Recommendations")),
    ]
    parent_page_types = ["review.ReviewPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("review event")
        ordering = ["start"]

    @classmethod
    def get_edit_handler(cls):

        return TabbedInterface([
            ObjectList(cls.content_panels, heading=_("Event")),
            ObjectList(cls.results_panels, heading=_("Results")),
            ObjectList(cls.promote_panels, heading=_("Promote")),
        ]).bind_to_model(cls)

    def clean(self):
        super().clean()
        errors = {}
        if self.start and self.end and self.end <= self.start:
            errors["end"] = _("The end must be after the start.")
        if self.format in (self.Format.DIGITAL, self.Format.HYBRID) and not self.online_link and not self.registration:
            errors["online_link"] = _("A digital event needs the link to join, or registration details that give it.")
        if self.format in (self.Format.IN_PERSON, self.Format.HYBRID) and not self.place:
            errors["place"] = _("An event in person needs a place.")
        if errors:
            raise ValidationError(errors)

    @property
    def guest_list(self):
        return [line.strip() for line in self.guests.splitlines() if line.strip()]

    @property
    def is_upcoming(self):
        return self.end >= timezone.now()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(
            themes=list(self.themes.all()),
            assessed=programmes_in(self.locale, self.programmes.all()),
            findings=list(self.findings.all()),
            recommendations=list(self.recommendations.all()),
        )
        return context

    @path("ical/")
    def ical(self, request):

        return calendar_response([self], request, f"{self.slug}.ics", self.title)


def public_events():
    """Review events a visitor may see: live and without a view restriction (Wagtail's privacy).

    Everything public about the review (its page, calendar, brochure, open data, the
    recommendations on programme pages) starts here, as programmes start from `public()`."""
    return ReviewEventPage.objects.live().public()


def public_programmes():
    """Prefetch of the `programmes` an event or recommendation names, the public ones only."""
    return Prefetch("programmes", queryset=ProgrammePage.objects.public())


def programmes_in(locale, programmes):
    """The given (German) programmes as shown in `locale`: its public translation, else German; only public ones."""
    programmes = list(programmes)
    keys = [p.translation_key for p in programmes]
    local = {
        p.translation_key: p
        for p in ProgrammePage.objects.filter(translation_key__in=keys, locale=locale).public()
    }
    public = set(ProgrammePage.objects.filter(pk__in=[p.pk for p in programmes]).public().values_list("pk", flat=True))
    return [local.get(p.translation_key, p) for p in programmes if p.pk in public or p.translation_key in local]


class Finding(Orderable):
    """What the session found, in a sentence or two."""

    page = ParentalKey(ReviewEventPage, on_delete=models.CASCADE, related_name="findings")
    text = models.TextField(_("finding"))

    panels = [FieldPanel("text")]

    class Meta(Orderable.Meta):
        verbose_name = _("finding")


class Recommendation(Orderable, ClusterableModel):
    """A recommendation of the hearing or a session, its addressees and what became of it."""

    class Addressee(models.TextChoices):
        ADMINISTRATION = "administration", _("Administration")
        CIVIL_SOCIETY = "civil_society", _("Civil society")
        POLITICS = "politics", _("Politics")

    class Status(models.TextChoices):
        OPEN = "open", _("Not yet decided")
        ADOPTED = "adopted", _("Adopted in the updated concept")
        CONSIDERING = "considering", _("Under consideration")
        NOT_ADOPTED = "not_adopted", _("Not adopted")

    page = ParentalKey(ReviewEventPage, on_delete=models.CASCADE, related_name="recommendations")
    text = models.TextField(_("recommendation"))
    addressed_to = models.CharField(_("addressed to"), max_length=20, choices=Addressee.choices)
    themes = ParentalManyToManyField(Theme, blank=True, related_name="+", verbose_name=_("themes"))
    programmes = ParentalManyToManyField(
        ProgrammePage, blank=True, related_name="review_recommendations", verbose_name=_("programmes"),
        limit_choices_to={"locale__language_code": settings.LANGUAGE_CODE[:2]},
    )
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.OPEN)
    status_reason = models.TextField(
        _("reason"), blank=True, help_text=_("Why it was not adopted, or what is still being considered."),
    )
    sample = models.BooleanField(
        _("sample text"), default=False, help_text=_("Shows a notice that this text is illustrative, not official."),
    )

    panels = [
        FieldPanel("text"),
        FieldRowPanel([FieldPanel("addressed_to"), FieldPanel("status")]),
        FieldPanel("status_reason"),
        FieldPanel("themes"),
        FieldPanel("programmes"),
        FieldPanel("sample"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("recommendation")

    def clean(self):
        super().clean()
        if self.status == self.Status.NOT_ADOPTED and not self.status_reason.strip():
            raise ValidationError({"status_reason": _("Please give the reason why it was not adopted.")})


# --- the citizen survey -------------------------------------------------------------

SURVEY_FIELD_CHOICES = (
    ("radio", _("Choice: one answer")),
    ("checkboxes", _("Choice: several answers")),
    ("dropdown", _("Choice: drop-down list")),
    ("scale", _("Scale from 1 to 5")),
    ("singleline", _("Free text: one line")),
    ("multiline", _("Free text: several lines")),
)
CHOICE_TYPES = {"radio", "checkboxes", "dropdown", "scale"}


class SurveyFormField(AbstractFormField):
    page = ParentalKey("SurveyPage", on_delete=models.CASCADE, related_name="form_fields")
    field_type = models.CharField(_("field type"), max_length=16, choices=SURVEY_FIELD_CHOICES)

    @property
    def is_choice(self):
        return self.field_type in CHOICE_TYPES


class SurveySubmission(AbstractFormSubmission):
    """One answer set; demo answers made by `make_sample_answers` carry is_sample."""

    is_sample = models.BooleanField(_("sample answer"), default=False)

    def get_data(self):
        return {**super().get_data(), "is_sample": _("yes") if self.is_sample else ""}


class SurveyPage(AbstractForm):
    """The citizen survey: anonymous, with consent text, a closing date and optional public results."""

    intro = RichTextField(_("introduction"), blank=True, features=TEXT_FEATURES)
    consent_text = models.TextField(
        _("consent text"),
        default="",
        help_text=_("Shown next to the box visitors tick before they send their answers."),
    )
    thank_you_text = RichTextField(_("thank-you text"), blank=True, features=TEXT_FEATURES)
    closes_at = models.DateTimeField(_("closes at"), help_text=_("After this time the survey says it is closed."))
    results_published = models.BooleanField(
        _("publish results"), default=False,
        help_text=_("Shows counts and charts of the choice and scale questions on the public results page. "
                    "Free-text answers are never shown in public."),
    )
    results_intro = RichTextField(_("results introduction"), blank=True, features=TEXT_FEATURES)

    form_builder = SurveyFormBuilder
    content_panels = AbstractForm.content_panels + [
        FormSubmissionsPanel(),
        FieldPanel("intro"),
        InlinePanel("form_fields", label=_("Questions")),
        FieldPanel("consent_text"),
        FieldPanel("thank_you_text"),
        FieldRowPanel([FieldPanel("closes_at"), FieldPanel("results_published")], heading=_("Closing and results")),
        FieldPanel("results_intro"),
    ]
    parent_page_types = ["review.ReviewPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("survey")

    def get_submission_class(self):
        return SurveySubmission

    @property
    def is_closed(self):
        return self.closes_at is not None and timezone.now() >= self.closes_at

    def all_submissions(self):
        """Answers in every language: each translation of the survey collects its own."""
        pages = Page.objects.filter(translation_key=self.translation_key)
        return SurveySubmission.objects.filter(page__in=pages)

    def get_form(self, *args, **kwargs):
        form = super().get_form(*args, **kwargs)
        form.add_guards(self.consent_text)
        return form

    def process_form_submission(self, form):
        """Store only the staff's questions: never the consent tick or the honeypot."""
        names = {field.clean_name for field in self.get_form_fields()}
        data = {key: value for key, value in form.cleaned_data.items() if key in names}
        return SurveySubmission.objects.create(form_data=data, page=self)

    def route(self, request, path_components):
        if path_components == ["results"]:
            if not self.live:
                raise Http404
            return RouteResult(self, kwargs={"results": True})
        return super().route(request, path_components)

    def serve(self, request, *args, results=False, **kwargs):
        if results:
            return self.serve_results(request)
        if self.is_closed:
            context = self.get_context(request)
            context["closed"] = True
            return TemplateResponse(request, self.get_template(request), context, status=200)
        if request.method == "POST":
            if over_rate_limit(request):
                response = HttpResponse(_("Too many requests; please wait a moment and try again."),
                                        status=429, content_type="text/plain; charset=utf-8")
                response["Retry-After"] = "600"
                return response
            if request.POST.get(HONEYPOT):
                context = self.get_context(request)
                context.update(form=self.get_form(page=self, user=request.user), rejected=True)
                return TemplateResponse(request, self.get_template(request), context, status=400)
        response = super().serve(request, *args, **kwargs)
        if request.method == "POST" and getattr(response, "context_data", {}).get("form_submission") is None:
            response.status_code = 400  # the form came back with errors
        return response

    def serve_results(self, request):
        # survey_results imports this app's models: importing it at the top would be a cycle
        from .survey_results import survey_results

        if not self.results_published:
            raise Http404
        context = self.get_context(request)
        context["results"] = survey_results(self, public=True)
        return TemplateResponse(request, "review/survey_results.html", context)


def over_rate_limit(request):
    """The site's fixed-window limit (kb.middleware.RateLimitMiddleware) for survey posts.

    The middleware buckets by path, and a survey posts to its own page URL, so the count is
    kept here with the same settings: RATE_LIMITS["survey"], else the feedback limit."""
    # kb.middleware renders templates; loaded only when a survey is posted
    from kb.middleware import RateLimitMiddleware

    limits = getattr(settings, "RATE_LIMITS", {})
    limit = limits.get("survey") or limits.get("feedback")
    if not limit:
        return False
    allowed, seconds = limit
    window = int(timezone.now().timestamp() // seconds)
    key = f"ratelimit:survey:{RateLimitMiddleware.client(request)}:{window}"
    cache.add(key, 0, timeout=seconds + 1)
    try:
        count = cache.incr(key)
    except ValueError:
        count = 1
    return count > allowed


# --- the brochure ----------------------------------------------------------------------

class BrochurePage(RoutablePageMixin, Page):
    """The updated concept as the anniversary brochure: the HTML edition here, the PDF at pdf/."""

    subtitle = models.CharField(_("subtitle"), max_length=255, blank=True)
    foreword = RichTextField(_("foreword"), blank=True, features=TEXT_FEATURES)
    foreword_by = models.CharField(_("foreword by"), max_length=255, blank=True)

    content_panels = Page.content_panels + [FieldPanel("subtitle"), FieldPanel("foreword"), FieldPanel("foreword_by")]
    parent_page_types = ["review.ReviewPage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("brochure")

    def get_context(self, request, *args, **kwargs):
        # brochure imports this app's models: importing it at the top would be a cycle
        from .brochure import brochure_content

        context = super().get_context(request, *args, **kwargs)
        context["brochure"] = brochure_content(self)
        context["build"] = BrochureBuild.latest_done(self.locale.language_code)
        return context

    @path("pdf/")
    def pdf(self, request):
        build = BrochureBuild.latest_done(self.locale.language_code)
        if build is None:
            raise Http404(_("The PDF of this edition has not been generated yet."))
        response = HttpResponse(bytes(build.pdf), content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="{build.filename}"'
        return response


class BrochureBuild(models.Model):
    """One generation of a brochure edition: its progress while it runs, the PDF when done."""

    class State(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    language = models.CharField(_("language"), max_length=8)
    state = models.CharField(_("state"), max_length=8, choices=State.choices, default=State.QUEUED)
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    step = models.CharField(_("current step"), max_length=255, blank=True)
    error = models.TextField(_("error"), blank=True)
    pdf = models.BinaryField(_("PDF"), blank=True, default=b"")
    pages = models.PositiveSmallIntegerField(_("pages"), default=0)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("brochure generation")

    def __str__(self):
        return f"{self.language} {self.created_at:%Y-%m-%d %H:%M} {self.state}"

    @property
    def filename(self):
        return f"buendnis-fuer-integration-20-jahre-{self.language}.pdf"

    @property
    def in_progress(self):
        return self.state in (self.State.QUEUED, self.State.RUNNING)

    @classmethod
    def latest_done(cls, language):
        return cls.objects.filter(language=language, state=cls.State.DONE).defer("pdf").first()

    def report(self, progress, step):
        """Save progress so the admin page, polling, shows where the generation is."""
        self.state, self.progress, self.step = self.State.RUNNING, progress, str(step)
        self.save(update_fields=["state", "progress", "step"])

    def finish(self, content, pages):
        self.state, self.progress, self.pdf, self.pages = self.State.DONE, 100, content, pages
        self.finished_at = datetime.datetime.now(datetime.UTC)
        self.save()
        content_changed()  # the public brochure page links the new PDF

    def fail(self, message):
        self.state, self.error = self.State.FAILED, message
        self.finished_at = datetime.datetime.now(datetime.UTC)
        self.save(update_fields=["state", "error", "finished_at"])
