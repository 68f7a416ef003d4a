"""Open Referral UK v1 service items in the HSDS 3.0 shape, so one set of checks serves both.

v1 defines no formats, and real v1 feeds write web addresses without 'https://'. The mapping
repairs the common mistakes and leaves out (with a warning) a website or e-mail address it cannot
read; everything else goes to validation as it came. ADR 23."""

from dataclasses import dataclass, field

from alongside.directory.cleaning import clean_line, is_email, is_uri, repair_url
from alongside.directory.validation import Problem

# Keys only ORUK v1 service items have.
V1_KEYS = frozenset(
    {
        "pc_metadata",
        "pc_targetAudience",
        "pc_attendingAccess_additionalInfo",
        "deliverable_type",
        "attending_type",
        "attending_access",
    }
)


def looks_v1(item: object) -> bool:
    if not isinstance(item, dict):
        return False
    if V1_KEYS & item.keys():
        return True
    organization = item.get("organization")
    return (
        isinstance(organization, dict) and "url" in organization and "website" not in organization
    )


@dataclass
class Mapped:
    record: dict
    audience: str = ""
    notes: list[Problem] = field(default_factory=list)


def _address(value: object, check, words: str, notes: list[Problem], where: str):
    """A web or e-mail address: repaired where we can, left out (with a note) where we cannot."""
    if not isinstance(value, str):
        return value  # wrong types are validation's business
    text = clean_line(value)
    if not text:
        return None
    # Web addresses without https://; e-mail addresses ending a sentence ("name@example.org.").
    text = repair_url(text) if check is is_uri else text.removeprefix("mailto:").rstrip(".,;")
    if check(text):
        return text
    notes.append(Problem(f"{where} {words}, so it was left out", repr(text[:60])))
    return None


def _id(value: object) -> object:
    # v1 feeds sometimes number their records; HSDS 3.0 ids are text.
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


def _audience(item: dict) -> str:
    words = []
    for entry in item.get("pc_targetAudience") or []:
        if isinstance(entry, dict) and isinstance(entry.get("audienceType"), str):
            # "Parents>Grandparents": the last part is the most specific.
            word = clean_line(entry["audienceType"].split(">")[-1])
            if word and word not in words:
                words.append(word)
    return ", ".join(words)


def _last_modified(item: dict) -> str | None:
    metadata = item.get("pc_metadata") if isinstance(item.get("pc_metadata"), dict) else {}
    for value in (metadata.get("date_modified"), item.get("assured_date")):
        if isinstance(value, str) and len(value) >= 10 and value[:10].replace("-", "").isdigit():
            return f"{value[:10]}T00:00:00Z"
    return None


def service_from_v1(item: dict) -> Mapped:
    notes: list[Problem] = []
    record = {
        key: item[key]
        for key in ("name", "description", "status", "fees", "accreditations", "assured_date")
        if key in item and item[key] is not None
    }
    if "id" in item:
        record["id"] = _id(item["id"])
    if not record.get("assured_date"):
        record.pop("assured_date", None)
    for key, check, words, where in (
        ("url", is_uri, "is not a web address", "url"),
        ("email", is_email, "is not an e-mail address", "email"),
    ):
        value = _address(item.get(key), check, words, notes, where)
        if value is not None:
            record[key] = value
    last_modified = _last_modified(item)
    if last_modified:
        record["last_modified"] = last_modified
    organization = item.get("organization")
    if isinstance(organization, dict) and organization:
        mapped = {
            key: organization[key]
            for key in ("name", "description", "logo")
            if organization.get(key) is not None
        }
        if "id" in organization:
            mapped["id"] = _id(organization["id"])
        website = _address(
            organization.get("url"), is_uri, "is not a web address", notes, "organization.website"
        )
        if website:
            mapped["website"] = website
        record["organization"] = mapped
    return Mapped(record=record, audience=_audience(item), notes=notes)
