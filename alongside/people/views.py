from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from alongside.accounts.models import Role
from alongside.core.access import for_roles, person_record
from alongside.core.audit import audit_listing
from alongside.core.forms import form_mark_stale
from alongside.people import story
from alongside.people.forms import NewPersonForm, PeopleFilterForm, PersonDetailsForm
from alongside.people.models import Person
from alongside.people.presenters import duplicate_rows, person_page, person_rows
from alongside.people.services import DetailsConflict, person_create, person_details_update

PAGE_SIZE = 25


# Search words are kept in the session, never in the URL: names, dates of birth and NHS numbers
# in a query string end up in browser history and in proxies' logs.
SEARCH_SESSION_KEY = "people_search"


@for_roles(Role.PRACTITIONER, Role.TEAM_MANAGER)
@require_http_methods(["GET", "POST"])
def people_list(request: HttpRequest) -> HttpResponse:
    """A practitioner's caseload or their team's: paged, sorted and searched by the database."""
    if request.method == "POST":
        form = PeopleFilterForm(request.POST, user=request.user)
        if form.is_valid():
            show, words = form.choices()
            request.session[SEARCH_SESSION_KEY] = words
            return redirect(f"{reverse('people:list')}?{urlencode({'show': show})}")
        status = 400
    else:
        show = request.GET.get("show", "")
        data = {
            "q": request.session.get(SEARCH_SESSION_KEY, ""),
            "show": show if show in (PeopleFilterForm.MINE, PeopleFilterForm.TEAM) else "",
        }
        form = PeopleFilterForm(data, user=request.user)
        status = 200
    show, words = form.choices()
    people = Person.objects.visible_to(request.user)
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
    return render(request, "people/list.html", context, status=status)


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


@for_roles(Role.PRACTITIONER, Role.TEAM_MANAGER)
@require_http_methods(["GET", "POST"])
def person_new(request: HttpRequest) -> HttpResponse:
    """Add someone, after checking they are not already recorded."""
    form = NewPersonForm(request.POST or None)
    duplicates = []
    if request.method == "POST" and form.is_valid():
        details = {
            k: v
            for k, v in form.cleaned_data.items()
            if k not in {"confirm_not_duplicate", "version"}
        }
        duplicates = duplicate_rows(details, viewer=request.user)
        if duplicates and not form.cleaned_data["confirm_not_duplicate"]:
            form.add_error(
                "confirm_not_duplicate",
                _(
                    "Someone with this name and date of birth is already recorded. Check they are a different person."
                ),
            )
        else:
            person = person_create(details=details, created_by=request.user)
            return redirect("aboutme:page", person_id=person.pk)
    context = {"form": form, "duplicates": duplicates}
    return render(request, "people/new.html", context, status=400 if form.errors else 200)


@person_record(target="person.details", roles=(Role.PRACTITIONER, Role.TEAM_MANAGER, Role.PERSON))
@require_http_methods(["GET", "POST"])
def person_details(request: HttpRequest, person: Person) -> HttpResponse:
    form = PersonDetailsForm(
        request.POST or None, instance=person, initial={"version": person.version}
    )
    if request.user.role == Role.PERSON:
        # Identifiers are the council's to record; the person sees them on their record.
        del (
            form.fields["nhs_number"],
            form.fields["council_id"],
            form.fields["primary_support_reason"],
        )
    conflict = None
    if request.method == "POST" and form.is_valid():
        details = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        try:
            person_details_update(
                person=person, details=details, seen_version=form.cleaned_data["version"] or 0
            )
        except DetailsConflict as error:
            conflict = error.current
            form_mark_stale(form, current_version=error.current.version)
        else:
            return redirect("aboutme:page", person_id=person.pk)
    context = {"person": person, "form": form, "conflict": conflict}
    status = 409 if conflict else (400 if form.errors else 200)
    return render(request, "people/details_form.html", context, status=status)


@person_record(target="person.story", roles=(Role.PRACTITIONER, Role.TEAM_MANAGER, Role.PERSON))
@require_safe
def person_story(request: HttpRequest, person: Person) -> HttpResponse:
    chosen = [k for k in request.GET.getlist("show") if k in story.KINDS] or list(story.KINDS)
    events = story.story_events(person, chosen)
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    context = {
        "person": person,
        "page": person_page(person, request.user, list(person.circle.all())),
        "events": page,
        "kinds": [(key, label, key in chosen) for key, label in story.KINDS.items()],
        "page_range": page.paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1),
    }
    return render(request, "people/story.html", context)
