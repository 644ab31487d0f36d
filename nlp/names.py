"""Who a name stands for, and what a statement is about, as keys for the archive's who-said indexes.

Pure functions over strings, cheap enough to run on every speaker at ingest and on every query:

- :func:`person_key` reduces a name as the press writes it ("Ukrainian President Volodymyr Zelenskyy",
  "Mr Zelensky's") to one key per person ("volodymyr zelensky", "zelensky"), folding accents, titles,
  possessives and transliteration variants;
- :func:`same_person` tells whether two names are one person, are not, or cannot be told apart by the names
  alone (a bare surname against a full name);
- :func:`name_trigrams` and :func:`name_similarity` find a misspelt name ("Zelenksy", "Macrom");
- :func:`topic_terms` and :func:`role_terms` are the terms a statement or a speaker's role is indexed
  under, and :func:`query_terms` those a query is looked up by, normalised the same way.

The word lists are in :mod:`nlp.constants` ("Names").
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from nlp import constants as C

SAME_NAME_SIMILARITY = 0.83
"""The :func:`name_similarity` (0..1) from which two names are taken for one name misspelt: one slip in a
six-letter name ("Macrom"), a swap in an eight-letter one ("Zelenksy"). Measured on the tables in
tests/test_nlp_names.py (27 misspellings, 30 pairs of different look-alike names): edit similarity ranks a
misspelling above a look-alike in 95% of pairs, Jaro–Winkler in 91% (its bonus for a shared beginning lifts
"Harris" / "Harrison"), trigram Dice in 83% (a swapped pair of letters costs it four trigrams of nine). At
0.83 every misspelling of six letters or more is found; "Putn" is not, and one letter apart in a long name
("Clinton" / "Clifton", "Sanders" / "Saunders") cannot be told from a slip by spelling alone: prefer an
exact key and fall back to similarity only when it finds nobody."""

_KEY_CACHE_SIZE = 65536


@lru_cache(maxsize=_KEY_CACHE_SIZE)
def person_key(name: str) -> str:
    """The normalised identity of a name: words of the name alone, casefolded, folded, space-separated.

    "Ukrainian President Volodymyr Zelenskyy" → "volodymyr zelensky"; "Mr Zelensky's" → "zelensky";
    "Secretary of State Antony Blinken" → "antony blinken"; "Bashar al-Assad" → "bashar asad". Titles are
    dropped only in front of the name, and the last word is always kept, so a bare title stays a key.
    Returns "" for a name with no letters or digits.
    """
    words = _name_words(name)
    if not words:
        return ""
    while len(words) > 1 and words[-1] in C.NAME_SUFFIXES:
        words = words[:-1]
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    words = _without_title(words)
    # The Arabic article inside a name ("Bashar al Assad"); as a first word it is a name ("Al Gore").
    words = [word for i, word in enumerate(words) if i == 0 or i == len(words) - 1 or word not in C.ARABIC_ARTICLES]
    return " ".join(_fold_word(word) for word in words)


def surname_key(name: str) -> str:
    """The last word of the name's key: "Volodymyr Zelenskyy" → "zelensky"; "" when there is none."""
    key = person_key(name)
    return key.rsplit(" ", 1)[-1]


def given_key(name: str) -> str | None:
    """The first word of a full name's key ("volodymyr"), or None for a bare surname ("Zelensky", "Mr
    Zelensky", "von der Leyen")."""
    return _given(person_key(name).split())


def same_person(a: str, b: str) -> bool | None:
    """Whether two names are one person, going by the names alone.

    True when their keys are equal, or both are full names with one surname and given names that agree
    (equal, or one is the other's initial: "J. Biden", "Joe Biden"; middle names are ignored). False when the
    surnames differ or the given names conflict ("Hillary Clinton", "Bill Clinton"). None when one is a bare
    surname found in the other full name ("Zelensky", "Volodymyr Zelensky"): the caller decides by context.
    Misspellings are not forgiven here: that is :func:`name_similarity`'s job.
    """
    key_a, key_b = person_key(a), person_key(b)
    if not key_a or not key_b:
        return None
    if key_a == key_b:
        return True
    words_a, words_b = key_a.split(), key_b.split()
    shorter, longer = sorted((words_a, words_b), key=len)
    if longer[-len(shorter) :] == shorter:
        return None  # "Zelensky", "Ocasio-Cortez", "von der Leyen" against the full name
    given_a, given_b = _given(words_a), _given(words_b)
    if given_a is None or given_b is None:
        if given_a is None and given_b is None:
            return False
        bare, full = (words_a, words_b) if given_a is None else (words_b, words_a)
        return None if bare[-1] in full else False
    if words_a[-1] != words_b[-1]:
        return False
    return _given_names_agree(given_a, given_b)


def name_trigrams(name: str) -> set[str]:
    """Trigrams of each word of the name's key, padded as in PostgreSQL's pg_trgm ("  z", " ze", …, "ky ")."""
    grams: set[str] = set()
    for word in person_key(name).split():
        padded = f"  {word} "
        grams.update(padded[i : i + 3] for i in range(len(padded) - 2))
    return grams


def name_similarity(a: str, b: str) -> float:
    """How alike two names are, 0..1: the :func:`edit_similarity` of their keys' words.

    A bare surname is compared with the other's surname; two full names are as alike as their least alike
    part, surname or given name (an initial agrees with any given name it starts). Names from
    :data:`SAME_NAME_SIMILARITY` up are taken as one name misspelt.
    """
    words_a, words_b = person_key(a).split(), person_key(b).split()
    if not words_a or not words_b:
        return 0.0
    if words_a == words_b:
        return 1.0
    surname = edit_similarity(words_a[-1], words_b[-1])
    given_a, given_b = _given(words_a), _given(words_b)
    if given_a is None or given_b is None:
        return surname
    given = 1.0 if _given_names_agree(given_a, given_b) else edit_similarity(given_a, given_b)
    return min(surname, given)


