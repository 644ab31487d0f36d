"""Which statements of a newly stored article the archive already held: the same speaker's same words in an
article stored before it (another outlet's report of the same press conference, say).

The thread reply marks those, so a reporter sees at a glance what this article adds.
"""

from __future__ import annotations

from bot.archive import Archive, ArticleSource
from nlp.repeated_words import same_words

CANDIDATES_PER_SPEAKER = 200
"""A speaker's most recent statements compared with each new one; older repeats go unnoticed."""


def earlier_reports(archive: Archive, article_id: str) -> dict[int, ArticleSource]:
    """Statement number → the earliest-found article that carried it, for the statements that are not new."""
    keys, client = archive.keys, archive.redis
    stored_at = client.zscore(keys.articles(), article_id)
    count = int(client.hget(keys.article(article_id), "statements") or 0)
    if stored_at is None or not count:
        return {}
    with client.pipeline(transaction=False) as pipe:
        for number in range(count):
            pipe.hmget(keys.statement(f"{article_id}.{number}"), ("speaker", "words"))
        own = [(speaker.decode(), words.decode()) if speaker and words else (None, None)
               for speaker, words in pipe.execute()]
    speakers = sorted({speaker for speaker, _ in own if speaker})
    candidates = _earlier_statements(archive, article_id, stored_at, speakers)
    found: dict[int, str] = {}
    for number, (speaker, words) in enumerate(own):
        match = next((article for other_words, article in candidates.get(speaker or "", ())
                      if same_words(words, other_words)), None)
        if match is not None:
            found[number] = match
    article_ids = list(dict.fromkeys(found.values()))
    sources = dict(zip(article_ids, archive.sources(article_ids)))
    return {number: sources[article] for number, article in found.items()}


def _earlier_statements(archive: Archive, article_id: str, stored_at: float,
                        speakers: list[str]) -> dict[str, list[tuple[str, str]]]:
    """Speaker id → (words, article id) of their recent statements in articles stored before ``article_id``."""
    keys, client = archive.keys, archive.redis
    with client.pipeline(transaction=False) as pipe:
        for speaker in speakers:
            pipe.zrevrange(keys.speaker_statements(speaker), 0, CANDIDATES_PER_SPEAKER - 1)
        ids = {speaker: [sid.decode() for sid in members if not sid.decode().startswith(article_id + ".")]
               for speaker, members in zip(speakers, pipe.execute())}
    flat = [(speaker, sid) for speaker, sids in ids.items() for sid in sids]
    if not flat:
        return {}
    with client.pipeline(transaction=False) as pipe:
        for _speaker, sid in flat:
            pipe.hget(keys.statement(sid), "words")
        words = pipe.execute()
    other_articles = sorted({sid.rpartition(".")[0] for _speaker, sid in flat})
    with client.pipeline(transaction=False) as pipe:
        for other in other_articles:
            pipe.zscore(keys.articles(), other)
        # Ingest times are kept to the second: an article stored in the same second counts as earlier.
        earlier = {other for other, score in zip(other_articles, pipe.execute())
                   if score is not None and score <= stored_at}
    by_speaker: dict[str, list[tuple[str, str]]] = {}
    for (speaker, sid), text in zip(flat, words):
        article = sid.rpartition(".")[0]
        if text and article in earlier:
            by_speaker.setdefault(speaker, []).append((text.decode(), article))
    return by_speaker

