from django import forms
from django.utils.translation import gettext_lazy as _

from alongside.core.forms import PlainForm
from alongside.threads.models import MESSAGE_MAX_LENGTH


class MessageForm(PlainForm):
    body = forms.CharField(
        label=_("Write your message"),
        max_length=MESSAGE_MAX_LENGTH,
        help_text=_("You can write up to 2,000 characters."),
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={
            "required": _("Write your message"),
            "max_length": _(
                "Your message is too long. Make it %(limit_value)s characters or fewer "
                "(it has %(show_value)s). You could send it in two parts."
            ),
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Said after sending instead: a browser limit would cut off pasted words unseen.
        self.fields["body"].widget.attrs.pop("maxlength", None)
