"""Small pieces of the programme editing form that staff asked for (#22).

- `PlainNumberInput`: an outcome of 470 is shown as 470, not as the float 470.0 it is stored as;
- `warn_repeated_contacts`: the same shared contact added twice to one programme is an error
  on the second row, before the page is saved.
"""

from django import forms
from django.utils.translation import gettext as _


class PlainNumberInput(forms.NumberInput):
    """A number field that shows whole numbers without a decimal point."""

    def format_value(self, value):
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        return super().format_value(value)


def warn_repeated_contacts(formset):
    """Mark every row after the first that names a contact already in the list."""
    if formset is None or not formset.is_bound:
        return
    seen = set()
    for form in formset.forms:
        if not form.is_valid() or not form.cleaned_data or form.cleaned_data.get("DELETE"):
            continue
        contact = form.cleaned_data.get("contact")
        if contact is None:
            continue
        if contact.pk in seen:
            form.add_error("contact", _("This contact is already listed for this programme."))
        seen.add(contact.pk)
