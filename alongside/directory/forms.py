import re
from datetime import time

from django import forms
from django.utils.translation import gettext_lazy as _

from alongside.core.forms import PlainForm, limited_text
from alongside.directory.browse import DAYS, Criteria, postcode_parts, postcode_tidy
from alongside.directory.models import ServiceStatus

DAY_CHOICES = list(
    zip(
        DAYS,
        [
            _("Monday"),
            _("Tuesday"),
            _("Wednesday"),
            _("Thursday"),
            _("Friday"),
            _("Saturday"),
            _("Sunday"),
        ],
        strict=True,
    )
)
TIME_CHOICES = [  # the keys of browse.TIMES_OF_DAY
    ("morning", _("Morning (before midday)")),
    ("afternoon", _("Afternoon (midday to 5pm)")),
    ("evening", _("Evening (after 5pm)")),
]
WITHIN_CHOICES = [
    ("1", _("Within 1 mile")),
    ("3", _("Within 3 miles")),
    ("5", _("Within 5 miles")),
    ("10", _("Within 10 miles")),
]
DEFAULT_WITHIN = "3"
POSTCODE_EXAMPLE = _("Enter a postcode, like DN15 6XQ, or the first part of one, like DN15")
CANNOT_PLACE = _(
    "We can't place that postcode yet: try a nearby town's postcode, or search without distance"
)
_PHONE = re.compile(r"^\+?[0-9 ()-]{6,25}$")
_TIME = re.compile(r"^(\d{1,2})(?:[:.](\d{2}))?\s*(am|pm)?$")


def _age_field(label):
    message = _("%(label)s must be a whole number from 0 to 120, like 67") % {"label": label}
    return forms.IntegerField(
        label=label,
        required=False,
        min_value=0,
        max_value=120,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-3"}),
        error_messages={"invalid": message, "min_value": message, "max_value": message},
    )


class DirectorySearchForm(PlainForm):
    """Directory words are not personal: the search is a GET, so a result page can be shared."""

    q = forms.CharField(
        label=_("Words"),
        required=False,
        max_length=200,
        help_text=_("For example: singing, dementia, walking group, lunch"),
        widget=forms.TextInput(attrs={"type": "search", "spellcheck": "true"}),
    )
    age = _age_field(_("Suitable for age"))
    free = forms.BooleanField(label=_("Free only"), required=False)
    days = forms.MultipleChoiceField(
        label=_("Days"), required=False, choices=DAY_CHOICES, widget=forms.CheckboxSelectMultiple
    )
    times = forms.MultipleChoiceField(
        label=_("Time of day"),
        required=False,
        choices=TIME_CHOICES,
        widget=forms.CheckboxSelectMultiple,
    )
    postcode = forms.CharField(
        label=_("Near a postcode"),
        required=False,
        max_length=10,
        help_text=_("A full postcode, like DN15 6XQ, or the first part, like DN15"),
        widget=forms.TextInput(
            attrs={"class": "govuk-input--width-10", "autocomplete": "postal-code"}
        ),
    )
    within = forms.ChoiceField(
        label=_("Distance"), required=False, choices=WITHIN_CHOICES, widget=forms.Select
    )

    def clean_postcode(self) -> str:
        text = self.cleaned_data["postcode"].strip()
        if text and postcode_parts(text) is None:
            raise forms.ValidationError(POSTCODE_EXAMPLE)
        return postcode_tidy(text) if text else ""

    def criteria(self, place=None) -> Criteria:
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        return Criteria(
            words=(data.get("q") or "").strip(),
            age=data.get("age"),
            free_only=bool(data.get("free")),
            days=tuple(data.get("days") or ()),
            times=tuple(data.get("times") or ()),
            place=place,
            within_miles=int(data.get("within") or DEFAULT_WITHIN),
        )


class TimeText(forms.Field):
    """A time as people type it: 10:00, 14:30, 10am, 2.30pm."""

    widget = forms.TextInput(attrs={"class": "govuk-input--width-5", "spellcheck": "false"})

    def to_python(self, value):
        text = (value or "").strip().lower().replace(" ", "")
        if not text:
            return None
        message = _("%(label)s must be a time, like 10:00, 14:30 or 2:30pm") % {"label": self.label}
        match = _TIME.match(text)
        if not match:
            raise forms.ValidationError(message)
        hour, minute, half = int(match.group(1)), int(match.group(2) or 0), match.group(3)
        if half:
            if not 1 <= hour <= 12:
                raise forms.ValidationError(message)
            hour = hour % 12 + (12 if half == "pm" else 0)
        if hour > 23 or minute > 59:
            raise forms.ValidationError(message)
        return time(hour, minute)

    def prepare_value(self, value):
        return value.strftime("%H:%M") if isinstance(value, time) else value


