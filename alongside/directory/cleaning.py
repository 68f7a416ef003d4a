"""Text from directory feeds made safe and plain: HTML removed with nh3, entities unescaped,
paragraph breaks kept as blank lines, stray spaces collapsed. ADR 23."""

import html
import re
from urllib.parse import urlsplit

import nh3

# Where a block ends, a paragraph ends; <br> is a line break. Marked before nh3 strips the tags.
_PARAGRAPH_END = re.compile(r"</(?:p|div|h[1-6]|ul|ol|table|blockquote|section|article)\s*>", re.I)
_LINE_END = re.compile(r"<br\s*/?>|</(?:li|tr|dt|dd)\s*>", re.I)
_PARAGRAPH_MARK = "\u2029"  # paragraph separator: survives nh3, never in real text we keep
# C0/C1 control characters other than tab and newline: PostgreSQL refuses NUL in text.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Spaces of every kind, including no-break spaces (&nbsp;) and zero-width spaces.
_SPACES = re.compile(r"[ \t\u00a0\u1680\u2000-\u200b\u202f\u205f\u3000\ufeff]+")


def clean_text(value: object) -> str:
    """Plain text from a feed's (possibly HTML) text: paragraphs separated by a blank line."""
    if value is None:
        return ""
    text = str(value)
    text = _PARAGRAPH_END.sub(_PARAGRAPH_MARK, text)
    text = _LINE_END.sub("\n", text)
    # No tags are allowed: nh3 keeps the text of ordinary tags and drops script and style whole.
    # Again while unescaping uncovers more ("&lt;script&gt;"), so that nothing a browser would
    # read as a tag is stored, even if a page forgot to escape it.
    for _ in range(5):
        cleaned = html.unescape(nh3.clean(text, tags=set()))
        if cleaned == text:
            break
        text = cleaned
    text = _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    paragraphs = []
    for block in text.split(_PARAGRAPH_MARK):
        lines = [_SPACES.sub(" ", line).strip() for line in block.split("\n")]
        lines = [line for line in lines if line]
        if lines:
            paragraphs.append("\n".join(lines))
    return "\n\n".join(paragraphs)


def clean_line(value: object) -> str:
    """A one-line value (a name, a cost, an address line): plain text on one line."""
    return _SPACES.sub(" ", clean_text(value).replace("\n", " ")).strip()


_EMAIL = re.compile(r"^[^@\s]+@[^@\s.]+(\.[^@\s.]+)+$")
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


def is_email(value: str) -> bool:
    return bool(_EMAIL.match(value))


def is_uri(value: str) -> bool:
    """An absolute URI (RFC 3986 needs a scheme); a web address needs a host as well."""
    if not _SCHEME.match(value) or any(c.isspace() for c in value):
        return False
    try:
        parts = urlsplit(value)
    except ValueError:
        return False
    if parts.scheme.lower() in {"http", "https"}:
        host = parts.hostname or ""
        return "." in host or host == "localhost"
    return True


_BROKEN_SCHEME = re.compile(r"^(https?):/*(?=[^/])", re.I)
_BARE_HOST = re.compile(r"^[\w-]+(\.[\w-]+)+(:\d+)?([/?#]\S*)?$")


def repair_url(value: str) -> str:
    """Common mistakes in ORUK v1 feeds: 'www.example.org', 'http:www.example.org',
    'https:/example.org'. Returns the repaired address, or the value unchanged."""
    value = value.strip()
    broken = _BROKEN_SCHEME.match(value)
    if broken and not value.lower().startswith(("http://", "https://")):
        return f"{broken.group(1).lower()}://{value[broken.end() :]}"
    if not _SCHEME.match(value) and _BARE_HOST.match(value):
        return f"https://{value}"
    return value
