from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from alongside.aboutme.forms import ConfirmationForm
from alongside.aboutme.models import Confirmation
from alongside.aboutme.presenters import check_view
from alongside.aboutme.services import EditConflict, ProvenanceError, confirmation_record
from alongside.accounts.models import Role
from alongside.conversations.forms import (
    ConversationForm,
    NoteForm,
    PreparationForm,
    ToAboutMeForm,
)
from alongside.conversations.models import Conversation, Note, Prompt, PromptGroup, Status
from alongside.conversations.preparation import preparation_for, preparation_save
from alongside.conversations.services import (
    NoteConflict,
    conversation_finish,
    conversation_start,
    note_add,
    note_save,
    note_to_statement,
)
from alongside.core.access import person_record
from alongside.core.forms import form_mark_stale
from alongside.people.models import Person
from alongside.people.presenters import person_page

STAFF = (Role.PRACTITIONER, Role.TEAM_MANAGER)
READERS = (*STAFF, Role.PERSON)


def _conversation_or_404(person: Person, conversation_id: int) -> Conversation:
    conversation = (
        Conversation.objects.about(person)
        .select_related("practitioner")
        .filter(pk=conversation_id)
        .first()
    )
    if conversation is None:
        raise Http404
    return conversation


def _note_or_404(conversation: Conversation, note_id: int) -> Note:
    note = conversation.notes.filter(pk=note_id).first()
    if note is None:
        raise Http404
    return note


def _note_url(person: Person, conversation: Conversation, note: Note) -> str:
    url = reverse(
        "conversations:detail", kwargs={"person_id": person.pk, "conversation_id": conversation.pk}
    )
    return f"{url}#note-{note.pk}"


def _prompts_by_group() -> list[tuple[str, list[Prompt]]]:
    groups: dict[str, list[Prompt]] = {g.value: [] for g in PromptGroup}
    for prompt in Prompt.objects.filter(is_active=True):
        groups[prompt.group].append(prompt)
    return [(str(PromptGroup(key).label), items) for key, items in groups.items() if items]


@person_record(target="conversations.list", roles=READERS)
@require_safe
def conversation_list(request: HttpRequest, person: Person) -> HttpResponse:
    conversations = (
        Conversation.objects.about(person)
        .select_related("practitioner")
        .order_by("-held_on", "-id")
    )
    context = {
        "person": person,
        "page": person_page(person, request.user, list(person.circle.all())),
        "conversations": conversations,
    }
    return render(request, "conversations/list.html", context)


@person_record(target="conversations.conversation", roles=STAFF)
@require_http_methods(["GET", "POST"])
def conversation_new(request: HttpRequest, person: Person) -> HttpResponse:
    form = ConversationForm(request.POST or None, person=person)
    if request.method == "POST" and form.is_valid():
        details = {k: v for k, v in form.cleaned_data.items() if k != "supporters"}
        conversation = conversation_start(
            person=person,
            practitioner=request.user,
            details=details,
            supporters=form.cleaned_data["supporters"],
        )
        return redirect(
            "conversations:detail", person_id=person.pk, conversation_id=conversation.pk
        )
    context = {"person": person, "form": form}
    return render(request, "conversations/new.html", context, status=400 if form.errors else 200)


def _detail_context(request, person, conversation, *, new_note_form=None, bound_note=None) -> dict:
    """``bound_note``: (note id, form) for a note whose save was refused, shown as typed."""
    notes = list(conversation.notes.select_related("prompt", "statement"))
    latest = (
        Confirmation.objects.filter(conversation=conversation)
        .select_related("recorded_by")
        .order_by("at", "id")
        .last()
    )
    refused_id, refused_form = bound_note or (None, None)
    return {
        "person": person,
        "conversation": conversation,
        "supporters": list(conversation.supporters.all()),
        "notes": [
            (note, refused_form if note.pk == refused_id else _note_form(note)) for note in notes
        ],
        "new_note_form": new_note_form or NoteForm(),
        "prompts": _prompts_by_group() if request.user.role in STAFF else [],
        "can_write": request.user.role in STAFF and conversation.status == Status.DRAFT,
        "can_turn_into_statements": request.user.role in STAFF,
        "check": check_view(latest),
    }


def _note_form(note: Note) -> NoteForm:
    return NoteForm(
        initial={"text": note.text, "voice": note.voice, "version": note.version},
        prefix=f"note-{note.pk}",
    )


@person_record(target="conversations.conversation", roles=READERS)
@require_safe
def conversation_detail(request: HttpRequest, person: Person, conversation_id: int) -> HttpResponse:
    conversation = _conversation_or_404(person, conversation_id)
    return render(
        request, "conversations/detail.html", _detail_context(request, person, conversation)
    )


@person_record(target="conversations.note", roles=STAFF)
@require_POST
def note_new(request: HttpRequest, person: Person, conversation_id: int) -> HttpResponse:
    conversation = _conversation_or_404(person, conversation_id)
    form = NoteForm(request.POST)
    if conversation.status == Status.DRAFT and form.is_valid():
        note = note_add(
            conversation=conversation,
            text=form.cleaned_data["text"],
            voice=form.cleaned_data["voice"],
            prompt=form.cleaned_data["prompt"],
        )
        return redirect(_note_url(person, conversation, note))
    context = _detail_context(request, person, conversation, new_note_form=form)
    return render(request, "conversations/detail.html", context, status=400)


