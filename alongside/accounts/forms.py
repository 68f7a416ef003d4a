from django import forms
from django.contrib.auth import authenticate, password_validation
from django.utils.translation import gettext_lazy as _

from alongside.accounts.models import User
from alongside.core.forms import PlainForm
from alongside.people.models import Relationship


class SignInForm(PlainForm):
    email = forms.EmailField(
        label=_("Email address"),
        max_length=254,
        error_messages={
            "required": _("Enter your email address"),
            "invalid": _("Enter an email address in the correct format, like name@example.com"),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "username", "spellcheck": "false"}),
    )
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        max_length=1024,
        error_messages={"required": _("Enter your password")},
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args, request=None, **kwargs):
        self.request = request
        self.user = None
        super().__init__(*args, **kwargs)

    def clean(self):
        cleaned = super().clean()
        email, password = cleaned.get("email"), cleaned.get("password")
        if email and password:
            self.user = authenticate(self.request, username=email, password=password)
            if self.user is None:
                # The same words whether the address is unknown or the password is wrong.
                self.add_error(
                    "email",
                    forms.ValidationError(
                        _("The email address or password is not right. Check them and try again."),
                        code="invalid_login",
                    ),
                )
        return cleaned


class CodeForm(PlainForm):
    code = forms.CharField(
        label=_("Code"),
        max_length=16,
        error_messages={"required": _("Enter the code")},
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "spellcheck": "false",
                "class": "govuk-input--width-10",
            }
        ),
    )

    def clean_code(self) -> str:
        return self.cleaned_data["code"].replace(" ", "").replace("-", "").lower()


class InviteForm(PlainForm):
    """Who to invite, and where to send the link. A supporter only with the person's agreement;
    an advocate may be invited on the person's behalf, with the reason in words."""

    PERSON = "person"

    who = forms.ChoiceField(
        label=_("Who are you inviting?"),
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose who you are inviting")},
    )
    email = forms.EmailField(
        label=_("Their email address"),
        help_text=_("Leave this empty to use the email address on their record."),
        required=False,
        max_length=254,
        error_messages={
            "invalid": _("Enter an email address in the correct format, like name@example.com")
        },
        widget=forms.EmailInput(attrs={"spellcheck": "false", "autocomplete": "off"}),
    )
    agreed = forms.BooleanField(
        label=_("The person has agreed that this supporter can be invited"),
        help_text=_("Only for someone in their circle."),
        required=False,
    )
    on_behalf_reason = forms.CharField(
        label=_("Why the person cannot agree to this themselves"),
        help_text=_(
            "Only for an advocate, invited on the person's behalf because they lack capacity "
            "to consent to it. Say why, in words."
        ),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, person, **kwargs):
        self.person = person
        self.members = {f"member-{m.pk}": m for m in person.circle.filter(account__isnull=True)}
        super().__init__(*args, **kwargs)
        choices = []
        if person.account_id is None:
            choices.append((self.PERSON, _("%(name)s, themselves") % {"name": person.name}))
        choices += [
            (key, f"{m.name} ({m.get_relationship_display().lower()})")
            for key, m in self.members.items()
        ]
        self.fields["who"].choices = choices

    @property
    def anyone_to_invite(self) -> bool:
        return bool(self.fields["who"].choices)

    def clean(self):
        cleaned = super().clean()
        who = cleaned.get("who")
        if not who:
            return cleaned
        member = self.members.get(who)
        cleaned["member"] = member
        if not cleaned.get("email") and "email" not in self.errors:
            on_record = self.person.email if member is None else member.email
            if on_record:
                cleaned["email"] = on_record
            else:
                self.add_error(
                    "email",
                    _("Enter their email address: there is none on their record"),
                )
        reason = cleaned.get("on_behalf_reason", "").strip()
        if member is None:
            cleaned["on_behalf_reason"] = ""
        elif member.relationship == Relationship.ADVOCATE:
            if not cleaned.get("agreed") and not reason:
                self.add_error(
                    "on_behalf_reason",
                    _(
                        "Enter why the person cannot agree to inviting their advocate, "
                        "or confirm that they have agreed"
                    ),
                )
            if cleaned.get("agreed"):
                cleaned["on_behalf_reason"] = ""
        else:
            if not cleaned.get("agreed"):
                self.add_error(
                    "agreed",
                    _("Confirm the person has agreed that this supporter can be invited"),
                )
            if reason:
                self.add_error(
                    "on_behalf_reason",
                    _(
                        "Only an advocate can be invited on the person's behalf. Ask the person "
                        "first, or add their advocate to their circle."
                    ),
                )
        return cleaned


# Django's validators, said plainly (a validator added later keeps its own words).
_PLAIN_PASSWORD_MESSAGES = {
    "password_too_short": _("Your password must be at least 12 characters long"),
    "password_too_common": _(
        "That password is used by a lot of people, so it is easy to guess. Choose another"
    ),
    "password_entirely_numeric": _("Your password must not be only numbers"),
    "password_too_similar": _("Your password must not be like your name or email address"),
}


class SetPasswordForm(PlainForm):
    password = forms.CharField(
        label=_("Create a password"),
        help_text=_(
            "Use at least 12 characters. A few words you will remember, like "
            "‘purple kettle sunday walk’, make a good password."
        ),
        strip=False,
        max_length=1024,
        error_messages={"required": _("Create a password")},
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password_again = forms.CharField(
        label=_("Type your password again"),
        strip=False,
        max_length=1024,
        error_messages={"required": _("Type your password again")},
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args, invitation, **kwargs):
        self.invitation = invitation
        super().__init__(*args, **kwargs)

    def clean(self):
        cleaned = super().clean()
        password, again = cleaned.get("password"), cleaned.get("password_again")
        if password and again and password != again:
            self.add_error("password_again", _("The passwords do not match. Type them again."))
        elif password:
            # The similarity check compares with who they are, so give it a user to compare.
            someone = User(email=self.invitation.email, full_name=self.invitation.recipient_name)
            try:
                password_validation.validate_password(password, someone)
            except forms.ValidationError as error:
                for problem in error.error_list:
                    plain = _PLAIN_PASSWORD_MESSAGES.get(problem.code)
                    self.add_error("password", plain or problem)
        return cleaned


class NewLinkForm(PlainForm):
    email = forms.EmailField(
        label=_("Your email address"),
        help_text=_("The one the invitation was sent to."),
        max_length=254,
        error_messages={
            "required": _("Enter your email address"),
            "invalid": _("Enter an email address in the correct format, like name@example.com"),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )
