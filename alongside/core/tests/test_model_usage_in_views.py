"""Views reach people's data only through visible_to(user): a lint, run as a test."""

import ast
from pathlib import Path

import alongside

PERSONAL_DATA_MODELS = {"Person", "CircleMember", "AuditEvent"}
ALLOWED = {("Person", "visible_to")}
PACKAGE = Path(alongside.__file__).parent


def _default_manager_calls(source: str):
    """(model, method, line) for every `Model.objects.method` in the source."""
    for node in ast.walk(ast.parse(source)):
        if (
            isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Attribute)
            and node.value.attr == "objects"
            and isinstance(node.value.value, ast.Name)
        ):
            yield node.value.value.id, node.attr, node.lineno


def test_views_never_use_a_personal_data_models_default_manager():
    offences = [
        f"{path.relative_to(PACKAGE)}:{line} {model}.objects.{method}"
        for path in PACKAGE.rglob("views.py")
        for model, method, line in _default_manager_calls(path.read_text())
        if model in PERSONAL_DATA_MODELS and (model, method) not in ALLOWED
    ]
    assert offences == []


def test_the_lint_catches_an_offence():
    found = list(
        _default_manager_calls("p = Person.objects.get(pk=1)\nPerson.objects.visible_to(u)")
    )
    assert [(m, f) for m, f, _ in found] == [("Person", "get"), ("Person", "visible_to")]
