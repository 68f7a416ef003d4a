from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from alongside.aboutme.forms import ConfirmationForm, NoteForm, StatementForm, TagsForm
from alongside.aboutme.models import Confirmation, Section, Statement
from alongside.aboutme.presenters import about_me_sections, statement_view
from alongside.aboutme.services import (
    EditConflict,
    ProvenanceError,
    confirmation_record,
    own_voice,
    statement_add,
    statement_note_add,
    statement_revise,
    words_revisable_by,
    writes_for_others,
)
from alongside.accounts.models import Role
from alongside.core.access import person_record
from alongside.core.forms import form_mark_stale
from alongside.people.models import Person, Shareable
from alongside.people.presenters import person_page

WRITERS = (Role.PRACTITIONER, Role.TEAM_MANAGER, Role.PERSON)
# Supporters the person shared About me with add and change their own words too.
CO_WRITERS = (*WRITERS, Role.SUPPORTER)
STAFF_WRITERS = (Role.PRACTITIONER, Role.TEAM_MANAGER)


def _first_name(person: Person) -> str:
    return person.preferred_name or person.given_name


def _section_or_404(value: str) -> Section:
    if value not in Section.values:
        raise Http404
    return Section(value)


def _statement_or_404(person: Person, statement_id: int) -> Statement:
    statement = (
        Statement.objects.about(person)
        .select_related("written_by", "person")
        .filter(pk=statement_id)
        .first()
    )
    if statement is None:
        raise Http404
    return statement


def _tags_form(statement: Statement, user) -> TagsForm | None:
    if statement.section != Section.INTERESTS or user.role not in WRITERS:
        return None
    return TagsForm(initial={"tags": list(statement.tags.all())})


def _page_url(person: Person, section: str = "") -> str:
    url = reverse("aboutme:page", kwargs={"person_id": person.pk})
    return f"{url}#{section}" if section else url


@person_record(target="aboutme.page", shared_section=Shareable.ABOUT_ME)
@require_safe
def about_me(request: HttpRequest, person: Person) -> HttpResponse:
    statements = Statement.objects.about(person).for_page()
    confirmations = Confirmation.objects.latest_for_sections(person)
    context = {
        "person": person,
        "page": person_page(person, request.user, list(person.circle.all())),
        "sections": about_me_sections(statements, confirmations, _first_name(person)),
        "can_write": request.user.role in CO_WRITERS,
    }
    return render(request, "aboutme/about_me.html", context)


@person_record(target="aboutme.statement", shared_section=Shareable.ABOUT_ME, roles=CO_WRITERS)
@require_http_methods(["GET", "POST"])
def statement_new(request: HttpRequest, person: Person, section: str) -> HttpResponse:
    section = _section_or_404(section)
    for_others = writes_for_others(request.user)
    form = StatementForm(request.POST or None, person=person, writes_for_others=for_others)
    if request.method == "POST" and form.is_valid():
        try:
            statement_add(
                person=person,
                section=section,
                text=form.cleaned_data["text"],
                voice=form.cleaned_data.get("voice") or own_voice(request.user),
                author=request.user,
                conversation=form.cleaned_data.get("conversation"),
                speaker=form.cleaned_data.get("speaker"),
            )
        except ProvenanceError as error:
            form.add_error("voice" if for_others else "text", str(error))
        else:
            return redirect(_page_url(person, section))
    context = {
        "person": person,
        "form": form,
        "section": section,
        "first_name": _first_name(person),
    }
    return render(
        request, "aboutme/statement_form.html", context, status=400 if form.errors else 200
    )


