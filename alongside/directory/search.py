"""The two ways matching finds services: words (SQLite FTS5 or PostgreSQL full text) and meaning
(sentence embeddings held in memory as one float32 matrix). ADR 24.

Keeping them in step with the services is done here, in code, not by database triggers (Django
rebuilds SQLite tables on some schema changes, which would drop triggers silently):
- a service saved or deleted one at a time (a staff edit) updates its keyword row at once;
- the importer's `services_changed` signal re-indexes and re-embeds the changed services;
- the in-memory vector index notices new embeddings from other processes by a cheap fingerprint.
Inactive services may linger in the keyword table; every search joins on status='active'.
"""

import hashlib
import logging
import re
import threading
import uuid

import numpy as np
from django.db import connection, transaction
from django.db.models import F, Q
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from alongside.directory.models import Embedding, Service, ServiceStatus
from alongside.directory.signals import services_changed

log = logging.getLogger(__name__)

FTS_TABLE = "directory_service_fts"  # SQLite: FTS5 virtual table
PG_TABLE = "directory_service_search"  # PostgreSQL: (service_id, document tsvector) + GIN
MAX_QUERY_WORDS = 32
MAX_WORD_LENGTH = 40
KEYWORD_SHARE = 0.10  # keyword search uses words found together in at most this share …
KEYWORD_FLOOR = 200  # … or this many listings, whichever is more
KEYWORD_ALONE = 0.30  # and never a word alone in more than this share
# Services are embedded from their first 128 word pieces (the length the model was trained
# at): as good as 256 on the evaluation and about a third faster to import (ADR 24).
SERVICE_TOKENS = 128
_CHUNK = 500

# Words that carry no meaning for finding a service; left out of keyword queries (they would
# match almost every listing and slow the search for nothing).
STOP_WORDS = frozenset(
    """a about above after again against all am an and any are as at be because been before
    being below between both but by can could did do does doing don down during each few for
    from further had has have having he her here hers herself him himself his how i i'd i'm
    i've if in into is it its itself just ll me more most my myself no nor not now of off on
    once only or other our ours ourselves out over own re s same she should so some such t than
    that the their theirs them themselves then there these they this those through to too under
    until up very was we were what when where which while who whom why will with would you your
    yours yourself yourselves im ive id dont want wanted wants like likes love loved loves used
    use really get got go going went something anything someone somewhere things thing maybe
    also still much many lot lots bit way make made feel felt help please need needs know
    would could might must shall""".split()
)


def service_text(name: str, audience: str, description: str) -> str:
    """What is embedded for a service: its name, who it is for, then the description."""
    return ". ".join(
        part.strip() for part in (name, audience, description) if part and part.strip()
    )


