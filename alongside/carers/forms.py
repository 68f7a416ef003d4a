from django import forms
from django.utils.translation import gettext_lazy as _

from alongside.carers.models import (
    MAX_HOURS_A_WEEK,
    WORDS_MAX_LENGTH,
    ContactWay,
    RequestStatus,
)
from alongside.core.forms import PlainForm, limited_text

HOURS_MESSAGE = _("Enter a number of hours from 0 to 168")
NOTHING_WRITTEN = _("Write at least one thing. A few words is fine.")


def _words(label, hint):
    return limited_text(
        label=label, help_text=hint, max_length=WORDS_MAX_LENGTH, required=False, rows=4
    )


class CarerViewForm(PlainForm):
    hard = _words(_("What is hard"), _("For example, being tired, or never having time off."))
    helps = _words(_("What helps"), _("For example, a friend who sits with them, or a walk."))
    difference = _words(
        _("What would make a difference"), _("For example, a break each week, or help at night.")
    )
    hours = forms.IntegerField(
        label=_("How many hours a week do you care"),
        help_text=_("A rough guess is fine. You can leave this out."),
        required=False,
        min_value=0,
        max_value=MAX_HOURS_A_WEEK,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-3"}),
        error_messages={
            "invalid": HOURS_MESSAGE,
            "min_value": HOURS_MESSAGE,
            "max_value": HOURS_MESSAGE,
        },
    )

    def clean(self):
        cleaned = super().clean()
        for name in ("hard", "helps", "difference"):
            cleaned[name] = (cleaned.get(name) or "").strip()
        names = ("hard", "helps", "difference")
        if not any(cleaned[n] for n in names) and not any(self.has_error(n) for n in names):
            raise forms.ValidationError(NOTHING_WRITTEN, code="nothing")
        return cleaned


class AssessmentRequestForm(PlainForm):
    words = _words(
        _("Why now"),
        _("You can leave this out. Say what has changed, if you like."),
    )
    contact_way = forms.ChoiceField(
        label=_("How should we get in touch"),
        choices=ContactWay.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose how we should get in touch")},
    )
    contact_time = limited_text(
        label=_("When is a good time"),
        help_text=_("For example, weekday mornings. You can leave this out."),
        max_length=200,
        required=False,
    )


class StatusForm(PlainForm):
    request_id = forms.IntegerField(widget=forms.HiddenInput)
    status = forms.ChoiceField(
        label=_("Where it is up to"),
        choices=RequestStatus.choices,
        widget=forms.RadioSelect,
    )
