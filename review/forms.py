"""The survey's form: Wagtail's form builder plus a 1–5 scale, a consent box and a honeypot."""

import django.forms
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.forms.forms import BaseForm, FormBuilder

# A field no person sees or fills in (hidden by CSS and from assistive technology);
# spam robots fill in every field they find, so a value here marks the post as spam.
HONEYPOT = "homepage"
SCALE = [(str(n), str(n)) for n in range(1, 6)]


class SurveyForm(BaseForm):
    def add_guards(self, consent_text):
        self.fields["consent"] = django.forms.BooleanField(
            label=consent_text or _("I agree that my anonymous answers are stored and evaluated."),
            required=True,
            error_messages={"required": _("Please confirm that you agree before sending your answers.")},
        )
        self.fields[HONEYPOT] = django.forms.CharField(
            label=_("Leave this field empty"), required=False,
            widget=django.forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
        )


class SurveyFormBuilder(FormBuilder):
    def create_scale_field(self, field, options):
        """1 (low) to 5 (high), as radio buttons: `choices` may name the two ends."""
        ends = [part.strip() for part in (field.choices or "").split(",") if part.strip()]
        if len(ends) == 2:
            options["help_text"] = f"1 = {ends[0]} … 5 = {ends[1]}" + (
                f" – {options['help_text']}" if options.get("help_text") else "")
        options["choices"] = SCALE
        options.setdefault("widget", django.forms.RadioSelect)
        return django.forms.ChoiceField(**options)

    def get_form_class(self):
        return type("SurveyForm", (SurveyForm,), self.formfields)
