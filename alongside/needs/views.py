from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_safe

from alongside.accounts.models import Role
from alongside.core.access import person_record
from alongside.core.forms import form_mark_stale
from alongside.needs.forms import NeedForm
from alongside.needs.models import Need, Status
from alongside.needs.presenters import needs_by_whom
from alongside.needs.services import NeedConflict, need_add, need_change
from alongside.people.models import Person
from alongside.people.presenters import person_page

STAFF = (Role.PRACTITIONER, Role.TEAM_MANAGER)
READERS = (*STAFF, Role.PERSON)
FIELDS = ("outcome", "wellbeing_areas", "persons_view", "practitioners_view", "noted_on", "status")


def _carer_or_404(person: Person, carer_id: int | None):
    if carer_id is None:
        return None
    carer = person.circle.filter(pk=carer_id, is_unpaid_carer=True).first()
    if carer is None:
        raise Http404
    return carer


@person_record(target="needs.list", roles=READERS)
@require_safe
def need_list(request: HttpRequest, person: Person) -> HttpResponse:
    circle = list(person.circle.all())
    context = {
        "person": person,
        "page": person_page(person, request.user, circle),
        "groups": needs_by_whom(
            Need.objects.about(person).for_page(), carers=[m for m in circle if m.is_unpaid_carer]
        ),
        "can_write": request.user.role in STAFF,
    }
    return render(request, "needs/list.html", context)


@person_record(target="needs.need", roles=STAFF)
@require_http_methods(["GET", "POST"])
def need_new(request: HttpRequest, person: Person, carer_id: int | None = None) -> HttpResponse:
    carer = _carer_or_404(person, carer_id)
    form = NeedForm(
        request.POST or None, for_carer=carer is not None, initial={"status": Status.CURRENT}
    )
    if request.method == "POST" and form.is_valid():
        details = {name: form.cleaned_data[name] for name in FIELDS}
        need_add(person=person, carer=carer, details=details, recorded_by=request.user)
        return redirect("needs:list", person_id=person.pk)
    context = {"person": person, "form": form, "carer": carer}
    return render(request, "needs/form.html", context, status=400 if form.errors else 200)


@person_record(target="needs.need", roles=STAFF)
@require_http_methods(["GET", "POST"])
def need_edit(request: HttpRequest, person: Person, need_id: int) -> HttpResponse:
    need = Need.objects.about(person).select_related("carer").filter(pk=need_id).first()
    if need is None:
        raise Http404
    initial = {name: getattr(need, name) for name in FIELDS} | {"version": need.version}
    form = NeedForm(request.POST or None, initial=initial, for_carer=need.carer_id is not None)
    conflict = None
    if request.method == "POST" and form.is_valid():
        details = {name: form.cleaned_data[name] for name in FIELDS}
        try:
            need_change(
                need=need,
                details=details,
                changed_by=request.user,
                seen_version=form.cleaned_data["version"] or 0,
            )
        except NeedConflict as error:
            conflict = error.current
            form_mark_stale(form, current_version=error.current.version)
        else:
            return redirect("needs:list", person_id=person.pk)
    context = {
        "person": person,
        "form": form,
        "carer": need.carer,
        "need": need,
        "conflict": conflict,
    }
    status = 409 if conflict else (400 if form.errors else 200)
    return render(request, "needs/form.html", context, status=status)
