from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from alongside.accounts.models import Role
from alongside.core.access import person_record
from alongside.outcomes.forms import AnswerForm
from alongside.outcomes.models import AnsweredHow, Instrument
from alongside.outcomes.presenters import CHART_HEIGHT, CHART_WIDTH, measures_for
from alongside.outcomes.scoring import ScoringError
from alongside.outcomes.services import answer_record
from alongside.people.models import Person, Shareable
from alongside.people.presenters import person_page

ANSWERERS = (Role.PERSON, Role.PRACTITIONER, Role.TEAM_MANAGER)


@person_record(target="outcomes.list", shared_section=Shareable.OUTCOMES)
@require_safe
def outcomes_page(request: HttpRequest, person: Person) -> HttpResponse:
    """How things are changing: each measure's change since the first answers, in words, as a
    chart, and as a table."""
    instruments = list(Instrument.objects.order_by("name"))
    context = {
        "person": person,
        "page": person_page(person, request.user, list(person.circle.all())),
        "measures": measures_for(person, instruments),
        "can_answer": request.user.role in ANSWERERS,
        "chart_width": CHART_WIDTH,
        "chart_height": CHART_HEIGHT,
    }
    return render(request, "outcomes/outcomes.html", context)


@person_record(target="outcomes.answer", shared_section=Shareable.OUTCOMES, roles=ANSWERERS)
@require_http_methods(["GET", "POST"])
def answer(request: HttpRequest, person: Person, code: str) -> HttpResponse:
    instrument = Instrument.objects.filter(code=code).first()
    version = instrument.current() if instrument else None
    if version is None:
        raise Http404
    staff = request.user.role != Role.PERSON
    form = AnswerForm(request.POST or None, definition=version.definition, staff=staff)
    if request.method == "POST" and request.POST.get("action") == "decline":
        answer_record(
            person=person,
            version=version,
            answers={},
            by=request.user,
            how=request.POST.get("how") or AnsweredHow.SELF,
            declined=True,
        )
        messages.success(request, _("That's fine. We won't ask again today."))
        return redirect("outcomes:page", person_id=person.pk)
    if request.method == "POST" and form.is_valid():
        given = form.answers()
        if not given:
            form.add_error(None, _("Answer at least one question, or choose “Not today”"))
        else:
            try:
                answer_record(
                    person=person,
                    version=version,
                    answers=given,
                    by=request.user,
                    how=form.cleaned_data.get("how") or AnsweredHow.SELF,
                )
            except ScoringError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("Thank you. Your answers are saved."))
                return redirect("outcomes:page", person_id=person.pk)
    context = {"person": person, "form": form, "version": version}
    return render(request, "outcomes/answer.html", context, status=400 if form.errors else 200)
