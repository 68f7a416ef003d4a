"""Directory tests: services are embedded by the real sentence model, each distinct text once
per session; a test that imports whole feeds (announcing changes) without matching can ask for
`quick_embeddings` instead. Every committed import embeds what changed (ADR 24)."""

import hashlib

import numpy as np
import pytest

from alongside.directory import search
from alongside.directory.embedding import DIMENSIONS

_remembered: dict = {}


def _stand_in(texts, progress=None):
    vectors = (
        np.stack(
            [
                np.random.default_rng(
                    int.from_bytes(hashlib.sha256(t.encode()).digest()[:8])
                ).standard_normal(DIMENSIONS)
                for t in texts
            ]
        ).astype(np.float32)
        if texts
        else np.zeros((0, DIMENSIONS), dtype=np.float32)
    )
    if progress:
        progress(len(texts))
    return vectors / np.linalg.norm(vectors, axis=1, keepdims=True).clip(1e-12)


def _remembering(texts, progress=None):
    """The real model, each distinct text embedded once per test session."""
    missing = [t for t in dict.fromkeys(texts) if t not in _remembered]
    if missing:
        for text, vector in zip(missing, _real_encode(missing), strict=True):
            _remembered[text] = vector
    if progress:
        progress(len(texts))
    if not texts:
        return np.zeros((0, DIMENSIONS), dtype=np.float32)
    return np.stack([_remembered[t] for t in texts])


_real_encode = search.encode_services


@pytest.fixture(autouse=True)
def real_embeddings(monkeypatch):
    """Services embedded by the real model, each distinct text once per test session (the same
    text, the same vector), and the vector index rebuilt from this test's database."""
    monkeypatch.setattr(search, "encode_services", _remembering)
    search.vector_index.invalidate()
    yield
    search.vector_index.invalidate()


@pytest.fixture
def quick_embeddings(monkeypatch):
    """Stand-in vectors (from a hash of the text) for tests that import whole feeds with their
    changes announced but never match: the real model takes minutes over a council feed."""
    monkeypatch.setattr(search, "encode_services", _stand_in)


@pytest.fixture
def run_queue(monkeypatch):
    """Run what is queued with the real database worker, in the test's transaction: the worker
    closes old connections between tasks, which would end the test's own on PostgreSQL."""
    from django.core.management import call_command
    from django_tasks_db.management.commands import db_worker

    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)
    return lambda: call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
