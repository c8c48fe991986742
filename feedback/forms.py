from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Feedback


class FeedbackForm(forms.Form):
    """The public form: yes/no, an optional comment, and hidden context (page or query)."""

    helpful = forms.TypedChoiceField(
        label=_("Was this page helpful?"), choices=[("yes", _("Yes")), ("no", _("No"))],
        coerce=lambda value: value == "yes", widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("What can we improve? (optional, please no personal data)"), required=False,
        max_length=1000, widget=forms.Textarea(attrs={"rows": 3}),
    )
    kind = forms.ChoiceField(choices=Feedback.Kind.choices, widget=forms.HiddenInput)
    page = forms.IntegerField(required=False, widget=forms.HiddenInput)
    query = forms.CharField(required=False, max_length=500, widget=forms.HiddenInput)
    next = forms.CharField(required=False, max_length=2000, widget=forms.HiddenInput)
