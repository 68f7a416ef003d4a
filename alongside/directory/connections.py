"""Community connections on a person's record: services suggested from what matters to them,
each with a reason in plain words (or the honest answer that nothing fits), introductions made
with their consent, and what happened."""

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_safe

from alongside.accounts.models import Role
from alongside.core.access import person_record
from alongside.core.forms import PlainForm
from alongside.directory.introductions import (
    NotAgreed,
    contact_email,
    introduction_make,
    outcome_record,
)
from alongside.directory.matching import match_person
from alongside.directory.models import Introduction, IntroductionOutcome, Service, ServiceStatus
from alongside.people.models import Person
from alongside.people.presenters import person_page

# The person and the staff working with them. Supporters are not shown this page.
CONNECTORS = (Role.PERSON, Role.PRACTITIONER, Role.TEAM_MANAGER)
SUGGESTIONS = 8


@person_record(target="directory.connections", roles=CONNECTORS)
@require_safe
def connections(request: HttpRequest, person: Person) -> HttpResponse:
    result = match_person(person, limit=SUGGESTIONS)
    introductions = list(
        Introduction.objects.filter(person=person)
        .select_related("service", "consent_recorded_by")
        .order_by("-created_at")
    )
    context = {
        "person": person,
        "page": person_page(person, request.user, list(person.circle.all())),
        "result": result,
        "introductions": introductions,
        "is_person": request.user.role == Role.PERSON,
    }
    return render(request, "directory/connections.html", context)


class IntroductionForm(PlainForm):
    consent = forms.BooleanField(
        required=True,
        error_messages={"required": gettext_lazy("Say that they agree to this introduction")},
    )
    shared = forms.MultipleChoiceField(
        label=gettext_lazy("What they agree to share"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=[],
    )
    words = forms.CharField(
        label=gettext_lazy("A few words to send, in their words (optional)"),
        help_text=gettext_lazy("For example: “I used to sing in a choir and I'd love to again.”"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, person: Person, is_person: bool, **kwargs):
        super().__init__(*args, **kwargs)
        name = person.preferred_name or person.given_name
        self.fields["consent"].label = (
            _("I want to be introduced")
            if is_person
            else _("%(name)s agrees to this introduction") % {"name": name}
        )
        choices = [("name", _("Their first name") if not is_person else _("My first name"))]
        if person.phone:
            choices.append(("phone", _("Phone number: %(phone)s") % {"phone": person.phone}))
        if person.email:
            choices.append(("email", _("E-mail address: %(email)s") % {"email": person.email}))
        choices.append(("words", _("The words below")))
        self.fields["shared"].choices = choices
        if is_person:
            self.fields["shared"].label = _("What I agree to share")
            self.fields["words"].label = _("A few words to send (optional)")

    def clean(self):
        data = super().clean()
        if (data.get("words") or "").strip() and "words" not in data.get("shared", []):
            self.add_error("words", _("Tick “The words below” to send these words, or remove them"))
        return data


def _service_or_404(service_id) -> Service:
    return get_object_or_404(
        Service.objects.select_related("organization"),
        pk=service_id,
        status=ServiceStatus.ACTIVE,
    )


@person_record(target="directory.introduction", roles=CONNECTORS)
@require_http_methods(["GET", "POST"])
def introduce(request: HttpRequest, person: Person, service_id) -> HttpResponse:
    service = _service_or_404(service_id)
    is_person = request.user.role == Role.PERSON
    form = IntroductionForm(request.POST or None, person=person, is_person=is_person)
    if request.method == "POST" and form.is_valid():
        try:
            introduction = introduction_make(
                person=person,
                service=service,
                consent=form.cleaned_data["consent"],
                shared=form.cleaned_data["shared"],
                words=form.cleaned_data["words"].strip(),
                by=request.user,
            )
        except NotAgreed as error:
            form.add_error("consent", str(error))
        else:
            if introduction.sent_at:
                messages.success(request, _("The introduction has been sent."))
            else:
                messages.success(
                    request,
                    _(
                        "Recorded. This listing has no e-mail address: make the introduction by phone or in person."
                    ),
                )
            return redirect("directory:connections", person_id=person.pk)
    context = {
        "person": person,
        "service": service,
        "form": form,
        "address": contact_email(service),
        "is_person": is_person,
    }
    return render(request, "directory/introduce.html", context, status=400 if form.errors else 200)


class OutcomeForm(PlainForm):
    outcome = forms.ChoiceField(
        label=gettext_lazy("What happened?"),
        choices=[c for c in IntroductionOutcome.choices if c[0] != IntroductionOutcome.WAITING],
        widget=forms.RadioSelect,
        error_messages={"required": gettext_lazy("Choose what happened")},
    )
    words = forms.CharField(
        label=gettext_lazy("Why, in their words (optional)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


@person_record(target="directory.introduction", roles=CONNECTORS)
@require_http_methods(["GET", "POST"])
def introduction_outcome(
    request: HttpRequest, person: Person, introduction_id: int
) -> HttpResponse:
    introduction = (
        Introduction.objects.filter(pk=introduction_id, person=person)
        .select_related("service")
        .first()
    )
    if introduction is None:
        raise Http404
    initial = {"outcome": introduction.outcome, "words": introduction.outcome_words}
    form = OutcomeForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        outcome_record(
            introduction=introduction,
            outcome=form.cleaned_data["outcome"],
            words=form.cleaned_data["words"].strip(),
        )
        messages.success(request, _("Thank you. What happened is saved."))
        return redirect("directory:connections", person_id=person.pk)
    context = {"person": person, "introduction": introduction, "form": form}
    return render(
        request, "directory/introduction_outcome.html", context, status=400 if form.errors else 200
    )
