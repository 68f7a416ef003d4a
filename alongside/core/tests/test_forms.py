"""Django forms render GOV.UK Frontend markup through the form renderer."""

from django import forms


class ExampleForm(forms.Form):
    name = forms.CharField(label="Your name", help_text="As you like to be called")
    story = forms.CharField(label="Your story", widget=forms.Textarea, required=False)
    contact = forms.ChoiceField(
        label="How should we contact you?",
        choices=[("phone", "Phone"), ("letter", "Letter")],
        widget=forms.RadioSelect,
    )
    needs = forms.MultipleChoiceField(
        label="Support you need",
        choices=[("bsl", "British Sign Language"), ("easy", "Easy Read")],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    team = forms.ChoiceField(label="Team", choices=[("n", "North"), ("s", "South")])
    agree = forms.BooleanField(label="I agree", required=False)


def test_a_text_field_has_label_hint_and_input_classes():
    html = ExampleForm()["name"].as_field_group()
    assert '<div class="govuk-form-group">' in html
    assert '<label class="govuk-label govuk-label--s" for="id_name">Your name</label>' in html
    assert '<div class="govuk-hint" id="id_name_helptext">As you like to be called</div>' in html
    assert 'class="govuk-input"' in html
    assert 'aria-describedby="id_name_helptext"' in html


def test_errors_show_inline_and_mark_the_input():
    form = ExampleForm(data={"name": ""})
    assert not form.is_valid()
    html = form["name"].as_field_group()
    assert "govuk-form-group--error" in html
    assert 'class="govuk-input govuk-input--error"' in html
    assert '<p class="govuk-error-message" id="id_name_error">' in html
    assert '<span class="govuk-visually-hidden">Error:</span> This field is required.' in html
    assert 'aria-describedby="id_name_helptext id_name_error"' in html
    assert 'aria-invalid="true"' in html


def test_choices_are_a_fieldset_with_a_legend():
    html = ExampleForm()["contact"].as_field_group()
    assert '<fieldset class="govuk-fieldset"' in html
    assert "govuk-fieldset__legend" in html
    assert 'class="govuk-radios" data-module="govuk-radios"' in html
    assert 'class="govuk-radios__input"' in html
    assert '<label class="govuk-label govuk-radios__label" for="id_contact_0">Phone</label>' in html
    checkboxes = ExampleForm()["needs"].as_field_group()
    assert 'class="govuk-checkboxes__input"' in checkboxes


def test_textareas_selects_and_single_checkboxes():
    form = ExampleForm()
    assert 'class="govuk-textarea"' in form["story"].as_field_group()
    assert 'class="govuk-select"' in form["team"].as_field_group()
    agree = form["agree"].as_field_group()
    assert 'class="govuk-checkboxes__input"' in agree
    assert "govuk-checkboxes__label" in agree


def test_the_error_summary_links_to_the_first_option_of_a_group():
    form = ExampleForm(data={})
    form.is_valid()
    assert form["contact"].error_target_id == "id_contact_0"
    assert form["name"].error_target_id == "id_name"


def test_default_messages_are_plain_and_name_the_field():
    from alongside.core.forms import PlainForm

    class Plain(PlainForm):
        postcode = forms.CharField(label="Postcode", max_length=10)
        colour = forms.ChoiceField(label="Favourite colour", choices=[("red", "Red")])
        kept = forms.CharField(label="Kept", error_messages={"required": "Tell us what you kept"})

    form = Plain(data={"postcode": "x" * 14, "colour": "blue"})
    assert not form.is_valid()
    assert form.errors["postcode"] == ["Postcode must be 10 characters or fewer (you have 14)"]
    assert form.errors["colour"] == ["Choose one of the options for favourite colour"]
    assert form.errors["kept"] == ["Tell us what you kept"]
    assert Plain(data={})["postcode"].errors == ["Enter postcode"]
