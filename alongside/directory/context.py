"""Context for matching: the phrases in what someone said, who a service is for by age, distance,
and the reason given in plain words. Pure functions, no database. ADR 24.

Age rules (a service's own minimum_age/maximum_age win when the feed gives them):
- Youth: "youth", "young people", "teenagers", "juniors", "children", "kids", "girls", "boys",
  "under 18s" in the name or audience, or "aged 11-19" / "6-8 year olds" in the description,
  make a service for young people: up to 18 (children, teens, juniors) or 25 (young people,
  youth). Someone older is not offered it (an 80-year-old gets no youth club).
- Families: children named together with parents, mums, dads, families, carers or grandparents
  make a family service: no age rule.
- Early years: babies, toddlers, tots, antenatal, breastfeeding: not offered to people of 60 and
  over unless they mention a baby or grandchild.
- Older people: "older people", "later life", "over 50s", "60+", "seniors", "U3A", "pensioners",
  "elderly" make a service for 50 and over (or the age named): not offered to younger people.
"""

import functools
import math
import re

from django.utils.translation import gettext as _

YOUTH_WORDS = re.compile(
    r"\b(youth|young (?:people|persons?|adults)|teens?|teenagers?|teenage|juniors?|kids?|"
    r"children'?s?|child|girls|boys|under[ -]?1[0-9]'?s|school)\b",
    re.IGNORECASE,
)
YOUNG_ADULT_WORDS = re.compile(r"\b(youth|young (?:people|persons?|adults))\b", re.IGNORECASE)
_GROWN_UPS = r"(?:parents?|carers?|mums?|mothers?|dads?|fathers?|grandparents?|grown-?ups?|adults?)"
# A family listing: grown-ups named in the name, or children and grown-ups together in the
# opening sentence ("for children and parent/carers", "for families"); not "our Family Hubs".
FAMILY_NAME_WORDS = re.compile(rf"\b({_GROWN_UPS}|famil(?:y|ies))\b", re.IGNORECASE)
FAMILY_SENTENCE = re.compile(
    rf"\b{_GROWN_UPS}\s*(?:and|&|with|/)\s*(?:their\s+)?(?:bab|child|kid|little|toddler|teen|young)|"
    rf"\b(?:bab(?:y|ies)|child(?:ren)?|kids?|little ones?|toddlers?)\s*(?:and|&|with|/)\s*(?:their\s+)?"
    rf"{_GROWN_UPS}|\bfor (?:the whole )?famil(?:y|ies)\b",
    re.IGNORECASE,
)
EARLY_YEARS_WORDS = re.compile(
    r"\b(bab(?:y|ies)|toddlers?|tots|antenatal|breastfeeding|maternity|pushchair|"
    r"stay (?:and|&) play|pre-?school|under[ -]?(?:5|five)'?s)\b",
    re.IGNORECASE,
)
OLDER_WORDS = re.compile(
    r"\b(older (?:people|persons?|adults)|later life|seniors|senior citizens?|senior forum|u3a|"
    r"pensioners?|elderly|retired)\b",
    re.IGNORECASE,
)
GRANDCHILD_WORDS = re.compile(
    r"\b(bab(?:y|ies)|grand(?:child|children|son|sons|daughter|daughters|kids?)|toddlers?)\b",
    re.IGNORECASE,
)
_NUMBER = r"(\d{1,2})"
_TO = r"\s*(?:-|–|to|and)\s*"
AGE_RANGE = re.compile(
    rf"(?:\bage[sd]?\s*(?:between\s*|from\s*)?{_NUMBER}{_TO}{_NUMBER}\b|"
    rf"\b{_NUMBER}{_TO}{_NUMBER}\s*(?:years?|yrs?)\b)",
    re.IGNORECASE,
)
_NUMBER_WORDS = {
    word: str(n)
    for n, word in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen "
        "fourteen fifteen sixteen seventeen eighteen nineteen twenty".split()
    )
}
AGE_OVER = re.compile(
    rf"(?:\bover\s*{_NUMBER}'?s\b|\b(?:aged?\s*)?{_NUMBER}\s*\+|\bover the age of\s*{_NUMBER}\b|"
    rf"\baged\s*{_NUMBER}\s*(?:and|or)\s*(?:over|above|older)\b)",
    re.IGNORECASE,
)
AGE_UNDER = re.compile(rf"\bunder\s*{_NUMBER}'?s\b", re.IGNORECASE)
AGE_IN_WORDS = re.compile(
    r"\b(?:i'?m|i am|aged|age)\s+(\d{1,3})\b|\b(\d{1,3})[\s-]*(?:years?|yrs?)[\s-]*old\b",
    re.IGNORECASE,
)
OLDER_FROM = 50
EARLY_YEARS_UNTIL = 60  # people of this age and over are not offered baby and toddler groups