def text_checksum(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def query_words(text: str) -> list[str]:
    """The words of a search, lower-cased, letters and digits only (so nothing in them can be
    read as search syntax), without stop words, at most MAX_QUERY_WORDS."""
    words: list[str] = []
    for word in re.findall(r"[^\W_]+", (text or "").lower()):
        word = word[:MAX_WORD_LENGTH]
        if word not in STOP_WORDS and (len(word) > 1 or word.isdigit()) and word not in words:
            words.append(word)
    return words[:MAX_QUERY_WORDS]


def _fts_rowid(service_id) -> int:
    # FTS5 rows need an integer id; 60 random bits of the UUID (a clash is ~1 in 10^8 at 100,000
    # services, and would only hide one listing from keyword search).
    return int(service_id.hex[-15:], 16)


# --- keyword search -----------------------------------------------------------------------


def keyword_search(text: str, limit: int = 50, *, counts=None, total=None) -> list[tuple]:
    """Active services matching the words, best first: [(service_id, rank)], rank > 0.

    Only the telling words are searched: rarest first, while together they are in at most
    KEYWORD_SHARE of the listings (or KEYWORD_FLOOR listings). A word in every other listing
    ("people") ranks nothing and made a search over 100,000 services take half a second.
    `counts` (from document_frequencies) and `total` (active services) save two queries."""
    words = query_words(text)
    if not words or limit <= 0:
        return []
    counts = counts if counts is not None else document_frequencies(words)
    if total is None:
        total = Service.objects.filter(status=ServiceStatus.ACTIVE).count()
    budget, chosen = max(KEYWORD_SHARE * total, KEYWORD_FLOOR), []
    for word in sorted((w for w in words if counts.get(w)), key=lambda w: counts[w]):
        if chosen and counts[word] > budget:
            break
        if not chosen and counts[word] > max(budget, total * KEYWORD_ALONE):
            return []
        chosen.append(word)
        budget -= counts[word]
    if not chosen:
        return []
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            tsquery = " || ".join(["plainto_tsquery('english', %s)"] * len(chosen))
            cursor.execute(
                f"SELECT t.service_id, ts_rank(t.document, q.q, 1) AS score "  # noqa: S608
                f"FROM {PG_TABLE} t, (SELECT {tsquery} AS q) q "
                "WHERE t.document @@ q.q ORDER BY score DESC, t.service_id LIMIT %s",
                [*chosen, limit * 2],
            )
            found = [(row[0], float(row[1])) for row in cursor.fetchall()]
        else:
            # Every word quoted: FTS5 reads it as a plain string, never as AND/OR/NEAR/* syntax.
            expression = " OR ".join(f'"{word}"' for word in chosen)
            cursor.execute(
                f"SELECT service_id, -bm25({FTS_TABLE}, 0.0, 4.0, 1.0, 2.0) AS score "  # noqa: S608
                f"FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s ORDER BY score DESC LIMIT %s",
                [expression, limit * 2],
            )
            found = [(_uuid(row[0]), float(row[1])) for row in cursor.fetchall()]
    # A listing made inactive may linger in the index until its next re-index: leave it out.
    # By primary key alone, the status checked here: with "status = 'active'" in the query,
    # SQLite walks the (status, name) index over every service (0.1 s at 100,000).
    active = {
        sid
        for sid, status in Service.objects.filter(id__in=[sid for sid, _ in found])
        .order_by()
        .values_list("id", "status")
        if status == ServiceStatus.ACTIVE
    }
    return [(sid, score) for sid, score in found if sid in active][:limit]


def document_frequencies(words: list[str]) -> dict[str, int]:
    """How many listings use each word (stemmed as the index stems it), in one query. Words
    the database treats as stop words are left out of the answer."""
    words = words[: MAX_QUERY_WORDS * 2]
    if not words:
        return {}
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            each = (
                "numnode(plainto_tsquery('english', %s)), (SELECT count(*) FROM "  # noqa: S608
                + PG_TABLE
                + " WHERE document @@ plainto_tsquery('english', %s))"
            )
            cursor.execute(
                "SELECT " + ", ".join([each] * len(words)), [w for w in words for _ in (1, 2)]
            )
            row = cursor.fetchone()
            return {w: row[2 * n + 1] for n, w in enumerate(words) if row[2 * n]}
        each = f"(SELECT count(*) FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s)"  # noqa: S608
        cursor.execute("SELECT " + ", ".join([each] * len(words)), [f'"{w}"' for w in words])
        return dict(zip(words, cursor.fetchone(), strict=True))


def _uuid(value):
    return value if isinstance(value, uuid.UUID) else uuid.UUID(value)


def reindex_keywords(service_ids=None) -> None:
    """Brings the keyword index up to date for these services (all of them when None)."""
    with transaction.atomic(), connection.cursor() as cursor:
        if service_ids is None:
            cursor.execute(f"DELETE FROM {_table()}")  # noqa: S608
            ids = list(
                Service.objects.filter(status=ServiceStatus.ACTIVE).values_list("id", flat=True)
            )
        else:
            ids = list(service_ids)
        for start in range(0, len(ids), _CHUNK):
            _reindex_chunk(cursor, ids[start : start + _CHUNK], fresh=service_ids is None)


def _table() -> str:
    return PG_TABLE if connection.vendor == "postgresql" else FTS_TABLE


def _reindex_chunk(cursor, ids: list, fresh: bool) -> None:
    rows = (
        Service.objects.filter(id__in=ids, status=ServiceStatus.ACTIVE)
        .order_by()
        .values_list("id", "name", "description", "audience")
    )
    if connection.vendor == "postgresql":
        if not fresh:
            cursor.execute(f"DELETE FROM {PG_TABLE} WHERE service_id = ANY(%s)", [list(ids)])  # noqa: S608
        active = [row[0] for row in rows]
        if active:
            cursor.execute(
                f"INSERT INTO {PG_TABLE} (service_id, document) SELECT id, "  # noqa: S608
                "setweight(to_tsvector('english', name), 'A') || "
                "setweight(to_tsvector('english', audience), 'B') || "
                "setweight(to_tsvector('english', description), 'C') "
                "FROM directory_service WHERE id = ANY(%s)",
                [active],
            )
        return
    if not fresh:
        delete = f"DELETE FROM {FTS_TABLE} WHERE rowid = %s"  # noqa: S608
        cursor.executemany(delete, [(_fts_rowid(i),) for i in ids])
    cursor.executemany(
        f"INSERT INTO {FTS_TABLE} (rowid, service_id, name, description, audience) "  # noqa: S608
        "VALUES (%s, %s, %s, %s, %s)",
        [
            (_fts_rowid(i), i.hex, name, description, audience)
            for i, name, description, audience in rows
        ],
    )


# --- embeddings -------------------------------------------------------------------------------


def refresh_embeddings(
    service_ids=None, *, progress: bool = False, everything: bool = False
) -> int:
    """Embeds the active services whose embedding is missing or was made from other text (by
    checksum), of those given or of all; `everything` embeds them all again (after a change to
    how services are embedded). Returns how many were embedded."""
    services = Service.objects.filter(status=ServiceStatus.ACTIVE)
    if service_ids is not None:
        services = services.filter(id__in=list(service_ids))
    elif not everything:  # only those that may be stale: the database compares checksums
        services = services.filter(
            Q(embedding__isnull=True) | ~Q(embedding__checksum=F("checksum"))
        )
    stale = []
    for row in services.values(
        "id", "name", "audience", "description", "checksum", "embedding__checksum"
    ):
        text = service_text(row["name"], row["audience"], row["description"])
        key = row["checksum"] or text_checksum(text)
        if everything or row["embedding__checksum"] != key:
            stale.append((row["id"], key, text))
    if not stale:
        return 0
    bar = _progress_bar(len(stale)) if progress else None
    for start in range(0, len(stale), 256):
        chunk = stale[start : start + 256]
        vectors = encode_services([text for _, _, text in chunk], bar.update if bar else None)
        with transaction.atomic():
            Embedding.objects.filter(service_id__in=[i for i, _, _ in chunk]).delete()
            Embedding.objects.bulk_create(
                Embedding(service_id=i, checksum=key, vector=vector.tobytes())
                for (i, key, _), vector in zip(chunk, vectors, strict=True)
            )
    if bar:
        bar.close()
    vector_index.invalidate()
    return len(stale)


def encode_services(texts: list[str], progress=None) -> np.ndarray:
    """Service texts → vectors. One place, so tests that only need some vector can swap it."""
    from alongside.directory.embedding import get_model

    return get_model().encode(texts, max_tokens=SERVICE_TOKENS, progress=progress)


def _progress_bar(total: int):
    from tqdm import tqdm

    return tqdm(total=total, desc="Embedding services", unit=" services", leave=False)


class VectorIndex:
    """Every active service's embedding as rows of one float32 matrix, loaded lazily."""

    def __init__(self):
        self._lock = threading.Lock()
        self.ids: list = []
        self.row: dict = {}
        self.matrix = np.zeros((0, 384), dtype=np.float32)
        self._fingerprint = self._stale = object()

    def invalidate(self) -> None:
        self._fingerprint = self._stale

    def _current_fingerprint(self) -> tuple | None:
        # The newest embedding changes whenever one is added or replaced (replacing deletes and
        # re-creates), found by primary key: no count(*), which reads every row on PostgreSQL
        # (80 ms at 100,000). Services deleted or made inactive need no rebuild: every search
        # reads the candidates' rows and keeps the active ones.
        return Embedding.objects.order_by("-id").values_list("id", "service_id").first()

    def ensure(self) -> "VectorIndex":
        fingerprint = self._current_fingerprint()
        if fingerprint != self._fingerprint:
            with self._lock:
                if fingerprint != self._fingerprint:
                    self._load()
                    self._fingerprint = self._current_fingerprint()
        return self

    def _load(self) -> None:
        # Normally the import has embedded everything; a service added or edited some other
        # way (a local service) is embedded here, before the rows are read.
        refresh_embeddings()
        rows = Embedding.objects.filter(service__status=ServiceStatus.ACTIVE).values_list(
            "service_id", "vector"
        )
        ids, vectors = [], []
        for service_id, vector in rows.iterator(chunk_size=5000):
            ids.append(service_id)
            vectors.append(bytes(vector))
        self.ids = ids
        self.row = {service_id: n for n, service_id in enumerate(ids)}
        self.matrix = (
            np.frombuffer(b"".join(vectors), dtype=np.float32).reshape(len(ids), 384).copy()
            if ids
            else np.zeros((0, 384), dtype=np.float32)
        )
        log.info("Vector index loaded: %d services", len(ids))


vector_index = VectorIndex()


# --- keeping both in step ----------------------------------------------------------------------


@receiver(services_changed, dispatch_uid="directory_search_services_changed")
def _import_changed(sender, service_ids=(), inactive_ids=(), progress=False, **kwargs):
    """After an import: re-index the words of what changed and re-embed only those services."""
    service_ids = list(service_ids)
    reindex_keywords(service_ids + list(inactive_ids))
    refresh_embeddings(service_ids, progress=progress)
    vector_index.invalidate()


@receiver(post_save, sender=Service, dispatch_uid="directory_search_saved")
def _service_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        reindex_keywords([instance.id])
        vector_index.invalidate()


@receiver(post_delete, sender=Service, dispatch_uid="directory_search_deleted")
def _service_deleted(sender, instance, **kwargs):
    reindex_keywords([instance.id])
    vector_index.invalidate()
