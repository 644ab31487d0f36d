"""What a figure's text says, in a form two outlets' wordings can be compared in.

"$90bn", "about $90 billion" and "90 billion dollars" are all ``FigureValue("money:usd", 9e10)``; "ten per
cent" and "10%" are ``FigureValue("percent", 10.0)``; "two weeks" and "14 days" are 336 hours; "12 October"
and "October 12" are the date "october 12". Vague figures ("thousands") have no value.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from nlp import constants as C

RELATIVE_TOLERANCE = 0.015
"""Two amounts within this fraction of each other are one figure written two ways (rounding)."""
ROUNDED_FROM = 1000
"""Whole numbers below this are not rounded by outlets: "66" and "67" are two figures, "1,400" and "1,410"
may be one."""
HEDGED_TOLERANCE = 0.25
"""The same when either is hedged: "more than a thousand" is "1,200", "over three-quarters" is "77%"."""
DURATION_TOLERANCE = 0.05
"""The same for durations, as months and years have no fixed length: "six-month" is "186 days"."""
HEDGE_WORDS = frozenset(
    "about around some roughly approximately nearly almost over under more less fewer least estimated below above"
    .split()
)
"""Words that make a figure approximate: "more than", "at least", "an estimated". Not the rest of
C.FIGURE_HEDGES, which are dropped before reading a number but leave it exact ("at 4.5%", "up to", "only")."""

RE_FIGURE_TOKEN = re.compile(r"[$€£¥]|\d+(?:[.,]\d+)*|[a-z]+(?:\.[a-z]\.?)?|%", re.IGNORECASE)
RE_DIGITS = re.compile(r"\d+(?:\.\d+)?")
ORDINAL_SUFFIXES = ("st", "nd", "rd", "th")
RANK_REACH = 3
"""How far into a figure an ordinal may stand: "for a fifth year", "the 12th member"."""
MIN_TALLY_COUNT = 10
"""Numbers of a score from which each is a count too, so that a vote tally "88-81" meets a text that gives "88"
and "81" apart; below it they are goals or games ("2-1" and "3-1" share no result)."""
GROUP_SCALE_LIMIT = 1000
"""Scales below this ("hundred", "dozen") multiply the group of words before them; from it ("thousand",
"million") they close that group into the total."""
AND_CONTINUES_AFTER = frozenset({"hundred", "thousand", "million", "billion", "trillion"})
"""Words after which "and" goes on with the number ("three hundred and fifty"); not a bare number: "100 and 200"
are two figures."""
RE_SCORE = re.compile(r"^\s*(\d+)\s*[-–]\s*(\d+)\s*$|\b(\d+)\s+votes?\s+to\s+(\d+)\b", re.IGNORECASE)


@dataclass(frozen=True)
class FigureValue:
    """``unit`` is "money:usd", "percent", "points", "hours", "count", "rank", "score" or "date:<granularity>";
    ``value`` a number, or for a date its words in a fixed order ("october 12", "tuesday", "next week"), for a
    score or tally its two numbers, the larger first ("3-1", "212-96", "by 88 votes to 81": "88-81")."""

    unit: str
    value: float | str
    hedged: bool = field(default=False, compare=False)  # "about", "more than", "nearly"…

    def agrees_with(self, other: FigureValue) -> bool:
        if self.unit != other.unit:
            return False
        if isinstance(self.value, str) or isinstance(other.value, str):
            return self.value == other.value
        tolerance = RELATIVE_TOLERANCE
        if _small_whole(self.value) and _small_whole(other.value) and self.unit != "hours":
            tolerance = 0.0  # "66" and "67" are written exactly: no rounding makes one the other
        if self.hedged or other.hedged:
            tolerance = HEDGED_TOLERANCE
        elif self.unit == "hours":
            tolerance = DURATION_TOLERANCE
        larger = max(abs(self.value), abs(other.value))
        return abs(self.value - other.value) <= tolerance * larger


def _small_whole(value: float) -> bool:
    return float(value).is_integer() and abs(value) < ROUNDED_FROM


def figure_values(text: str) -> list[FigureValue]:
    """The values a figure's text states: usually one; for a score or tally ("212-96") the score, with its
    numbers as counts from MIN_TALLY_COUNT up; none when vague."""
    score = RE_SCORE.search(text)
    if score:
        # "2-1" and "1-2" are one result told from either side; "2-1" and "3-1" share a 1 but are two results.
        numbers = sorted((int(number) for number in score.groups() if number), reverse=True)
        tally = [FigureValue("count", float(number)) for number in numbers if number >= MIN_TALLY_COUNT]
        return [FigureValue("score", "-".join(map(str, numbers))), *tally]
    words = [word.lower() for word in RE_FIGURE_TOKEN.findall(text.replace("-", " "))]
    date = _date(words)
    if date is not None:
        return [date]
    rank = _rank(words)
    if rank is not None:
        return [rank]
    amount = _amount([word for word in words if word not in C.FIGURE_HEDGES or word in ("a", "an")])
    if amount is None:
        return []
    number, rest = amount
    hedged = any(word in HEDGE_WORDS for word in words)
    hours = _duration_hours(rest)
    if hours is not None:
        return [FigureValue("hours", number * hours, hedged)]
    share = _fraction_percent(number, rest)
    if share is not None:
        return [FigureValue("percent", share, hedged)]
    if rest[:1] in (["basis"], ["bp"], ["bps"]):
        return [FigureValue("points", number / 100, hedged)]  # "50 basis points" is half a point
    return [FigureValue(_unit(words, rest, text), number, hedged)]


def _fraction_percent(number: float, rest: list[str]) -> float | None:
    """ "three-quarters", "a third", "two thirds" as a percentage, to meet "77%" or "33 per cent"."""
    denominator = C.FRACTION_WORDS.get(rest[0]) if rest else None
    if denominator is None or number > C.MAX_FRACTION_NUMERATOR:
        return None
    return 100 * number / denominator


def _amount(words: list[str]) -> tuple[float, list[str]] | None:
    """The number the words start with (currency signs skipped), scaled, and the words after it."""
    words = [word for word in words if word not in C.CURRENCIES or word.isalpha()]
    if words[:1] in (["a"], ["an"]) and len(words) > 1 and RE_DIGITS.fullmatch(words[1].replace(",", "")):
        words = words[1:]  # "an estimated $2bn": an article before digits is no "one"
    # Numbers are read as they are said: a group below a thousand ("three hundred and fifty") is multiplied by
    # the scale after it and added to the total ("three thousand two hundred" is 3,000 + 200), unless that
    # scale is larger than the total's, which it then multiplies ("three thousand two hundred million").
    total, group, scale, position = 0.0, None, 0.0, 0
    if words[:2] in (["half", "a"], ["half", "an"], ["a", "half"]):
        group, position = 0.5, 2  # "half a billion", "a half-hour": not one and a half
    while position < len(words):
        word = words[position]
        digits = word.replace(",", "")
        if words[position : position + 3] in (["and", "a", "half"], ["and", "an", "half"]) and (
            group is not None or scale
        ):
            # "four and a half thousand", "two and a half years"; after a scale, half of it: "a million and a half"
            if group is not None:
                group += 0.5
            else:
                total += scale / 2
            position += 3
            continue
        if word == "and" and _and_goes_on(words, position, group):
            position += 1  # "three hundred and fifty", "a thousand and one"
            continue
        if RE_DIGITS.fullmatch(digits):
            group = (group or 0) + float(digits)
        elif _is_number_word(words, position, group):
            # "forty five", "a hundred": words add up until a scale multiplies them.
            group = (group or 0) + C.NUMBER_WORDS[word]
        elif C.NUMBER_SCALES.get(word, GROUP_SCALE_LIMIT) < GROUP_SCALE_LIMIT and group is not None:
            group *= C.NUMBER_SCALES[word]
        elif word in C.NUMBER_SCALES and (group is not None or total):
            multiplier = C.NUMBER_SCALES[word]
            if multiplier > scale:
                total, scale = (total + (group or 0)) * multiplier, multiplier
            else:
                total += (group or 0) * multiplier  # "two million three hundred thousand"
            group = None
        else:
            break
        position += 1
    if group is None and not total:
        return None
    number = total + (group or 0)
    rest = words[position:]
    if words[:position] in (["a"], ["an"]) and _duration_hours(rest) is None and _fraction_percent(1, rest) is None:
        return None  # "a deal", but "a decade" is ten years and "a third" a share
    return number, rest


def _and_goes_on(words: list[str], position: int, group: float | None) -> bool:
    """Whether the "and" at ``position`` goes on with the number: after a scale word and before a number word
    that adds to it ("three hundred and fifty"); not before an article ("$2 billion and a 10% stake")."""
    if position == 0 or words[position - 1] not in AND_CONTINUES_AFTER:
        return False
    return words[position + 1 : position + 2] not in (["a"], ["an"], ["half"]) and _is_number_word(
        words, position + 1, group
    )


def _is_number_word(words: list[str], position: int, group: float | None) -> bool:
    """Whether the word at ``position`` is a number word that adds to ``group``: a smaller one ("forty five"),
    not another number ("five six")."""
    if position >= len(words) or words[position] not in C.NUMBER_WORDS:
        return False
    return group is None or C.NUMBER_WORDS[words[position]] < group


def _unit(words: list[str], rest: list[str], text: str) -> str:
    lowered = text.lower()
    for word in words:
        if word in C.CURRENCIES:
            return "money:" + C.CURRENCIES[word]
    if any(word in C.PERCENTAGE_POINT_WORDS for word in rest[:2]):
        return "points"  # "half a percentage point" is no per cent
    if any(marker in lowered for marker in C.PERCENT_WORDS[:3]) or rest[:1] == ["pc"]:
        return "percent"
    return "count"


def _duration_hours(rest: list[str]) -> float | None:
    """Hours in one unit of the duration word after the number ("days" → 24), or None when it is no duration."""
    for word in rest[:2]:
        for unit, hours in C.DURATION_HOURS.items():
            if word.startswith(unit):
                return hours
    return None


def _date(words: list[str]) -> FigureValue | None:
    month = next((word for word in words if word in C.MONTHS), None)
    weekday = next((word for word in words if word in C.WEEKDAYS), None)
    relative = next((word for word in words if word in C.RELATIVE_DATE_WORDS), None)
    if month:
        day = next((word for word in words if word.isdigit() and int(word) <= 31), None)
        year = next((word for word in words if word.isdigit() and len(word) == 4), None)
        parts = [part for part in (month, day, year) if part]
        return FigureValue(f"date:{'day' if day else 'month'}", " ".join(parts))
    if weekday:
        return FigureValue("date:weekday", weekday)
    quarter = _quarter(words)
    if quarter is not None:
        return quarter
    if relative:
        period = next((word for word in words if word != relative), "")
        if any(period.startswith(unit) for unit in C.DURATION_HOURS) or relative in ("yesterday", "today", "tomorrow"):
            return FigureValue("date:relative", f"{relative} {period}".strip())
    if len(words) == 1 and words[0].isdigit() and len(words[0]) == 4 and 1900 <= int(words[0]) <= 2100:
        return FigureValue("date:year", words[0])
    return None


def _quarter(words: list[str]) -> FigureValue | None:
    """A quarter of the year: "the first quarter", "Q1", "1st quarter", "the third quarter of 2025"."""
    if not C.QUARTER_WORDS & set(words):
        return None
    year = next((word for word in words if word.isdigit() and len(word) == 4), "")
    for word in words:
        number = C.ORDINAL_WORDS.get(word) or (int(word) if word.isdigit() and len(word) == 1 else None)
        if number is not None and 1 <= number <= 4:
            return FigureValue("date:quarter", f"q{number} {year}".strip())
    return None


def _rank(words: list[str]) -> FigureValue | None:
    """An ordinal, "twelfth member" or "12th member": a place in an order, neither a count nor a duration
    ("fifth straight year" is no five years)."""
    for position, word in enumerate(words[:RANK_REACH]):
        after_number = position > 0 and (words[position - 1] in C.NUMBER_WORDS or words[position - 1].isdigit())
        share = after_number and words[position + 1 : position + 2] in ([], ["of"])
        if word in C.ORDINAL_WORDS and not share:  # "a third", "one third of voters" are shares
            return FigureValue("rank", float(C.ORDINAL_WORDS[word]))
        if word.isdigit() and position + 1 < len(words) and words[position + 1] in ORDINAL_SUFFIXES:
            return FigureValue("rank", float(word))
    return None
