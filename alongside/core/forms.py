"""GOV.UK Frontend markup for every Django form, through Django's own form-field templates.

A template writes ``{{ form.field.as_field_group }}``; label, hint, error message and input
classes follow the design system, and ``core/components/error_summary.html`` lists the errors."""

from datetime import date

from django import forms
from django.forms.renderers import TemplatesSetting
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

_INPUT_CLASSES = {
    "textarea": "govuk-textarea",
    "select": "govuk-select",
    "radioselect": "govuk-radios__input",
    "checkboxselectmultiple": "govuk-checkboxes__input",
    "checkbox": "govuk-checkboxes__input",
    "clearablefile": "govuk-file-upload",
    "file": "govuk-file-upload",
}
_ERROR_CLASSES = {
    "govuk-input": "govuk-input--error",
    "govuk-textarea": "govuk-textarea--error",
    "govuk-select": "govuk-select--error",
    "govuk-file-upload": "govuk-file-upload--error",
}


class GovUKBoundField(forms.BoundField):
    def build_widget_attrs(self, attrs, widget=None):
        attrs = super().build_widget_attrs(attrs, widget)
        widget = widget or self.field.widget
        css = _INPUT_CLASSES.get(self.widget_type, "govuk-input")
        classes = [css]
        if self.errors and css in _ERROR_CLASSES:
            classes.append(_ERROR_CLASSES[css])
        if extra := widget.attrs.get("class"):
            classes.append(extra)
        attrs["class"] = " ".join(classes)
        return attrs

    @property
    def error_target_id(self) -> str:
        """Where the error summary links: the first option of a group, else the input."""
        if self.field.widget.use_fieldset and self.auto_id:
            return f"{self.auto_id}_0"
        return self.id_for_label or self.auto_id

    @property
    def is_choice_group(self) -> bool:  # radios and checkboxes: a fieldset of options
        return self.widget_type in {"radioselect", "checkboxselectmultiple"}


class GovUKFormRenderer(TemplatesSetting):
    form_template_name = "core/forms/form.html"
    field_template_name = "core/forms/field.html"
    bound_field_class = GovUKBoundField


class DateInputWidget(forms.MultiWidget):
    """GOV.UK date input: day, month and year boxes in a fieldset."""

    template_name = "core/forms/date_input.html"
    use_fieldset = True
    _parts = (
        ("day", _("Day"), "govuk-input--width-2"),
        ("month", _("Month"), "govuk-input--width-2"),
        ("year", _("Year"), "govuk-input--width-4"),
    )

    def __init__(self, attrs=None):
        super().__init__({name: forms.TextInput() for name, _label, _width in self._parts}, attrs)

    def decompress(self, value):
        return [value.day, value.month, value.year] if value else [None, None, None]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["parts"] = [
            {"widget": sub, "label": label, "width": width}
            for sub, (_name, label, width) in zip(
                context["widget"]["subwidgets"], self._parts, strict=True
            )
        ]
        return context


class DateField(forms.MultiValueField):
    """A date typed as day, month and year, with GOV.UK's messages for what is missing or wrong."""

    widget = DateInputWidget

    def __init__(self, *, not_in_future: bool = False, **kwargs):
        self.not_in_future = not_in_future
        parts = (forms.CharField(required=False, max_length=4),) * 3
        super().__init__(parts, require_all_fields=False, **kwargs)

    def compress(self, values):
        day, month, year = ((v or "").strip() for v in (values or ["", "", ""]))
        if not (day or month or year):
            return None
        label = self.label or _("The date")
        missing = [
            name for name, value in (("day", day), ("month", month), ("year", year)) if not value
        ]
        if missing:
            raise forms.ValidationError(
                _("%(label)s must include a %(part)s") % {"label": label, "part": _(missing[0])},
                code="incomplete",
            )
        try:
            if len(year) != 4:
                raise ValueError
            value = date(int(year), int(month), int(day))
        except ValueError:
            raise forms.ValidationError(
                _("%(label)s must be a real date, like 27 3 2024") % {"label": label},
                code="invalid",
            ) from None
        if self.not_in_future and value > timezone.localdate():
            raise forms.ValidationError(
                _("%(label)s must be today or in the past") % {"label": label}, code="future"
            )
        return value


def limited_text(
    *, label, max_length: int, required: bool = True, rows: int | None = None, **kwargs
):
    """A text field that says its limit in plain words when it is exceeded."""
    widget = forms.Textarea(attrs={"rows": rows}) if rows else forms.TextInput()
    return forms.CharField(
        label=label,
        max_length=max_length,
        required=required,
        widget=widget,
        error_messages={
            "required": _("Enter %(label)s") % {"label": str(label).lower()},
            "max_length": _("%(label)s must be %(limit)s characters or fewer")
            % {"label": label, "limit": f"{max_length:,}"}
            + " "
            + _("(you have %(show_value)s)"),
        },
        **kwargs,
    )


STALE_EDIT_MESSAGE = _(
    "Someone else changed this while you were editing. What they saved is shown above; your "
    "changes are below, not saved yet. Check them, then save again."
)


def form_mark_stale(form: forms.Form, *, current_version: int, field: str = "version") -> None:
    """After a refused save: keep what the editor typed, say why, and let a second save (made
    having seen the other version) go through."""
    form.add_error(None, STALE_EDIT_MESSAGE)
    form.data = form.data.copy()
    form.data[form.add_prefix(field)] = current_version


_DEFAULT_CHOICE_MESSAGES = {
    str(cls.default_error_messages["invalid_choice"])
    for cls in (
        forms.ChoiceField,
        forms.MultipleChoiceField,
        forms.ModelChoiceField,
        forms.ModelMultipleChoiceField,
    )
}


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


class PlainMessages:
    """Django's default messages, said plainly and naming the field: "Postcode must be 10
    characters or fewer (you have 14)" instead of "Ensure this value has at most 10 characters".
    Messages a form declares itself are kept."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            label = str(field.label or _("This"))
            messages = field.error_messages
            if str(messages.get("required")) == str(forms.Field.default_error_messages["required"]):
                messages["required"] = _("Enter %(label)s") % {"label": _lower_first(label)}
            if getattr(field, "max_length", None) and "max_length" not in messages:
                limit = f"{field.max_length:,}"
                messages["max_length"] = (
                    _("%(label)s must be %(limit)s characters or fewer")
                    % {"label": label, "limit": limit}
                    + " "
                    + _("(you have %(show_value)s)")
                )
            if str(messages.get("invalid_choice")) in _DEFAULT_CHOICE_MESSAGES:
                messages["invalid_choice"] = _("Choose one of the options for %(label)s") % {
                    "label": _lower_first(label)
                }


class PlainForm(PlainMessages, forms.Form):
    pass


class PlainModelForm(PlainMessages, forms.ModelForm):
    pass
