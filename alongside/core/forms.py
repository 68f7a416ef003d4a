"""GOV.UK Frontend markup for every Django form, through Django's own form-field templates.

A template writes ``{{ form.field.as_field_group }}``; label, hint, error message and input
classes follow the design system, and ``core/components/error_summary.html`` lists the errors."""

from django import forms
from django.forms.renderers import TemplatesSetting

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
    def is_choice_group(self) -> bool:
        return self.widget_type in {"radioselect", "checkboxselectmultiple"}


class GovUKFormRenderer(TemplatesSetting):
    form_template_name = "core/forms/form.html"
    field_template_name = "core/forms/field.html"
    bound_field_class = GovUKBoundField