@person_record(target="aboutme.statement", shared_section=Shareable.ABOUT_ME, roles=CO_WRITERS)
@require_http_methods(["GET", "POST"])
def statement_change(request: HttpRequest, person: Person, statement_id: int) -> HttpResponse:
    statement = _statement_or_404(person, statement_id)
    if not words_revisable_by(statement, person=person, user=request.user):
        raise PermissionDenied
    for_others = writes_for_others(request.user)
    initial = {"text": statement.text, "voice": statement.voice, "seen_version": statement.version}
    form = StatementForm(
        request.POST or None, initial=initial, person=person, writes_for_others=for_others
    )
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            statement_revise(
                statement=statement,
                text=form.cleaned_data["text"],
                author=request.user,
                seen_version=form.cleaned_data["seen_version"] or 0,
                conversation=form.cleaned_data.get("conversation"),
            )
        except EditConflict as error:
            conflict = statement_view(error.current, _first_name(person))
            form_mark_stale(form, current_version=error.current.version, field="seen_version")
        except ProvenanceError as error:
            form.add_error("text", str(error))
        else:
            return redirect(_page_url(person, statement.section))
    context = {
        "person": person,
        "form": form,
        "statement": statement,
        "section": Section(statement.section),
        "first_name": _first_name(person),
        "conflict": conflict,
    }
    status = 409 if conflict else (400 if form.errors else 200)
    return render(request, "aboutme/statement_form.html", context, status=status)


@person_record(target="aboutme.history", shared_section=Shareable.ABOUT_ME)
@require_safe
def statement_history(request: HttpRequest, person: Person, statement_id: int) -> HttpResponse:
    statement = _statement_or_404(person, statement_id)
    note_form = NoteForm() if request.user.role in STAFF_WRITERS else None
    return _history(request, person, statement, note_form=note_form)


def _history(
    request, person: Person, statement: Statement, *, note_form, status: int = 200
) -> HttpResponse:
    """Every version, the notes beside it, and the forms the viewer may use."""
    context = {
        "person": person,
        "current": statement_view(statement, _first_name(person)),
        "versions": statement.versions.select_related("written_by").order_by("-version"),
        "notes": statement.notes.select_related("written_by"),
        "note_form": note_form,
        "tags_form": _tags_form(statement, request.user),
        "first_name": _first_name(person),
    }
    return render(request, "aboutme/statement_history.html", context, status=status)


@person_record(target="aboutme.note", shared_section=Shareable.ABOUT_ME, roles=STAFF_WRITERS)
@require_POST
def statement_note(request: HttpRequest, person: Person, statement_id: int) -> HttpResponse:
    statement = _statement_or_404(person, statement_id)
    form = NoteForm(request.POST)
    if form.is_valid():
        statement_note_add(statement=statement, text=form.cleaned_data["text"], author=request.user)
        return redirect("aboutme:history", person_id=person.pk, statement_id=statement.pk)
    return _history(request, person, statement, note_form=form, status=400)


@person_record(target="aboutme.check", shared_section=Shareable.ABOUT_ME, roles=WRITERS)
@require_http_methods(["GET", "POST"])
def section_check(request: HttpRequest, person: Person, section: str) -> HttpResponse:
    """Is this right? The person answers; a practitioner records an answer given in person."""
    section = _section_or_404(section)
    form = ConfirmationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        confirmation_record(
            person=person,
            section=section,
            state=form.cleaned_data["state"],
            words=form.cleaned_data["words"],
            recorded_by=request.user,
        )
        return redirect(_page_url(person, section))
    statements = Statement.objects.about(person).filter(section=section).for_page()
    name = _first_name(person)
    context = {
        "person": person,
        "form": form,
        "section": section,
        "statements": [statement_view(s, name) for s in statements],
        "first_name": name,
        "in_person": request.user.role != Role.PERSON,
    }
    return render(
        request, "aboutme/section_check.html", context, status=400 if form.errors else 200
    )


@person_record(target="aboutme.tags", shared_section=Shareable.ABOUT_ME, roles=WRITERS)
@require_POST
def statement_tags(request: HttpRequest, person: Person, statement_id: int) -> HttpResponse:
    """Tags are suggested from the words; whoever may write here says which fit."""
    statement = _statement_or_404(person, statement_id)
    form = TagsForm(request.POST)  # bound even when empty: unticking everything clears the tags
    if form.is_valid():
        statement.tags.set(form.cleaned_data["tags"])
    return redirect("aboutme:history", person_id=person.pk, statement_id=statement.pk)
