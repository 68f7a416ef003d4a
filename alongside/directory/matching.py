"""Suggest services from what a person says matters to them, with a reason in plain words, and
say so honestly when nothing fits. ADR 24.

How a match is scored (the defaults were chosen by benchmarks/directory_eval.py):
1. Meaning: the query (and each of its phrases) is embedded; a service's closeness is the best
   cosine similarity between any phrase and the service (one dot product over all services).
2. Words: keyword search over name, audience and description (FTS5 / PostgreSQL full text).
3. The two are combined (FUSION). A phrase offers nothing under NO_MATCH_BELOW, and when it
   turns on words no listing uses, nothing under UNKNOWN_BELOW unless the listing has most of
   its words (see `decide`); if nothing is left the answer is no_match.
4. Context: services whose ages exclude the person are left out (see `context.age_range`).
5. Feedback: introductions of people with similar interests nudge a service up or down.
"""

from dataclasses import dataclass, field

import numpy as np
from django.utils.translation import gettext_lazy as _

from alongside.directory import context
from alongside.directory.models import Service, ServiceStatus
from alongside.directory.search import (
    document_frequencies,
    keyword_search,
    query_words,
    vector_index,
)

# Chosen by the evaluation (benchmarks/directory_eval.py, figures in ADR 24).
FUSION = "weighted"  # "weighted" | "rrf" | "embedding" | "keyword"
KEYWORD_WEIGHT = 0.15  # weight of the normalised keyword score beside the cosine
RRF_K = 60
NO_MATCH_BELOW = 0.28  # cosine similarity under which a phrase never offers a service
UNKNOWN_BELOW = 0.55  # ... nor, when it has words no listing uses, under this
COVERED_FROM = 0.5  # ... unless the listing has this share of its words (weighted by rarity)
# Unknown words count only when they carry the phrase: without them it is less than this like
# itself ("motorbike riders club" → "club": 0.58), not a word on the side ("out of the house").
CENTRAL_BELOW = 0.90
CANDIDATES = 100  # from each of the two searches, before context rules
REASON_WORDS = 0.1  # weight of words in common when choosing the phrase a reason quotes
FEEDBACK_STEP = 0.04  # per similar person's outcome
FEEDBACK_LIMIT = 0.08  # total nudge either way
FEEDBACK_SIMILAR = 0.35  # similarity of interests from which feedback counts
NEAR_KM = 25.0
NO_MATCH_WORDS = _("No close match nearby — try the ideas library or add a local option")


@dataclass(frozen=True)
class Match:
    service: Service
    score: float
    reason: str


@dataclass(frozen=True)
class MatchResult:
    no_match: bool
    results: list[Match] = field(default_factory=list)
    # What the person said that nothing close enough fits ("Motorbikes"), even when other
    # things they said did find something: the honest answer, one interest at a time.
    unmatched: list[str] = field(default_factory=list)

    @property
    def message(self) -> str:
        return str(NO_MATCH_WORDS) if self.no_match else ""


@dataclass(frozen=True)
class Phrase:
    """Something the person said, and where: "said" (About me, a need) or "goal" (their plan)."""

    text: str
    kind: str = "said"
    weight: float = 1.0


def match(
    text: str,
    *,
    age: int | None = None,
    limit: int = 10,
    near: tuple[float, float] | None = None,
) -> MatchResult:
    """Services for what someone said in their own words. `age` (or an age stated in the text,
    "I'm 80") leaves out services not for that age; `near` = (latitude, longitude)."""
    if age is None:
        age = context.age_in_words(text)
    phrases = [Phrase(p) for p in context.split_phrases(text)]
    return rank(phrases, query=text, age=age, limit=limit, near=near)


def match_person(person, *, limit: int = 10, near=None) -> MatchResult:
    """Services for a person from their interests, what matters to them and their plan's goals,
    with their age and what is hard for them as context."""
    from alongside.directory.person_query import person_age, person_phrases

    phrases = person_phrases(person)
    if not phrases:
        return MatchResult(no_match=True)
    query = " ".join(p.text for p in phrases if p.weight >= 1.0) or phrases[0].text
    return rank(phrases, query=query, age=person_age(person), limit=limit, near=near)


@dataclass(frozen=True)
class Tuning:
    """The choices the evaluation compares; the defaults are what ships."""

    fusion: str = FUSION
    keyword_weight: float = KEYWORD_WEIGHT
    no_match_below: float = NO_MATCH_BELOW
    unknown_below: float = UNKNOWN_BELOW
    covered_from: float = COVERED_FROM
    central_below: float = CENTRAL_BELOW


