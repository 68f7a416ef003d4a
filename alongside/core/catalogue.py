"""Administrators keep small catalogues (the prompt library, the interest vocabulary): one list
page and one form page each, from the same two views."""

from dataclasses import dataclass

from django import forms
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_safe

from alongside.accounts.models import Role
from alongside.core.access import for_roles


@dataclass(frozen=True)
class Catalogue:
    name: str  # the URL names' prefix, e.g. "prompts"
    title: str
    item_title: str
    form_class: type[forms.ModelForm]
    columns: tuple[tuple[str, str], ...]  # (label, attribute)
    intro: str = ""

    @property
    def model(self):
        return self.form_class._meta.model


def catalogue_views(catalogue: Catalogue):
    """The list and edit views for one catalogue, for administrators only."""

    @for_roles(Role.ADMINISTRATOR)
    @require_safe
    def listing(request: HttpRequest) -> HttpResponse:
        rows = [
            (item, [getattr(item, attribute) for _label, attribute in catalogue.columns])
            for item in catalogue.model.objects.all()
        ]
        return render(request, "core/catalogue/list.html", {"catalogue": catalogue, "rows": rows})

    @for_roles(Role.ADMINISTRATOR)
    @require_http_methods(["GET", "POST"])
    def edit(request: HttpRequest, item_id: int | None = None) -> HttpResponse:
        item = None
        if item_id is not None:
            item = catalogue.model.objects.filter(pk=item_id).first()
            if item is None:
                raise Http404
        form = catalogue.form_class(request.POST or None, instance=item)
        if request.method == "POST" and form.is_valid():
            form.save()
            return redirect(f"core:{catalogue.name}")
        context = {"catalogue": catalogue, "form": form, "item": item}
        return render(
            request, "core/catalogue/form.html", context, status=400 if form.errors else 200
        )

    return listing, edit
