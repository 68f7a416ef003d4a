from django import forms
from django.utils.translation import gettext_lazy as _

from alongside.aboutme.models import (
    NOTE_MAX_LENGTH,
    STATEMENT_MAX_LENGTH,
    CheckState,
    InterestTag,
    Voice,
)
from alongside.core.forms import PlainForm, limited_text


class StatementForm(PlainForm):
    """What someone said. Practitioners also say whose words these are, and from which conversation."""

    text = limited_text(label=_("What was said"), max_length=STATEMENT_MAX_LENGTH, rows=5)
    voice = forms.ChoiceField(
        label=_("Whose words are these?"),
        choices=[
            (Voice.OWN_WORDS, _("The person's own words, taken down with them in a conversation")),
            (Voice.SUPPORTER_WORDS, _("A supporter's words, said in a conversation")),
            (Voice.PRACTITIONER_SUMMARY, _("My summary")),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose whose words these are")},
    )
    conversation = forms.ModelChoiceField(
        label=_("Conversation"),
        queryset=None,
        required=False,
        empty_label=_("Not from a conversation"),
        help_text=_("Own words must come from a conversation the person took part in"),
    )
    speaker = forms.ModelChoiceField(
        label=_("If a supporter said it, who?"),
        queryset=None,
        required=False,
        empty_label=_("Not a supporter"),
    )
    seen_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, person, writes_for_others: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if writes_for_others:
            self.fields["conversation"].queryset = person.conversations.order_by("-held_on", "-id")
            self.fields["speaker"].queryset = person.circle.all()
        else:
            # The person writes their own words; nothing to choose.
            del self.fields["voice"], self.fields["conversation"], self.fields["speaker"]
            self.fields["text"].label = _("In your own words")


class NoteForm(PlainForm):
    text = limited_text(label=_("Your note"), max_length=NOTE_MAX_LENGTH, rows=3)


class ConfirmationForm(PlainForm):
    state = forms.ChoiceField(
        label=_("Is this right?"),
        choices=[
            (CheckState.RIGHT, _("Yes, this is right")),
            (CheckState.NOT_QUITE, _("Not quite")),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose whether this is right")},
    )
    words = limited_text(
        label=_("What would you change?"), max_length=NOTE_MAX_LENGTH, rows=4, required=False
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("state") == CheckState.NOT_QUITE and not cleaned.get("words", "").strip():
            self.add_error("words", _("Say what you would change, in your own words"))
        return cleaned


class TagsForm(PlainForm):
    tags = forms.ModelMultipleChoiceField(
        label=_("Interests"),
        queryset=InterestTag.objects.filter(is_active=True),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_(
            "Suggested from the words. Tick what fits; these help find groups and ideas later."
        ),
    )
