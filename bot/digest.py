"""A channel's daily digest: what the workspace's archive learnt since the channel's previous digest, less what
that channel was already told.

- **Developments** of the articles ingested since then (:func:`nlp.novelty.news_groups`), the same event
  reported by several outlets merged into one with all its sources, and any that repeats a development an
  earlier digest in the channel reported dropped: an update ("within 10 days" becomes "signed today") differs in
  its event or figures and so is new. Most important first: more outlets, then figures, then named actors, then
  the most recent.
- **Statements**, grouped by speaker: the same words by the same speaker in two outlets are one statement with
  both sources, and words a digest already reported are left out. Speakers the article names with a title and
  the most quoted in the archive come first; a speaker quoted for the first time is a **new voice**.
- **Key figures** of the developments shown, with what each is about.

:func:`build_digest` only reads; :func:`record_digest` writes what a posted digest reported, so the next one
leaves it out. A digest is plain data, stored as JSON between building and posting (see ``bot.jobs``).
"""

from __future__ import annotations

import json
import math
from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta, timezone

from bot.archive import Archive, ArticleRecord, ArticleSource
from nlp.model import FIGURE_IMPORTANCE, Development, Figure, Span
from nlp.repeated_words import same_words

FIRST_DIGEST_COVERS = timedelta(days=1)
"""How far back a channel's first digest looks."""
REPORTED_MEMORY = timedelta(days=30)
"""How long what a digest reported is remembered for the "already reported" rule."""
MAX_ARTICLES = 1000
"""Most articles one digest reads (the newest); a workspace ingesting more a day gets the newest."""
MAX_DEVELOPMENTS = 600
"""Most developments one digest compares (the newest): comparing them costs the square of their number."""
MAX_SPEAKERS = 8
MAX_STATEMENTS_PER_SPEAKER = 3
MAX_FIGURES = 8


@dataclass(frozen=True)
class DigestDevelopment:
    text: str
    sources: tuple[ArticleSource, ...]
    figures: tuple[str, ...]
    actors: tuple[str, ...]
    ids: tuple[str, ...]
    """The archive ids of every report of it (``<article id>.<n>``)."""


@dataclass(frozen=True)
class DigestStatement:
    words: str
    kind: str
    cue: str | None
    sources: tuple[ArticleSource, ...]
    ids: tuple[str, ...]


@dataclass(frozen=True)
class SpeakerStatements:
    name: str
    role: str | None
    first_time: bool
    statements: tuple[DigestStatement, ...]
    more: int = 0
    """Further new statements of theirs, not shown."""


@dataclass(frozen=True)
class Digest:
    team: str
    channel: str
    day: str
    since: float
    until: float
    articles: int
    outlets: tuple[str, ...]
    developments: tuple[DigestDevelopment, ...]
    speakers: tuple[SpeakerStatements, ...]
    figures: tuple[str, ...]
    more_speakers: int = 0
    new_voices: tuple[str, ...] = field(default=())

    @property
    def is_empty(self) -> bool:
        return not self.developments and not self.speakers

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str | bytes) -> Digest:
        data = json.loads(text)
        data["outlets"] = tuple(data["outlets"])
        data["figures"] = tuple(data["figures"])
        data["new_voices"] = tuple(data["new_voices"])
        data["developments"] = tuple(
            DigestDevelopment(item["text"], tuple(ArticleSource(**s) for s in item["sources"]), tuple(item["figures"]),
                              tuple(item["actors"]), tuple(item["ids"])) for item in data["developments"])
        data["speakers"] = tuple(
            SpeakerStatements(item["name"], item["role"], item["first_time"], tuple(
                DigestStatement(s["words"], s["kind"], s["cue"], tuple(ArticleSource(**x) for x in s["sources"]),
                                tuple(s["ids"])) for s in item["statements"]), item["more"])
            for item in data["speakers"])
        return cls(**data)


def build_digest(archive: Archive, channel: str, day: str, *, now: datetime | None = None,
                 since: float | None = None) -> Digest:
    """The digest ``channel`` would get now (``since`` overrides where it starts, as the demo does)."""
    # Articles are indexed by ingest time in whole seconds: a digest covers whole seconds that are over, so an
    # article stored while it is being built falls in the next one, not between the two.
    until = float(math.floor((now or datetime.now(timezone.utc)).timestamp()) - 1)
    if since is None:
        previous = archive.redis.hget(archive.keys.digest_state(channel), "until")
        since = float(previous) if previous else until - FIRST_DIGEST_COVERS.total_seconds()
    ids = [value.decode() for value in archive.redis.zrevrangebyscore(
        archive.keys.articles(), until, f"({since}", start=0, num=MAX_ARTICLES)]
    # Oldest first: a development reported several times is told in the words of its first report.
    records = archive.load_many(ids[::-1])
    developments, figures = _developments(archive, channel, records)
    speakers, more_speakers, voices = _speakers(archive, channel, records)
    return Digest(
        team=archive.keys.team, channel=channel, day=day, since=since, until=until, articles=len(records),
        outlets=tuple(sorted({record.outlet for record in records if record.outlet})),
        developments=developments, speakers=speakers, more_speakers=more_speakers, new_voices=voices,
        figures=figures,
    )