@person_record(target="conversations.note", roles=STAFF)
@require_POST
def note_update(
    request: HttpRequest, person: Person, conversation_id: int, note_id: int
) -> HttpResponse:
    """Saves one note: from the autosave script (JSON answer) or its Save button (a page)."""
    conversation = _conversation_or_404(person, conversation_id)
    note = _note_or_404(conversation, note_id)
    form = NoteForm(request.POST, prefix=f"note-{note.pk}")
    wants_json = request.headers.get("X-Alongside-Autosave") == "1"
    if conversation.status != Status.DRAFT:
        form.add_error(None, _("This conversation has been finished, so its notes cannot change."))
    elif form.is_valid():
        try:
            saved = note_save(
                note=note,
                text=form.cleaned_data["text"],
                voice=form.cleaned_data["voice"],
                seen_version=form.cleaned_data["version"] or 0,
            )
        except NoteConflict as conflict:
            message = _(
                "Someone else changed this note. Your words are still in the box; their version is: “%(text)s”"
            ) % {"text": conflict.current.text}
            if wants_json:
                return JsonResponse({"saved": False, "message": message}, status=409)
            form.add_error("text", message)
        else:
            if wants_json:
                saved_at = formats.time_format(saved.updated_at, "H:i")
                return JsonResponse(
                    {
                        "saved": True,
                        "version": saved.version,
                        "message": _("Saved at %(time)s") % {"time": saved_at},
                    }
                )
            return redirect(_note_url(person, conversation, note))
    if wants_json:
        messages = [str(e) for errors in form.errors.values() for e in errors]
        return JsonResponse({"saved": False, "message": " ".join(messages)}, status=400)
    context = _detail_context(request, person, conversation, bound_note=(note.pk, form))
    return render(request, "conversations/detail.html", context, status=400)


@person_record(target="conversations.note", roles=STAFF)
@require_http_methods(["GET", "POST"])
def note_to_about_me(
    request: HttpRequest, person: Person, conversation_id: int, note_id: int
) -> HttpResponse:
    conversation = _conversation_or_404(person, conversation_id)
    note = _note_or_404(conversation, note_id)
    if note.statement_id:
        return redirect("aboutme:page", person_id=person.pk)
    form = ToAboutMeForm(request.POST or None, note=note)
    if request.method == "POST" and form.is_valid():
        try:
            statement = note_to_statement(
                note=note,
                section=form.cleaned_data["section"],
                author=request.user,
                speaker=form.cleaned_data.get("speaker"),
            )
        except ProvenanceError as error:
            form.add_error("section", str(error))
        else:
            return redirect(
                reverse("aboutme:page", kwargs={"person_id": person.pk}) + f"#{statement.section}"
            )
    context = {"person": person, "conversation": conversation, "note": note, "form": form}
    return render(
        request, "conversations/to_about_me.html", context, status=400 if form.errors else 200
    )


@person_record(target="conversations.conversation", roles=STAFF)
@require_POST
def conversation_done(request: HttpRequest, person: Person, conversation_id: int) -> HttpResponse:
    conversation = _conversation_or_404(person, conversation_id)
    conversation_finish(conversation=conversation)
    return redirect("conversations:detail", person_id=person.pk, conversation_id=conversation.pk)


@person_record(target="conversations.check", roles=READERS)
@require_http_methods(["GET", "POST"])
def conversation_check(request: HttpRequest, person: Person, conversation_id: int) -> HttpResponse:
    conversation = _conversation_or_404(person, conversation_id)
    form = ConfirmationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        confirmation_record(
            person=person,
            conversation=conversation,
            state=form.cleaned_data["state"],
            words=form.cleaned_data["words"],
            recorded_by=request.user,
        )
        return redirect(
            "conversations:detail", person_id=person.pk, conversation_id=conversation.pk
        )
    context = {
        "person": person,
        "conversation": conversation,
        "form": form,
        "in_person": request.user.role != Role.PERSON,
    }
    return render(request, "conversations/check.html", context, status=400 if form.errors else 200)


# Before we meet ---------------------------------------------------------------------------------


@person_record(target="conversations.preparation", roles=(Role.PERSON,))
@require_http_methods(["GET", "POST"])
def before_we_meet(request: HttpRequest, person: Person) -> HttpResponse:
    """The person's own page: their answers, saved as a draft until they share them."""
    preparation, answers = preparation_for(person)
    revision = preparation.revision if preparation else 0
    form = PreparationForm(
        request.POST or None, answers=answers, initial={"seen_version": revision}
    )
    conflict = None
    if request.method == "POST" and form.is_valid():
        share = request.POST.get("action") == "share"
        try:
            preparation_save(
                person=person,
                texts=form.texts(),
                seen_revision=form.cleaned_data["seen_version"] or 0,
                share=share,
            )
        except EditConflict as error:
            conflict = preparation_for(person)[1]
            form_mark_stale(form, current_version=error.current.revision, field="seen_version")
        else:
            messages.success(
                request,
                _("Shared with your social worker.") if share else _("Saved. Only you can see it."),
            )
            return redirect("conversations:before-we-meet", person_id=person.pk)
    context = {
        "person": person,
        "page": person_page(person, request.user, list(person.circle.all())),
        "form": form,
        "preparation": preparation,
        "conflict": conflict,
    }
    status = 409 if conflict else (400 if form.errors else 200)
    return render(request, "conversations/before_we_meet.html", context, status=status)


@person_record(target="conversations.preparation", roles=STAFF)
@require_safe
def before_we_meet_shared(request: HttpRequest, person: Person) -> HttpResponse:
    """What the person chose to share, as it was when they shared it. Drafts are theirs alone."""
    preparation, answers = preparation_for(person)
    context = {
        "person": person,
        "page": person_page(person, request.user, list(person.circle.all())),
        "shared_at": preparation.shared_at if preparation else None,
        "answers": [a for a in answers if a.shared_text],
    }
    return render(request, "conversations/before_we_meet_shared.html", context)
