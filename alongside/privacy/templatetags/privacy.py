from datetime import date, datetime

from django import template
from django.utils.dateformat import format as date_format

register = template.Library()


@register.filter
def when(value):
    """An ISO date or date-time from the copy's data, in words: 3 March 2026 (, 14:05)."""
    if not value:
        return ""
    if "T" in value:
        return date_format(datetime.fromisoformat(value), "j F Y, H:i")
    return date_format(date.fromisoformat(value), "j F Y")


@register.filter
def by(who):
    """{"name": "Sam Patel", "role": "Practitioner"} → "Sam Patel (Practitioner)"."""
    if not who:
        return ""
    return f"{who['name']} ({who['role']})" if who.get("role") else who["name"]