def record_digest(archive: Archive, digest: Digest) -> None:
    """Remember what ``digest`` reported in its channel (each development by its first report), and that the next
    one starts where it ended. Pass what was shown (``handlers.digest_blocks.shown_digest``), not more."""
    keys, channel = archive.keys, digest.channel
    forget_before = digest.until - REPORTED_MEMORY.total_seconds()
    developments = {item.ids[0]: digest.until for item in digest.developments}
    statements = {i: digest.until for speaker in digest.speakers for item in speaker.statements for i in item.ids}
    with archive.redis.pipeline() as pipe:
        for kind, members in (("developments", developments), ("statements", statements)):
            if members:
                pipe.zadd(keys.digest_reported(channel, kind), members)
            pipe.zremrangebyscore(keys.digest_reported(channel, kind), "-inf", forget_before)
        pipe.hset(keys.digest_state(channel), mapping={"until": digest.until, "day": digest.day})
        pipe.execute()


# Developments -------------------------------------------------------------------------------------------------

def _developments(archive: Archive, channel: str,
                  records: list[ArticleRecord]) -> tuple[tuple[DigestDevelopment, ...], tuple[str, ...]]:
    """The new developments, most important first, and their key figures (amounts first)."""
    # Imported here: the comparison loads word vectors and WordNet, which only building a digest needs.
    from nlp.novelty import news_groups

    reported = _reported(archive, channel, "developments")
    found = [(f"{record.id}.{number}", development, record)
             for record in records for number, development in enumerate(record.extraction.developments)
             if f"{record.id}.{number}" not in reported][-MAX_DEVELOPMENTS:]
    if not found:
        return (), ()
    known = _known_developments(archive, reported)
    fresh = news_groups([development for _, development, _ in found], known)
    # ``found`` runs oldest first: among events of equal weight, the one reported last (highest index) leads.
    ranked = sorted(fresh, key=lambda group: (_importance(_merge([found[i] for i in group])), max(group)),
                    reverse=True)
    merged = [([found[index] for index in group], _merge([found[index] for index in group])) for group in ranked]
    figures = sorted((FIGURE_IMPORTANCE.index(figure.kind), order, figure.label)
                     for order, (members, _) in enumerate(merged) for _, development, record in members
                     for figure in _figures_of(development, record))
    key_figures = tuple(dict.fromkeys(line for _, _, line in figures))[:MAX_FIGURES]
    return tuple(development for _, development in merged), key_figures


def _merge(members: list[tuple[str, Development, ArticleRecord]]) -> DigestDevelopment:
    _, first, _ = members[0]
    sources = tuple(dict.fromkeys(ArticleSource.of(record) for _, _, record in members))
    figures = tuple(dict.fromkeys(figure.label for _, development, record in members
                                  for figure in _figures_of(development, record)))
    actors = tuple(dict.fromkeys(actor for _, development, _ in members for actor in development.actors))
    return DigestDevelopment(first.text, sources, figures, actors, tuple(i for i, _, _ in members))


def _importance(development: DigestDevelopment) -> tuple[int, bool, bool]:
    outlets = len({source.outlet or source.url for source in development.sources})
    return outlets, bool(development.figures), bool(development.actors)


def _figures_of(development: Development, record: ArticleRecord) -> list[Figure]:
    """The figures of the article that stand in the development's sentence, amounts first."""
    sentence = development.sentence
    return sorted((figure for figure in record.extraction.figures
                   if sentence.start <= figure.span.start and figure.span.end <= sentence.end),
                  key=lambda figure: FIGURE_IMPORTANCE.index(figure.kind))



def _known_developments(archive: Archive, ids: set[str]) -> list[Development]:
    """The developments a channel was told about, rebuilt from the archive for comparison."""
    ordered = sorted(ids)
    with archive.redis.pipeline(transaction=False) as pipe:
        for development_id in ordered:
            pipe.hmget(archive.keys.development(development_id), ("text", "actors", "figures", "sentence"))
        rows = pipe.execute()
    known = []
    for text, actors, figures, sentence in rows:
        if text is None:
            continue
        words = (sentence or text).decode()
        known.append(Development(text.decode(), tuple(json.loads(actors or b"[]")),
                                 tuple(json.loads(figures or b"[]")), Span(0, len(words), words)))
    return known


