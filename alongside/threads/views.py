from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from alongside.accounts.models import Role
from alongside.core.access import person_record
from alongside.people.models import Person, Shareable
from alongside.people.presenters import person_page
from alongside.threads.forms import MessageForm
from alongside.threads.models import AuthorRole, Message
from alongside.threads.services import (
    RATE_WINDOW,
    STAFF_AUTHOR_ROLES,
    TooManyMessages,
    mark_read,
    message_post,
)

WRITERS = (Role.PERSON, Role.SUPPORTER, Role.PRACTITIONER, Role.TEAM_MANAGER)
PAGE_SIZE = 50


def _author(message: Message, person: Person, viewer) -> tuple[str, str]:
    """(who wrote it, in what role) as the thread shows it."""
    role = message.author_role
    if role == AuthorRole.PERSON:
        name = person.name
    elif role == AuthorRole.SUPPORTER and message.circle_member is not None:
        name = message.circle_member.name
    else:
        name = message.author.full_name
    if message.author_id == viewer.pk:
        name = _("%(name)s (you)") % {"name": name}
    return name, "" if role == AuthorRole.PERSON else str(AuthorRole(role).label)


def _thread_page(request: HttpRequest, person: Person, form: MessageForm, *, status: int = 200):
    paginator = Paginator(
        Message.objects.filter(person=person)
        .select_related("author", "circle_member")
        .order_by("-created_at", "-id"),
        PAGE_SIZE,
    )
    page = paginator.get_page(request.GET.get("page"))
    newest_first = list(page.object_list)
    if page.number == 1 and newest_first:
        mark_read(request.user, person, newest_first[0].created_at)
    rows = [
        (message, *_author(message, person, request.user)) for message in reversed(newest_first)
    ]
    context = {
        "person": person,
        "page": person_page(person, request.user, list(person.circle.all())),
        "thread_page": page,
        "rows": rows,
        "form": form,
        "is_staff": request.user.role in STAFF_AUTHOR_ROLES,
        "council_phone": getattr(settings, "COUNCIL_PHONE", ""),
    }
    return render(request, "threads/thread.html", context, status=status)


@person_record(target="threads.messages", shared_section=Shareable.MESSAGES, roles=WRITERS)
@require_http_methods(["GET", "POST"])
def thread(request: HttpRequest, person: Person) -> HttpResponse:
    """The person's messages, oldest to newest, and a box to write a new one."""
    if request.method != "POST":
        return _thread_page(request, person, MessageForm())
    form = MessageForm(request.POST)
    if not form.is_valid():
        return _thread_page(request, person, form, status=400)
    url = reverse("threads:messages", kwargs={"person_id": person.pk})
    try:
        message_post(
            person=person,
            author=request.user,
            body=form.cleaned_data["body"],
            thread_url=request.build_absolute_uri(url),
        )
    except TooManyMessages:
        minutes = int(RATE_WINDOW.total_seconds() // 60)
        form.add_error(
            None,
            _(
                "You have sent a lot of messages in a short time. Wait %(minutes)s minutes, "
                "then send this one. Your message is still in the box."
            )
            % {"minutes": minutes},
        )
        return _thread_page(request, person, form, status=429)
    messages.success(request, _("Your message has been sent."))
    return redirect(f"{url}#latest")
