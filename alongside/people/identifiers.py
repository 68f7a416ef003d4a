"""NHS numbers: ten digits, the last a modulus-11 check digit."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


def nhs_number_clean(value: str) -> str:
    """The ten digits of an NHS number typed with or without spaces, or a ValidationError."""
    digits = "".join(ch for ch in value if not ch.isspace())
    if not digits.isdigit() or len(digits) != 10:
        raise ValidationError(
            _("Enter an NHS number with 10 digits, like 943 476 5919"), code="nhs_number_length"
        )
    total = sum(
        int(digit) * weight for digit, weight in zip(digits[:9], range(10, 1, -1), strict=True)
    )
    check = 11 - total % 11
    if check == 11:
        check = 0
    if check == 10 or check != int(digits[9]):
        raise ValidationError(
            _(
                "This is not a valid NHS number. Check each digit against the person's NHS letter or card"
            ),
            code="nhs_number_check",
        )
    return digits


def nhs_number_display(digits: str) -> str:
    return f"{digits[:3]} {digits[3:6]} {digits[6:]}" if digits else ""
