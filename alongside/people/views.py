from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_safe

from alongside.accounts.models import Role
from alongside.core.access import for_roles, person_record
from alongside.core.audit import audit_listing
from alongside.people.forms import PeopleFilterForm
from alongside.people.models import Person
from alongside.people.presenters import person_page, person_rows

PAGE_SIZE = 25


@for_roles(Role.PRACTITIONER, Role.TEAM_MANAGER)
@require_safe
def people_list(request: HttpRequest) -> HttpResponse:
    """A practitioner's caseload or their team's: paged, sorted and searched by the database."""
    form = PeopleFilterForm(request.GET or None, user=request.user)
    people = Person.objects.visible_to(request.user)
    show, words = form.choices()
    if show == PeopleFilterForm.MINE:
        people = people.allocated_to(request.user)
    people = people.matching(words).for_listing()
    page = Paginator(people, PAGE_SIZE).get_page(request.GET.get("page"))
    audit_listing(user=request.user, person_ids=[p.pk for p in page], target="people.list")
    context = {
        "form": form,
        "page": page,
        "rows": person_rows(page),
        "show": show,
        "words": words,
        "page_range": page.paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1),
    }
    return render(request, "people/list.html", context)


@for_roles(Role.PERSON)
@require_safe
def my_record(request: HttpRequest) -> HttpResponse:
    own = Person.objects.visible_to(request.user).only("pk").first()
    if own is None:
        raise Http404
    return redirect("people:detail", person_id=own.pk)


@person_record(target="person.summary")
@require_safe
def person_detail(request: HttpRequest, person: Person) -> HttpResponse:
    circle = list(person.circle.all())
    page = person_page(person, request.user, circle)
    return render(request, "people/detail.html", {"page": page, "person": person})
