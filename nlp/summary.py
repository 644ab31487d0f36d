"""A three-point summary a reporter can read in five seconds, in the article's own words.

When the article opens with its own key points (a few bullet lines before the body), those are the summary.
Otherwise sentences are scored: news wire puts the news first, so position weighs most; a sentence that
credits a statement, carries a figure or has a named actor doing something counts as news, while a
sentence that only describes ("The tone was warmer") counts against. Points are picked best first, and a
sentence that repeats a picked one is skipped.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc, Span as SpacySpan

from nlp.model import Figure, Statement
from nlp.news import NEWS_FIGURE_KINDS, RE_BULLET, carries_news, is_candidate, only_describes, trim_point

POINTS = 3
"""How many points a summary has."""
MAX_OVERLAP = 0.5
"""Content-word Jaccard above which a candidate says the same as a picked point."""
POSITION_DECAY = 1.0
"""How fast a sentence's position weight falls: the sentence ranked r weighs 1 / (1 + POSITION_DECAY * r)."""
NEWS_WEIGHTS = {"statement": 0.25, "figure": 0.2, "actor": 0.2, "describes": -0.25}
"""What each sign of news adds to a sentence's score (or, describing only, takes away)."""


def summarize(doc: Doc, text: str, statements: Sequence[Statement], figures: Sequence[Figure]) -> tuple[str, ...]:
    key_points = _opening_key_points(text)
    if len(key_points) >= 2:
        return tuple(trim_point(point) for point in key_points[:POINTS])
    cue_offsets = [s.cue.start for s in statements if s.cue is not None]
    figure_offsets = [f.span.start for f in figures if f.kind in NEWS_FIGURE_KINDS]
    candidates = [s for s in doc.sents if is_candidate(s)]
    scores = [_score(rank, s, cue_offsets, figure_offsets) for rank, s in enumerate(candidates)]
    ranked = [candidates[i] for i in sorted(range(len(candidates)), key=lambda i: -scores[i])]
    picked: list[str] = []
    picked_words: list[set[str]] = []
    for sentence in ranked:
        words = _content_words(sentence)
        if any(_jaccard(words, other) > MAX_OVERLAP for other in picked_words):
            continue
        picked.append(trim_point(sentence.text))
        picked_words.append(words)
        if len(picked) == POINTS:
            break
    return tuple(picked)


def _opening_key_points(text: str) -> list[str]:
    """Bullet lines at the very top of the article, before its first ordinary paragraph."""
    points = []
    for line in text.lstrip().splitlines():
        if not line.strip():
            continue
        match = RE_BULLET.match(line)
        if match is None:
            break
        points.append(match.group("point"))
    return points


def _score(rank: int, sentence: SpacySpan, cue_offsets: list[int], figure_offsets: list[int]) -> float:
    start, end = sentence.start_char, sentence.end_char
    has_figure = any(start <= offset < end for offset in figure_offsets)
    score = 1.0 / (1.0 + POSITION_DECAY * rank)
    if any(start <= offset < end for offset in cue_offsets):
        score += NEWS_WEIGHTS["statement"]
    if has_figure:
        score += NEWS_WEIGHTS["figure"]
    if carries_news(sentence):
        score += NEWS_WEIGHTS["actor"]
    elif only_describes(sentence) and not has_figure:
        score += NEWS_WEIGHTS["describes"]
    return score


def _content_words(sentence: SpacySpan) -> set[str]:
    return {t.lemma_.lower() for t in sentence if t.is_alpha and not t.is_stop}


def _jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0