def age_in_words(text: str) -> int | None:
    """An age the person states ("I'm 80 and want company"), or None."""
    found = AGE_IN_WORDS.search(text or "")
    if not found:
        return None
    age = int(found.group(1) or found.group(2))
    return age if 0 < age < 120 else None


def age_range(name: str, audience: str, description: str, minimum=None, maximum=None):
    """(youngest, oldest, early_years) the service is for; None where open. Ages written in the
    listing win over its words; the feed's own minimum_age/maximum_age win over both."""
    name = _digits(name)
    label = f"{name} | {_digits(audience)}"
    said_ages, family_opening, early_opening, older_opening = _description(description)
    family = bool(FAMILY_NAME_WORDS.search(name)) or family_opening
    early_years = bool(EARLY_YEARS_WORDS.search(label)) or early_opening
    written = list(_ranges(label)) + list(said_ages)
    written += [(int(next(g for g in m.groups() if g)), None) for m in AGE_OVER.finditer(label)]
    written += [(0, int(found.group(1)) - 1) for found in AGE_UNDER.finditer(label)]
    if family or early_years:  # a child's age in a family listing is not the grown-ups' age
        written = [(low, high) for low, high in written if high is None or high > 18]
    if written:
        low = min(low for low, _high in written)
        high = None if any(high is None for _, high in written) else max(h for _, h in written)
    elif YOUTH_WORDS.search(label) and not family:
        low, high = 0, (25 if YOUNG_ADULT_WORDS.search(label) else 18)
    elif OLDER_WORDS.search(label) or older_opening:
        low, high = OLDER_FROM, None
    else:
        low = high = None
    if minimum is not None:
        low = minimum
    if maximum is not None:
        high = maximum
    return low, high, early_years


@functools.lru_cache(maxsize=20_000)
def _description(description: str):
    """What a description says about ages: the ages written in its first 2,000 characters,
    and whether its opening sentence is about families, early years or older people.
    Remembered: many listings share a description."""
    text = _digits((description or "")[:2000])
    opening = _first_sentence(text)
    said = list(_ranges(text))
    said += [(int(next(g for g in m.groups() if g)), None) for m in AGE_OVER.finditer(text)]
    return (
        tuple(said),
        bool(FAMILY_SENTENCE.search(opening)),
        bool(EARLY_YEARS_WORDS.search(opening)),
        bool(OLDER_WORDS.search(opening)),
    )


def _digits(text: str) -> str:
    return re.sub(
        r"\b(" + "|".join(_NUMBER_WORDS) + r")\b",
        lambda found: _NUMBER_WORDS[found.group(1).lower()],
        text or "",
        flags=re.IGNORECASE,
    )


def _ranges(text: str):
    for found in AGE_RANGE.finditer(text):
        numbers = [int(g) for g in found.groups() if g]
        if len(numbers) == 2 and numbers[0] < numbers[1]:
            yield numbers[0], numbers[1]