@dataclass
class Candidates:
    """What both searches found for a query, before any choice of how to combine them. Word
    coverage and the age rules are worked out only for the candidates that need them."""

    phrases: list
    query: str
    query_vector: np.ndarray
    ids: list  # candidate service ids
    sims: np.ndarray  # (candidates, phrases): each phrase's similarity to each candidate
    words: list  # per phrase: its words (no stop words, no numbers)
    counts: dict  # word → how many listings use it
    unknown: list  # per phrase: its words that no listing in the directory uses
    meaning_left: np.ndarray  # per phrase: its similarity to itself without those words
    directory_size: int  # active services with embeddings
    keyword: list  # [(service id, rank)], best first
    services: dict  # id → Service (active ones)
    age: int | None = None
    near_ok: set | None = None  # with `near`: the ids close enough (or with no place)
    _coverage: dict = field(default_factory=dict)

    def coverage(self, n: int) -> np.ndarray:
        """(phrases,): the share of each phrase's words in candidate n's listing."""
        if n not in self._coverage:
            said = context.listing_words(self.services[self.ids[n]])
            self._coverage[n] = np.array(
                [context.coverage(ws, said, self.counts, self.directory_size) for ws in self.words]
            )
        return self._coverage[n]

    def allows(self, sid) -> bool:
        if self.near_ok is not None and sid not in self.near_ok:
            return False
        return context.fits_age(self.services[sid], self.age, self.query)


def rank(phrases, *, query, age=None, limit=10, near=None, tuning: Tuning | None = None):
    found = gather(phrases, query=query, age=age, near=near)
    return decide(found, tuning or Tuning(), limit=limit) if found else MatchResult(no_match=True)


def gather(phrases, *, query, age=None, near=None) -> Candidates | None:
    """Candidates from both searches. A fixed number of queries whatever the directory's size:
    the index's fingerprint, word counts, the keyword search, the candidates' rows (and their
    places when `near` is given)."""
    from alongside.directory.embedding import get_model

    index = vector_index.ensure()
    if not phrases or not index.ids:
        return None
    total = len(index.ids)
    words = [[w for w in query_words(p.text) if not w.isdigit()] for p in phrases]
    counts = document_frequencies(sorted({w for ws in words for w in ws} | set(query_words(query))))
    unknown = [
        [w for w in ws if counts.get(w) == 0 and w not in context.about_people(p.text)]
        for p, ws in zip(phrases, words, strict=True)
    ]
    without = [
        context.without_words(p.text, ws) if ws else ""
        for p, ws in zip(phrases, unknown, strict=True)
    ]
    texts = list(dict.fromkeys([query] + [p.text for p in phrases] + [t for t in without if t]))
    vectors = dict(zip(texts, get_model().encode(texts), strict=True))
    phrase_vectors = np.stack([vectors[p.text] for p in phrases])
    # How much of a phrase's meaning is left without its unknown words (1: all of it).
    meaning_left = np.array(
        [
            float(vectors[p.text] @ vectors[t]) if t else (0.0 if ws else 1.0)
            for p, ws, t in zip(phrases, unknown, without, strict=True)
        ]
    )
    weights = np.array([p.weight for p in phrases], dtype=np.float32)
    closeness = index.matrix @ vectors[query]
    if len(phrases) > 1 or phrases[0].text != query:
        closeness = np.maximum(closeness, (index.matrix @ phrase_vectors.T * weights).max(axis=1))
    count = min(CANDIDATES, total)
    rows = {index.ids[i]: int(i) for i in np.argpartition(-closeness, count - 1)[:count]}
    keyword = keyword_search(query, limit=CANDIDATES, counts=counts, total=total)
    for service_id, _rank in keyword:
        if service_id in index.row:
            rows.setdefault(service_id, index.row[service_id])
    # By primary key alone (see search.keyword_search), active ones kept here.
    services = {
        s.id: s
        for s in Service.objects.filter(id__in=list(rows)).order_by()
        if s.status == ServiceStatus.ACTIVE
    }
    ids = [sid for sid in rows if sid in services]
    sims = index.matrix[[rows[sid] for sid in ids]] @ phrase_vectors.T * weights
    near_ok = None
    if near is not None:
        near_ok = context.allowed(services.values(), near=near, near_km=NEAR_KM)
    return Candidates(
        phrases=phrases,
        query=query,
        query_vector=vectors[query],
        ids=ids,
        sims=sims,
        words=words,
        counts=counts,
        unknown=unknown,
        meaning_left=meaning_left,
        directory_size=total,
        keyword=[(sid, score) for sid, score in keyword if sid in services],
        services=services,
        age=age,
        near_ok=near_ok,
    )


