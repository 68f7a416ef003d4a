from django import forms
from django.utils.translation import gettext_lazy as _

from alongside.core.forms import PlainForm
from alongside.heard.models import RESPONSE_MAX_LENGTH, WORDS_MAX_LENGTH


def _text(*, label, hint, max_length: int, required: str, too_long: str) -> forms.CharField:
    return forms.CharField(
        label=label,
        help_text=hint,
        max_length=max_length,
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={"required": required, "max_length": too_long},
    )


class ConcernForm(PlainForm):
    words = _text(
        label=_("Tell us what happened"),
        hint=_("Use your own words. You can write a little or a lot."),
        max_length=WORDS_MAX_LENGTH,
        required=_("Tell us what happened. You can write just a few words."),
        too_long=_("That is too long. Use 2,000 characters or fewer (you have %(show_value)s)."),
    )


class ResponseForm(PlainForm):
    response = _text(
        label=_("What happened"),
        hint=_(
            "The person who raised this will read it. Say what you did and what happens next, "
            "in plain words."
        ),
        max_length=RESPONSE_MAX_LENGTH,
        required=_("Enter what happened"),
        too_long=_("What happened must be 2,000 characters or fewer (you have %(show_value)s)"),
    )
