"""Static word embeddings for comparing short texts, read from the files the wordllama wheel ships.

A text's vector is the mean of its tokens' vectors, scaled to unit length, so the dot product of two vectors
is their cosine similarity. This is what ``WordLlamaInference.embed(texts, norm=True)`` computes; we do it
ourselves over the wheel's two files rather than import ``wordllama``, because:

- ``WordLlama.load()`` looks for the tokenizer under ``wordllama/tokenizer/`` while the wheel ships it under
  ``wordllama/tokenizers/``, so it goes to Hugging Face for a file it already has;
- importing the package calls ``logging.basicConfig(level=INFO)``, which would configure the application's
  root logger as a side effect.

Reading the two files directly never touches the network, with no environment variable to set.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from safetensors.numpy import load_file
from tokenizers import Tokenizer

from nlp.package_files import package_folder

WEIGHTS_FILE = "weights/l2_supercat_256.safetensors"
"""The token embedding matrix inside the wordllama package: 32,000 tokens × 256 dimensions, float32."""

TOKENIZER_FILE = "tokenizers/l2_supercat_tokenizer_config.json"
"""The Llama 2 tokenizer the matrix is indexed by, inside the wordllama package."""

WEIGHTS_KEY = "embedding.weight"


class EmbeddingsUnavailable(RuntimeError):
    """The wordllama package, or one of the files it ships, is not installed."""


@dataclass(frozen=True)
class WordEmbeddings:
    """A tokenizer and the matrix of its tokens' vectors."""

    tokenizer: Tokenizer
    vectors: np.ndarray

    @property
    def dimensions(self) -> int:
        return self.vectors.shape[1]

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """One unit-length float32 row per text; an empty text (or one with no tokens) gets a zero row."""
        rows = np.zeros((len(texts), self.dimensions), dtype=np.float32)
        encodings = self.tokenizer.encode_batch(list(texts), add_special_tokens=False)
        for row, encoding in enumerate(encodings):
            if encoding.ids:
                rows[row] = self.vectors[encoding.ids].mean(axis=0)
        norms = np.linalg.norm(rows, axis=1, keepdims=True)
        return rows / np.where(norms > 0, norms, 1.0)


@lru_cache(maxsize=1)
def load_embeddings() -> WordEmbeddings:
    """The embeddings, read once per process (about 0.2 s and 33 MB) on first use."""
    folder = package_folder("wordllama")
    if folder is None:
        raise EmbeddingsUnavailable("the wordllama package is not installed (see pyproject.toml)")
    weights, tokenizer = folder / WEIGHTS_FILE, folder / TOKENIZER_FILE
    for path in (weights, tokenizer):
        if not path.is_file():
            raise EmbeddingsUnavailable(f"wordllama is installed without {path}")
    vectors = np.ascontiguousarray(load_file(str(weights))[WEIGHTS_KEY], dtype=np.float32)
    return WordEmbeddings(Tokenizer.from_file(str(tokenizer)), vectors)


def embed(texts: Sequence[str]) -> np.ndarray:
    """Unit-length vectors of ``texts``, one row each, with the process's embeddings."""
    return load_embeddings().embed(texts)