def decide(found: Candidates, tuning: Tuning, *, limit: int = 10) -> MatchResult:
    """Combine, keep what is close enough and fits the person, order, and give each a reason.

    A phrase offers a service when their similarity is at least no_match_below; and when the
    phrase turns on words no listing uses ("motorbike"), only if the similarity is at least
    unknown_below, or the listing has most of the phrase's words (covered_from, by weight of
    how rare each word is): otherwise the likeness is to the rest of the phrase ("club")."""
    limit = max(0, min(int(limit), 100))
    if limit == 0:
        return MatchResult(no_match=False)
    offers = found.sims >= tuning.no_match_below
    for j, unknown in enumerate(found.unknown):
        if unknown and found.meaning_left[j] < tuning.central_below:
            doubtful = np.flatnonzero(offers[:, j] & (found.sims[:, j] < tuning.unknown_below))
            for n in doubtful:
                offers[n, j] = found.coverage(n)[j] >= tuning.covered_from
    closeness = np.where(offers, found.sims, -1.0)
    position = {sid: n for n, sid in enumerate(found.ids)}
    cosine = {sid: float(closeness[n].max()) for sid, n in position.items()}
    scores = _fuse(tuning, found.ids, cosine, found.keyword)
    if tuning.fusion == "keyword":  # keyword alone has no calibrated closeness: all it found
        ordered = [sid for sid, _rank in found.keyword]
    else:
        ordered = sorted(
            (sid for sid in found.ids if cosine[sid] >= 0.0),
            key=lambda sid: (-scores[sid], found.services[sid].name),
        )
    # Feedback first (one query for all of them), then the age rules for as few as needed.
    nudges = _feedback(ordered, found.query_vector)
    ordered.sort(key=lambda sid: (-(scores[sid] + nudges.get(sid, 0.0)), found.services[sid].name))
    kept = []
    for sid in ordered:
        if len(kept) == limit:
            break
        if found.allows(sid):
            kept.append(sid)
    results = []
    for sid in kept:
        n = position[sid]
        # The phrase that matched best, words in common counting a little: "I love singing
        # with my sister" says more for a choir than "go out to a group once a week".
        fit = found.sims[n] + REASON_WORDS * found.coverage(n)
        best = int(np.argmax(np.where(closeness[n] >= 0, fit, fit - 9.0)))
        results.append(
            Match(
                service=found.services[sid],
                score=round(float(scores[sid] + nudges.get(sid, 0.0)), 4),
                reason=context.reason(found.phrases[best], found.services[sid], found.words[best]),
            )
        )
    unmatched = [
        phrase.text
        for j, phrase in enumerate(found.phrases)
        if phrase.weight >= 1.0 and not _offers_any(found, offers[:, j])
    ]
    return MatchResult(no_match=not results, results=results, unmatched=unmatched)


def _offers_any(found: Candidates, offers: np.ndarray) -> bool:
    """Whether any service the phrase offers fits the person."""
    return any(found.allows(found.ids[n]) for n in np.flatnonzero(offers))


def _fuse(tuning: Tuning, ids: list, cosine: dict, keyword: list) -> dict:
    """A score per candidate, higher is better."""
    if tuning.fusion == "keyword":
        return {sid: 0.0 for sid in ids} | dict(keyword)
    if tuning.fusion == "embedding" or not keyword:
        return cosine
    if tuning.fusion == "rrf":
        by_cosine = sorted(ids, key=lambda sid: -cosine[sid])
        fused = {sid: 1.0 / (RRF_K + n + 1) for n, sid in enumerate(by_cosine)}
        for n, (sid, _) in enumerate(keyword):
            fused[sid] += 1.0 / (RRF_K + n + 1)
        return fused
    best = keyword[0][1] or 1.0
    words = {sid: score / best for sid, score in keyword}
    weight = tuning.keyword_weight
    return {sid: (1 - weight) * cosine[sid] + weight * words.get(sid, 0.0) for sid in ids}


def _feedback(service_ids: list, query_vector: np.ndarray) -> dict:
    """A small nudge per service from introductions of people with similar interests: each one
    counts ±FEEDBACK_STEP × how similar (0 below FEEDBACK_SIMILAR, 1 when the same), liked and
    went up, stopped and didn't go down; the total is kept within ±FEEDBACK_LIMIT."""
    from alongside.directory.person_query import introduction_feedback

    nudges: dict = {}
    for service_id, outcome_sign, person_vector in introduction_feedback(service_ids):
        similarity = float(person_vector @ query_vector)
        if similarity <= FEEDBACK_SIMILAR:
            continue
        strength = (similarity - FEEDBACK_SIMILAR) / (1 - FEEDBACK_SIMILAR)
        nudges[service_id] = nudges.get(service_id, 0.0) + outcome_sign * FEEDBACK_STEP * strength
    return {sid: max(-FEEDBACK_LIMIT, min(FEEDBACK_LIMIT, n)) for sid, n in nudges.items()}
