from django import forms
from django.utils.translation import gettext_lazy as _

from alongside.core.forms import DateField, PlainForm, limited_text
from alongside.needs.models import (
    VIEW_MAX_LENGTH,
    AdultOutcome,
    CarerOutcome,
    Status,
    WellbeingArea,
)


class NeedForm(PlainForm):
    outcome = forms.ChoiceField(
        label=_("What is hard?"),
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose what is hard")},
    )
    wellbeing_areas = forms.MultipleChoiceField(
        label=_("What it affects (optional)"),
        choices=WellbeingArea.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    persons_view = limited_text(
        label=_("How they see it, in their words"),
        max_length=VIEW_MAX_LENGTH,
        rows=3,
        required=False,
    )
    practitioners_view = limited_text(
        label=_("How you see it"), max_length=VIEW_MAX_LENGTH, rows=3, required=False
    )
    noted_on = DateField(
        label=_("Date noted"), not_in_future=True, help_text=_("For example, 3 3 2026")
    )
    status = forms.ChoiceField(
        label=_("Right now"),
        choices=Status.choices,
        widget=forms.RadioSelect,
        initial=Status.CURRENT,
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, for_carer: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["outcome"].choices = (CarerOutcome if for_carer else AdultOutcome).choices
        self.fields["noted_on"].required = True
        self.fields["noted_on"].error_messages["required"] = _("Enter the date this was noted")

    def clean(self):
        cleaned = super().clean()
        if not (
            cleaned.get("persons_view", "").strip() or cleaned.get("practitioners_view", "").strip()
        ):
            self.add_error("persons_view", _("Write how they see it, how you see it, or both"))
        return cleaned
