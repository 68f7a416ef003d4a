"""The circle of support: the people around the person, and what each may see (the person decides)."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from alongside.accounts.models import Role
from alongside.core.access import person_record
from alongside.people.forms import CircleMemberForm, SharingForm
from alongside.people.models import CircleMember, Person

EDITORS = (Role.PRACTITIONER, Role.TEAM_MANAGER, Role.PERSON)


def _member_or_404(person: Person, member_id: int) -> CircleMember:
    member = person.circle.filter(pk=member_id).first()
    if member is None:
        raise Http404
    return member


def _edit(request: HttpRequest, person: Person, member: CircleMember | None) -> HttpResponse:
    form = CircleMemberForm(request.POST or None, instance=member)
    if request.method == "POST" and form.is_valid():
        saved = form.save(commit=False)
        saved.person = person
        saved.save()
        return redirect("people:detail", person_id=person.pk)
    context = {"person": person, "form": form, "member": member}
    return render(request, "people/circle_form.html", context, status=400 if form.errors else 200)


@person_record(target="circle.member", roles=EDITORS)
@require_http_methods(["GET", "POST"])
def circle_add(request: HttpRequest, person: Person) -> HttpResponse:
    return _edit(request, person, None)


@person_record(target="circle.member", roles=EDITORS)
@require_http_methods(["GET", "POST"])
def circle_change(request: HttpRequest, person: Person, member_id: int) -> HttpResponse:
    return _edit(request, person, _member_or_404(person, member_id))


@person_record(target="circle.sharing", roles=(Role.PERSON,))
@require_http_methods(["GET", "POST"])
def circle_sharing(request: HttpRequest, person: Person, member_id: int) -> HttpResponse:
    """Only the person chooses what someone in their circle may see."""
    member = _member_or_404(person, member_id)
    data = request.POST if request.method == "POST" else None  # an empty POST shares nothing
    form = SharingForm(data, initial={"shared_sections": member.shared_sections})
    if request.method == "POST" and form.is_valid():
        member.shared_sections = form.cleaned_data["shared_sections"]
        member.save(update_fields=["shared_sections"])
        return redirect("people:detail", person_id=person.pk)
    return render(
        request, "people/circle_sharing.html", {"person": person, "member": member, "form": form}
    )
