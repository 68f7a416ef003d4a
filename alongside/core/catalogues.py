"""The catalogues administrators keep, and their URLs."""

from django import forms
from django.urls import path
from django.utils.translation import gettext_lazy as _

from alongside.aboutme.models import InterestTag
from alongside.conversations.models import Prompt
from alongside.core.catalogue import Catalogue, catalogue_views
from alongside.core.forms import PlainModelForm
from alongside.plans.forms import UnitCostForm


class PromptForm(PlainModelForm):
    class Meta:
        model = Prompt
        fields = ["group", "text", "position", "is_active"]
        widgets = {"group": forms.RadioSelect}
        error_messages = {
            "text": {"required": _("Enter the question")},
            "group": {"required": _("Choose a group")},
        }


class InterestTagForm(PlainModelForm):
    class Meta:
        model = InterestTag
        fields = ["name", "suggested_by", "is_active"]
        help_texts = {
            "suggested_by": _(
                "Words, separated by commas, that suggest this interest, like: choir, hymns"
            )
        }
        error_messages = {
            "name": {
                "required": _("Enter a name"),
                "unique": _("There is already an interest with this name"),
            }
        }


CATALOGUES = (
    Catalogue(
        name="unit-costs",
        title=_("Unit costs"),
        item_title=_("a unit cost"),
        form_class=UnitCostForm,
        columns=(
            (_("Service"), "name"),
            (_("Amount"), "amount_display"),
            (_("Per"), "get_unit_display"),
            (_("In force from"), "effective_from"),
            (_("Source"), "source"),
        ),
        intro=_(
            "The rates plans use to cost services. A new rate for a service from a later date "
            "replaces the old one from that date; plans keep the rate in force when they were agreed."
        ),
    ),
    Catalogue(
        name="prompts",
        title=_("Conversation prompts"),
        item_title=_("a prompt"),
        form_class=PromptForm,
        columns=(
            (_("Group"), "get_group_display"),
            (_("Question"), "text"),
            (_("Shown"), "is_active"),
        ),
        intro=_("Open questions shown beside a practitioner's notes, as a guide."),
    ),
    Catalogue(
        name="interests",
        title=_("Interests"),
        item_title=_("an interest"),
        form_class=InterestTagForm,
        columns=(
            (_("Interest"), "name"),
            (_("Suggested by"), "suggested_by"),
            (_("In use"), "is_active"),
        ),
        intro=_(
            "The words used to tag what people love doing, and to suggest ideas and groups later."
        ),
    ),
)


def catalogue_urls() -> list:
    patterns = []
    for catalogue in CATALOGUES:
        listing, edit = catalogue_views(catalogue)
        patterns += [
            path(f"admin/{catalogue.name}/", listing, name=catalogue.name),
            path(f"admin/{catalogue.name}/new", edit, name=f"{catalogue.name}-new"),
            path(f"admin/{catalogue.name}/<int:item_id>", edit, name=f"{catalogue.name}-change"),
        ]
    return patterns
