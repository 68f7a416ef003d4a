import re

from django.conf import settings

from alongside.core.navigation import navigation_for

_HEX_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")


def council(request) -> dict:
    colour = settings.BRAND_COLOUR if _HEX_COLOUR.match(settings.BRAND_COLOUR) else "#1d70b8"
    return {
        "council_name": settings.COUNCIL_NAME,
        "service_name": settings.SERVICE_NAME,
        "council_logo_url": settings.COUNCIL_LOGO_URL,
        "brand_colour": colour,
        "navigation": navigation_for(request),
    }