def fits_age(service, age: int | None, query: str = "") -> bool:
    if age is None:
        return True
    low, high, early_years = age_range(
        service.name,
        service.audience,
        service.description,
        service.minimum_age,
        service.maximum_age,
    )
    if low is not None and age < low:
        return False
    if high is not None and age > high:
        return False
    return not (early_years and age >= EARLY_YEARS_UNTIL and not GRANDCHILD_WORDS.search(query))


def allowed(services, *, age=None, query="", near=None, near_km=25.0) -> set:
    """The ids of the services that fit the person's age and, given `near`, are within near_km
    (services without coordinates are kept: many run online or by phone)."""
    keep = {s.id for s in services if fits_age(s, age, query)}
    if near is None or not keep:
        return keep
    from alongside.directory.models import ServiceAtLocation

    places: dict = {}
    for service_id, lat, lon in ServiceAtLocation.objects.filter(
        service_id__in=keep, location__latitude__isnull=False, location__longitude__isnull=False
    ).values_list("service_id", "location__latitude", "location__longitude"):
        places.setdefault(service_id, []).append(distance_km(near, (lat, lon)))
    return {sid for sid in keep if sid not in places or min(places[sid]) <= near_km}


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 6371.0 * 2 * math.asin(math.sqrt(h))


# --- phrases and reasons -------------------------------------------------------------------------

MAX_PHRASES = 24
_SPLIT = re.compile(r"(?<=[.!?;])\s+|\n+|\s+(?:but|because|so)\s+(?=i\b)", re.IGNORECASE)
_FIRST_PERSON = {
    "i": "you",
    "i'm": "you're",
    "im": "you're",
    "i've": "you've",
    "i'd": "you'd",
    "i'll": "you'll",
    "me": "you",
    "my": "your",
    "mine": "yours",
    "myself": "yourself",
    "we": "you",
    "we're": "you're",
    "we've": "you've",
    "us": "you",
    "our": "your",
    "ours": "yours",
}
_AFTER_I = {"am": "are", "was": "were"}


def split_phrases(text: str) -> list[str]:
    """The separate things in what someone said: sentences, lines, clauses after 'but I'."""
    phrases = []
    for part in _SPLIT.split(text or ""):
        part = part.strip(" \t.,;!?-–—")
        if part and part.lower() not in {p.lower() for p in phrases}:
            phrases.append(part)
    return phrases[:MAX_PHRASES] or ([text.strip()] if text and text.strip() else [])


def _in_second_person(phrase: str) -> str | None:
    """'I love singing' → 'you love singing'; None when the phrase is not in the first person."""
    words = phrase.replace("’", "'").split()
    if not any(w.lower().strip(",.") in _FIRST_PERSON for w in words):
        return None
    out, previous = [], ""
    for word in words:
        bare = word.lower().strip(",.")
        if bare in _FIRST_PERSON:
            word = word.lower().replace(bare, _FIRST_PERSON[bare])
        elif bare in _AFTER_I and previous in {"i", "we"}:
            word = word.lower().replace(bare, _AFTER_I[bare])
        out.append(word)
        previous = bare
    return " ".join(out)


def _short(text: str, words: int = 16) -> str:
    parts = text.split()
    return " ".join(parts[:words]) + ("…" if len(parts) > words else "")


_GREETING = re.compile(r"^(hello|hi|welcome|we are delighted|don't forget)\b", re.IGNORECASE)


def _sentences(description: str) -> list[str]:
    """The description's plain sentences: not questions, not greetings, three words or more."""
    found = []
    for sentence in re.split(r"(?<=[.!?])\s+|\n+", description or ""):
        sentence = sentence.strip()
        if (
            sentence
            and not sentence.endswith("?")
            and len(sentence.split()) >= 3
            and not _GREETING.match(sentence)
        ):
            found.append(sentence)
    return found


def _first_sentence(description: str) -> str:
    sentences = _sentences(description)
    return sentences[0] if sentences else ""