def topic_terms(text: str) -> list[str]:
    """The terms a statement is indexed under, in order of first appearance, without repeats.

    Casefolded, accents stripped, words of letters and digits, stopwords left out, and lightly stemmed so
    "guarantee", "guarantees", "guaranteed" and "guaranteeing" are one term ("guarante"). Numbers are kept;
    a short word in capitals is an acronym, kept as it is: "US" is the country, not the pronoun.
    """
    terms: dict[str, None] = {}
    for word in C.RE_TERM.findall(_plain(C.RE_POSSESSIVE.sub("", text))):
        if word.isupper() and 1 < len(word) <= C.MAX_ACRONYM_LETTERS:
            terms.setdefault(word.casefold(), None)
            continue
        word = word.casefold()
        if word in C.TOPIC_STOPWORDS:
            continue
        terms.setdefault(stem_term(word), None)
    return list(terms)


def query_terms(text: str) -> list[str]:
    """The terms a topic query is looked up by: :func:`topic_terms` of the query, so query and index agree."""
    return topic_terms(text)


def role_terms(role: str) -> list[str]:
    """The terms a speaker's role is indexed under: "French President" → ["french", "president"], "a doctor"
    → ["doctor"]. Normalised as :func:`topic_terms`, so a role query is looked up the same way."""
    return topic_terms(role)


@lru_cache(maxsize=_KEY_CACHE_SIZE)
def stem_term(word: str) -> str:
    """A light, consistent normal form of a casefolded word: inflection off, a final doubled consonant and
    a final "e" dropped ("stopped" → "stop", "rates" → "rat", "guaranteed" → "guarante")."""
    if len(word) <= 3 or not word.isalpha():
        return word
    if word.endswith("eed"):
        # "agreed" is "agree" + "d"; "need", "speed", "proceed" are roots.
        if len(word) > 5 and not word.endswith("ceed"):
            word = word[:-1]
    else:
        for suffix, replacement in C.TOPIC_INFLECTIONS:
            if not word.endswith(suffix):
                continue
            root = word[: -len(suffix)]
            if len(root) < 3:
                continue
            if suffix == "s" and word.endswith(C.KEPT_S_ENDINGS):
                break
            if suffix == "es" and not root.endswith(C.SIBILANT_ENDINGS):
                continue  # "guarantees": only the "s" goes
            if suffix in ("ing", "ed") and not any(letter in "aeiouy" for letter in root):
                continue  # "spring", "shed"
            word = root + replacement
            break
    if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "aeiouys":
        word = word[:-1]
    if len(word) > 3 and word.endswith("e"):
        word = word[:-1]
    return word


def edit_similarity(a: str, b: str) -> float:
    """1 − the optimal-string-alignment distance (insertions, deletions, substitutions and swaps of two
    neighbouring letters, one each) over the longer length: "zelenksy" / "zelensky" → 0.875."""
    if a == b:
        return 1.0
    if not a or not b:
        return 0.0
    before, previous = None, list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, y in enumerate(b, 1):
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x != y))
            if before is not None and j > 1 and x == b[j - 2] and a[i - 2] == y:
                current[j] = min(current[j], before[j - 2] + 1)
        before, previous = previous, current
    return 1 - previous[-1] / max(len(a), len(b))


def _plain(text: str) -> str:
    """Accents stripped and letters NFKD leaves alone spelled out; case is kept."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char)).translate(C.NAME_LETTERS)


def _name_words(name: str) -> list[str]:
    name = name.split(",", 1)[0]  # "Joe Biden, the president"
    name = C.RE_POSSESSIVE.sub("", name)
    name = C.RE_ARABIC_ARTICLE_PREFIX.sub("", name)
    name = _plain(name).casefold().replace("-", " ")
    return C.RE_NAME_PUNCTUATION.sub("", name).split()


def _without_title(words: list[str]) -> list[str]:
    """The words after the last title word in front of the name ("US Secretary of State Antony Blinken")."""
    start = 0
    for i, word in enumerate(words[:-1]):
        if word in C.NAME_TITLE_WORDS:
            start = i + 1
    if start:
        start = _after_portfolio(words, start)
    return words[start:]


def _after_portfolio(words: list[str], start: int) -> int:
    """Where the name begins after a title's "of State", "for Foreign Affairs", "of the House", "of Texas"."""
    i = start
    while i < len(words) - 1 and words[i] in C.NAME_TITLE_CONNECTORS:
        i += 1
    if i == start:
        return start
    end = i
    while end < len(words) - 1 and words[end] in C.NAME_PORTFOLIO_WORDS:
        end += 1
    if end > i:
        return end
    # "Governor of Texas Greg Abbott": one word for the place, when a name still follows it.
    if words[start] in ("of", "for") and i + 1 < len(words):
        return i + 1
    return start


def _fold_word(word: str) -> str:
    word = word.replace("x", "ks")
    if len(word) >= C.MIN_FOLDED_WORD and not word.isdigit():
        for pattern, replacement in C.RE_NAME_ENDING_FOLDS:
            word = pattern.sub(replacement, word)
    return C.RE_NAME_DOUBLED_CONSONANT.sub(r"\1", word)


def _given(words: list[str]) -> str | None:
    if len(words) < 2 or words[0] in C.SURNAME_PARTICLES:
        return None
    return words[0]


def _given_names_agree(a: str, b: str) -> bool:
    if len(a) == 1 or len(b) == 1:
        return a[0] == b[0]
    return a == b