# Statements ---------------------------------------------------------------------------------------------------

@dataclass
class _Said:
    speaker: str
    name: str
    role: str | None
    statement: DigestStatement


def _speakers(archive: Archive, channel: str,
              records: list[ArticleRecord]) -> tuple[tuple[SpeakerStatements, ...], int, tuple[str, ...]]:
    keys, client = archive.keys, archive.redis
    reported = _reported(archive, channel, "statements")
    numbered = [(f"{record.id}.{number}", record) for record in records
                for number in range(len(record.extraction.statements)) if f"{record.id}.{number}" not in reported]
    fields = ("speaker", "name", "mention", "role", "kind", "words", "cue")
    with client.pipeline(transaction=False) as pipe:
        for sid, _ in numbered:
            pipe.hmget(keys.statement(sid), fields)
        rows = pipe.execute()
    said: list[_Said] = []
    for (sid, record), row in zip(numbered, rows):
        speaker, name, mention, role, kind, words, cue = (value.decode() if value else "" for value in row)
        if not words or not (name or mention):
            continue
        statement = DigestStatement(words, kind, cue or None, (ArticleSource.of(record),), (sid,))
        said.append(_Said(speaker or f"name:{name or mention}", name or mention, role or None, statement))
    said = _without_repeats(said, _reported_words(archive, reported, {item.speaker for item in said}))
    by_speaker: dict[str, list[_Said]] = {}
    for item in said:
        by_speaker.setdefault(item.speaker, []).append(item)
    real = [speaker for speaker in by_speaker if not speaker.startswith("name:")]
    counts = dict(zip(real, client.zmscore(keys.speakers(), real))) if real else {}
    ranked = sorted(by_speaker, key=lambda s: (
        any(item.role for item in by_speaker[s]), counts.get(s) or 0, len(by_speaker[s])), reverse=True)
    groups = []
    voices = []
    for speaker in ranked:
        items = by_speaker[speaker]
        first_time = speaker in counts and int(counts[speaker] or 0) <= sum(len(i.statement.ids) for i in items)
        role = next((item.role for item in items if item.role), None)
        if first_time:
            voices.append(f"{items[0].name} ({role})" if role else items[0].name)
        groups.append(SpeakerStatements(items[0].name, role, first_time,
                                        tuple(item.statement for item in items[:MAX_STATEMENTS_PER_SPEAKER]),
                                        max(0, len(items) - MAX_STATEMENTS_PER_SPEAKER)))
    return tuple(groups[:MAX_SPEAKERS]), max(0, len(groups) - MAX_SPEAKERS), tuple(voices)


def _without_repeats(said: list[_Said], reported_words: dict[str, list[str]]) -> list[_Said]:
    """``said`` without statements a digest reported, the same words in several outlets merged into one."""
    kept: list[_Said] = []
    for item in said:
        if any(same_words(item.statement.words, words) for words in reported_words.get(item.speaker, ())):
            continue
        twin = next((other for other in kept
                     if other.speaker == item.speaker and same_words(other.statement.words, item.statement.words)),
                    None)
        if twin is None:
            kept.append(item)
            continue
        merged = twin.statement
        twin.statement = DigestStatement(
            merged.words, merged.kind, merged.cue, tuple(dict.fromkeys(merged.sources + item.statement.sources)),
            merged.ids + item.statement.ids)
    return kept


def _reported_words(archive: Archive, reported: set[str], speakers: set[str]) -> dict[str, list[str]]:
    """Speaker → the words of their statements the channel's digests reported."""
    ordered = sorted(reported)
    with archive.redis.pipeline(transaction=False) as pipe:
        for sid in ordered:
            pipe.hmget(archive.keys.statement(sid), ("speaker", "name", "mention", "words"))
        rows = pipe.execute()
    words: dict[str, list[str]] = {}
    for speaker, name, mention, text in rows:
        # Keyed as _speakers keys them: the speaker's id, else the name or, failing that, the words naming them.
        key = speaker.decode() if speaker else f"name:{(name or mention or b'').decode()}"
        if text and key in speakers:
            words.setdefault(key, []).append(text.decode())
    return words


def _reported(archive: Archive, channel: str, kind: str) -> set[str]:
    return {value.decode() for value in archive.redis.zrange(archive.keys.digest_reported(channel, kind), 0, -1)}