def what_they_said(phrase) -> str:
    text = _short(phrase.text.strip().rstrip("."))
    turned = _in_second_person(text)
    if phrase.kind == "goal":
        if turned:
            return _("In your plan you said %(words)s") % {"words": turned}
        return _("Your plan says “%(words)s”") % {"words": text}
    if turned:
        return _("You said %(words)s") % {"words": turned}
    return _("You said “%(words)s”") % {"words": text}


def what_it_is(service, words=()) -> str:
    """'this is a weekly choir for …' when the description says 'A weekly choir …'; otherwise
    the name and a plain sentence from the description: the first of its opening sentences
    with one of the person's words in it, or else the first."""
    sentences = _sentences(service.description)[:4]
    stems = {_stem(w) for w in words}
    chosen = next(
        (s for s in sentences if stems & listing_prefixes(s)), sentences[0] if sentences else ""
    )
    sentence = _short(chosen.rstrip(".!"), 30)
    if re.match(r"(?i)^(a|an)\s", sentence):
        return _("this is %(description)s") % {"description": sentence[0].lower() + sentence[1:]}
    if sentence.lower().startswith(service.name.lower()):
        return sentence
    about = service.name
    audience = (service.audience or "").strip()
    if audience and len(audience) <= 40 and audience.lower() not in sentence.lower():
        about += _(" (for %(audience)s)") % {"audience": audience[0].lower() + audience[1:]}
    return f"{about}: {sentence}" if sentence else about


def reason(phrase, service, words=()) -> str:
    return f"{what_they_said(phrase)}: {what_it_is(service, words)}"


# --- words a listing shares with what was said -------------------------------------------------


def _stem(word: str) -> str:
    # Rough and language-blind on purpose: "singing"/"singers" share "singi"/"singe" no more than
    # FTS stems would, but "debts"/"debt" and "gardening"/"garden" meet on their first letters.
    return word[:5] if len(word) > 5 else word


def listing_words(service) -> set:
    """Word starts (3 to 5 letters) and whole words of the service's name, audience, description."""
    return listing_prefixes(f"{service.name} {service.audience} {service.description}")


def listing_prefixes(text: str) -> set:
    words = set(re.findall(r"[^\W_]+", text.lower()))
    return words | {w[:k] for w in words for k in (3, 4, 5) if len(w) > k}


def coverage(words: list, listing: set, counts: dict, total: int) -> float:
    """The share of the words found in the listing, each weighted by how rare it is in the
    directory (inverse document frequency), so "club" counts for less than "motorbike"."""
    if not words:
        return 0.0
    weights = {w: math.log((total + 1) / (counts.get(w, 0) + 1)) + 1 for w in words}
    found = sum(weight for w, weight in weights.items() if w in listing or _stem(w) in listing)
    return found / sum(weights.values())


PEOPLE_WORDS = frozenset(
    """wife husband partner sister sisters brother brothers son sons daughter daughters mum mam
    mother dad father grandson granddaughter grandchildren grandkids grandad grandma nan nana
    granny friend friends neighbour neighbours mate mates lads girls family niece nephew aunt
    uncle cousin carer""".split()
)


def about_people(text: str) -> set:
    """Words about the person's people, not what they do: family words and names (a capital
    letter not at the start of a sentence: "singing with Anne"). No listing needs them."""
    names = {
        match.group(1).lower()
        for match in re.finditer(r"(?<![.!?:]\s)(?<!^)\b([A-Z][a-z]+)\b", text.strip())
        if match.group(1) != "I"
    }
    return names | PEOPLE_WORDS


def without_words(text: str, words: list) -> str:
    """The text with these words (lower-case) taken out: "motorbike riders club" → "riders club"."""
    leave = set(words)
    kept = [t for t in re.findall(r"[^\W_]+(?:'[^\W_]+)?|[^\w\s]", text) if t.lower() not in leave]
    return " ".join(kept).strip()