COST_CHOICES = [
    ("free", _("Free")),
    ("cost", _("There is a cost")),
    ("unknown", _("Not sure")),
]
_COST_TO_FREE = {"free": True, "cost": False, "unknown": None}


class LocalServiceForm(PlainForm):
    """A local service: a micro-enterprise, a peer group, a riders' club."""

    name = limited_text(label=_("Name of the service or group"), max_length=300)
    organisation_name = limited_text(
        label=_("Who runs it (optional)"),
        max_length=300,
        required=False,
        help_text=_(
            "A club, charity, business or person. Leave it blank if the group runs itself."
        ),
    )
    description = limited_text(
        label=_("What happens there"),
        max_length=3000,
        rows=5,
        help_text=_("In plain words, as you would tell someone who might go"),
    )
    audience = limited_text(
        label=_("Who it's for (optional)"),
        max_length=500,
        required=False,
        help_text=_("For example, people living with dementia and the people who care for them"),
    )
    minimum_age = _age_field(_("Youngest age (optional)"))
    maximum_age = _age_field(_("Oldest age (optional)"))
    cost = forms.ChoiceField(
        label=_("Is it free?"),
        choices=COST_CHOICES,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Say whether it is free, costs something, or you're not sure")
        },
    )
    fees = limited_text(
        label=_("How much it costs (optional if free)"),
        max_length=500,
        required=False,
        help_text=_("For example, £3 a session, or £30 a month"),
    )
    email = forms.EmailField(
        label=_("Email address (optional)"),
        required=False,
        max_length=300,
        error_messages={"invalid": _("Enter an email address like name@example.org")},
    )
    phone = forms.CharField(
        label=_("Phone number (optional)"),
        required=False,
        max_length=60,
        widget=forms.TextInput(attrs={"type": "tel", "class": "govuk-input--width-20"}),
    )
    url = forms.URLField(
        label=_("Website (optional)"),
        required=False,
        max_length=500,
        assume_scheme="https",
        error_messages={"invalid": _("Enter a web address, like https://www.example.org")},
    )
    place_name = limited_text(
        label=_("Name of the place (optional)"),
        max_length=300,
        required=False,
        help_text=_("For example, The Clubhouse, or St Mary's Church Hall"),
    )
    address = limited_text(label=_("Address (optional)"), max_length=500, required=False)
    town = limited_text(label=_("Town (optional)"), max_length=100, required=False)
    postcode = forms.CharField(
        label=_("Postcode (optional)"),
        required=False,
        max_length=10,
        widget=forms.TextInput(attrs={"class": "govuk-input--width-10"}),
    )
    latitude = forms.FloatField(
        label=_("Latitude (optional)"),
        required=False,
        min_value=-90,
        max_value=90,
        help_text=_("Leave blank and we use a place we know with the same postcode"),
        widget=forms.TextInput(attrs={"class": "govuk-input--width-10", "inputmode": "decimal"}),
    )
    longitude = forms.FloatField(
        label=_("Longitude (optional)"),
        required=False,
        min_value=-180,
        max_value=180,
        widget=forms.TextInput(attrs={"class": "govuk-input--width-10", "inputmode": "decimal"}),
    )
    days = forms.MultipleChoiceField(
        label=_("Which days (optional)"),
        required=False,
        choices=DAY_CHOICES,
        widget=forms.CheckboxSelectMultiple,
    )
    opens_at = TimeText(
        label=_("Starts at (optional)"), required=False, help_text=_("For example, 10:00 or 2:30pm")
    )
    closes_at = TimeText(label=_("Finishes at (optional)"), required=False)
    frequency = limited_text(
        label=_("How often (optional)"),
        max_length=200,
        required=False,
        help_text=_("For example, every week, or the first Sunday of the month"),
    )
    status = forms.ChoiceField(
        label=_("Is it still running?"),
        choices=ServiceStatus.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not editing:
            del self.fields["status"]
        for name in ("latitude", "longitude"):
            message = _("%(label)s must be a number, like %(example)s") % {
                "label": self.fields[name].label,
                "example": "53.58" if name == "latitude" else "-0.65",
            }
            for code in ("invalid", "min_value", "max_value"):
                self.fields[name].error_messages[code] = message

    def clean_phone(self) -> str:
        phone = self.cleaned_data["phone"].strip()
        if phone and not _PHONE.match(phone):
            raise forms.ValidationError(_("Enter a phone number, like 01632 960 111"))
        return phone

    def clean_postcode(self) -> str:
        text = self.cleaned_data["postcode"].strip()
        if not text:
            return ""
        parts = postcode_parts(text)
        if parts is None or not parts[1]:
            raise forms.ValidationError(_("Enter a full postcode, like DN15 6XQ"))
        return postcode_tidy(text)

    def clean(self):
        data = super().clean()
        low, high = data.get("minimum_age"), data.get("maximum_age")
        if low is not None and high is not None and low > high:
            self.add_error(
                "maximum_age", _("The oldest age must be the same as or more than the youngest")
            )
        if data.get("cost") == "cost" and not data.get("fees"):
            self.add_error("fees", _("Enter how much it costs, like £3 a session"))
        if (data.get("latitude") is None) != (data.get("longitude") is None):
            self.add_error("longitude", _("Enter both latitude and longitude, or neither"))
        opens, closes = data.get("opens_at"), data.get("closes_at")
        if closes and not opens:
            self.add_error("opens_at", _("Enter when it starts, as well as when it finishes"))
        if opens and closes and closes <= opens:
            self.add_error("closes_at", _("It must finish after it starts"))
        return data

    def details(self) -> dict:
        """What local_service_create and local_service_update take."""
        data = self.cleaned_data
        details = {
            name: data[name]
            for name in ("name", "description", "audience", "minimum_age", "maximum_age", "fees")
        }
        details |= {
            "email": data["email"],
            "phone": data["phone"],
            "url": data["url"],
            "is_free": _COST_TO_FREE[data["cost"]],
            "organisation_name": data["organisation_name"],
            "place": {
                "name": data["place_name"],
                "address": data["address"],
                "town": data["town"],
                "postcode": data["postcode"],
                "latitude": data["latitude"],
                "longitude": data["longitude"],
            },
            "when": {
                "days": data["days"],
                "opens_at": data["opens_at"],
                "closes_at": data["closes_at"],
                "frequency": data["frequency"],
            },
        }
        if data.get("status"):
            details["status"] = data["status"]
        return details


def local_service_initial(service, location, schedule) -> dict:
    """The form's starting values for a service as it is saved now."""
    cost = {True: "free", False: "cost", None: "unknown"}[service.is_free]
    initial = {
        "name": service.name,
        "organisation_name": service.organization.name if service.organization else "",
        "description": service.description,
        "audience": service.audience,
        "minimum_age": service.minimum_age,
        "maximum_age": service.maximum_age,
        "cost": cost,
        "fees": service.fees,
        "email": service.email,
        "phone": service.phone,
        "url": service.url,
        "status": service.status,
        "version": service.version,
    }
    if location is not None:
        initial |= {
            "place_name": location.name,
            "address": location.address,
            "town": location.town,
            "postcode": location.postcode,
            "latitude": location.latitude,
            "longitude": location.longitude,
        }
    if schedule is not None:
        initial |= {
            "days": [d for d in schedule.byday.split(",") if d],
            "opens_at": schedule.opens_at,
            "closes_at": schedule.closes_at,
            "frequency": schedule.description,
        }
    return initial


class CorrectionForm(PlainForm):
    name = limited_text(label=_("Your name"), max_length=200)
    email = forms.EmailField(
        label=_("Your email address"),
        max_length=300,
        help_text=_(
            "So we can ask you about it if we need to. We will not use it for anything else."
        ),
        error_messages={
            "required": _("Enter your email address"),
            "invalid": _("Enter an email address like name@example.org"),
        },
    )
    words = limited_text(
        label=_("What needs correcting"),
        max_length=3000,
        rows=6,
        help_text=_("For example, a new day or time, a new address, or that it has closed"),
    )
    # Left empty by people; filled in by some robots. Hidden from everyone, not only from sight.
    website = forms.CharField(required=False, label=_("Leave this empty"), max_length=200)

    def is_robot(self) -> bool:
        return bool(self.cleaned_data.get("website"))
