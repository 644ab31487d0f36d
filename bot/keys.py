"""Every Redis key Summit writes, one method per kind, built from the namespace and schema version constants.

A workspace's archive lives under ``summit:v1:{T123}:…``: the team id in braces is a Redis Cluster hash tag, so
all of a workspace's keys sit in one slot and its multi-key transactions and set operations keep working past
one server. Caches are shared by every workspace (an article's extraction does not depend on who reads it) and
carry the pipeline version in their key: ``summit:cache:<pipeline_version>:<content_hash>``.

Tests build ``Keys`` with a prefix of their own so they never touch real data.
"""

from __future__ import annotations

from dataclasses import dataclass

NAMESPACE = "summit"
"""The first part of every key."""
SCHEMA_VERSION = 1
"""Version of the archive's layout in Redis and in ``summit export`` files; part of every archive key."""
DEFAULT_TEAM = "local"
"""The workspace the command line uses when no ``--team`` is given."""


def subscriptions_key(prefix: str = NAMESPACE) -> str:
    """HASH: ``team/channel`` → a digest subscription (JSON), for every workspace (see bot.subscriptions)."""
    return f"{prefix}:subscriptions"


@dataclass(frozen=True)
class Keys:
    """The keys of one workspace's archive (``team``), under ``prefix`` (the namespace, or a test's own)."""

    team: str
    prefix: str = NAMESPACE

    def __post_init__(self) -> None:
        if not self.team or any(character in self.team for character in "{}: \t\n"):
            raise ValueError(f"a team id is letters, digits, '-' or '_'; got {self.team!r}")

    @property
    def base(self) -> str:
        return f"{self.prefix}:v{SCHEMA_VERSION}:{{{self.team}}}"

    @property
    def pattern(self) -> str:
        """A SCAN pattern matching every key of this workspace (braces escaped)."""
        return f"{self.prefix}:v{SCHEMA_VERSION}:\\{{{self.team}\\}}:*"

    # The workspace's archive --------------------------------------------------------------------------------

    def meta(self) -> str:
        """HASH: the schema version and when the archive was created."""
        return f"{self.base}:meta"

    def article(self, article_id: str) -> str:
        """HASH: an article's metadata, text and extraction (JSON)."""
        return f"{self.base}:article:{article_id}"

    def articles(self) -> str:
        """ZSET: article id → time it was ingested (epoch seconds): the order of export."""
        return f"{self.base}:articles"

    def article_by_url(self) -> str:
        """HASH: every link an article was read from (as given and canonical) → article id."""
        return f"{self.base}:article-by-url"

    def statement(self, statement_id: str) -> str:
        """HASH: one attributed statement, with its speaker id and its article id."""
        return f"{self.base}:statement:{statement_id}"

    def outlet_statements(self, outlet: str) -> str:
        """ZSET: statement id → time, for the statements of one outlet (lower case)."""
        return f"{self.base}:outlet:{outlet.lower()}"

    def term_statements(self, term: str) -> str:
        """ZSET: statement id → time, for the statements whose words hold a topic term."""
        return f"{self.base}:term:{term}"

    def terms(self) -> str:
        """ZSET: every topic term, all scored 0 so ZRANGEBYLEX finds them by prefix (the suggestions on a miss)."""
        return f"{self.base}:terms"

    def term_words(self) -> str:
        """HASH: topic term → a word it was read from, to show in suggestions ("guarante" → "guarantees")."""
        return f"{self.base}:term-words"

    def speaker(self, speaker_id: str) -> str:
        """HASH: a person or organisation across articles: display name, kind, roles, names seen (JSON)."""
        return f"{self.base}:speaker:{speaker_id}"

    def speaker_statements(self, speaker_id: str) -> str:
        """ZSET: statement id → time, for one speaker's statements."""
        return f"{self.base}:speaker-statements:{speaker_id}"

    def speakers(self) -> str:
        """ZSET: speaker id → number of statements."""
        return f"{self.base}:speakers"

    def aliases(self) -> str:
        """HASH: person key (full name, or a surname only one speaker has) → speaker id."""
        return f"{self.base}:aliases"

    def surname(self, surname_key: str) -> str:
        """SET: the speakers with this surname."""
        return f"{self.base}:surname:{surname_key}"

    def role(self, term: str) -> str:
        """SET: the speakers whose roles hold this term ("presid", "french")."""
        return f"{self.base}:role:{term}"

    def trigram(self, trigram: str) -> str:
        """SET: the speakers with this letter trigram in a name, for misspelled queries."""
        return f"{self.base}:trigram:{trigram}"

    def development(self, development_id: str) -> str:
        """HASH: a development (text, actors, figures, sentence, article id)."""
        return f"{self.base}:development:{development_id}"

    def developments(self) -> str:
        """ZSET: development id → time."""
        return f"{self.base}:developments"

    # Slack delivery ---------------------------------------------------------------------------------------------

    def slack_event(self, event_id: str) -> str:
        """STRING (with a TTL): present once an event was accepted, so Slack's retries of it start nothing."""
        return f"{self.base}:event:{event_id}"

    def reply(self, reply_id: str) -> str:
        """STRING (with a TTL): how far one reply has got (queued, posting, posted); see bot.replies."""
        return f"{self.base}:reply:{reply_id}"

    # Digests -----------------------------------------------------------------------------------------------------

    def digest_claim(self, channel: str, day: str) -> str:
        """STRING (with a TTL): set with NX by the clock that queues a channel's digest of that local day."""
        return f"{self.base}:digest-claim:{channel}:{day}"

    def digest_build(self, channel: str, day: str) -> str:
        """STRING (with a TTL): the digest built for a channel's day (JSON), so a retry posts the same one."""
        return f"{self.base}:digest-build:{channel}:{day}"

    def digest_state(self, channel: str) -> str:
        """HASH: a channel's digests so far: ``until`` (epoch seconds the last one covered up to)."""
        return f"{self.base}:digest-state:{channel}"

    def digest_reported(self, channel: str, kind: str) -> str:
        """ZSET: ids of the developments or statements (``kind``) a channel's digests reported → when."""
        return f"{self.base}:digest-reported:{kind}:{channel}"

    def temporary(self, name: str) -> str:
        """A short-lived key for one query's set operation (the caller expires it)."""
        return f"{self.base}:tmp:{name}"

    # Shared by every workspace -----------------------------------------------------------------------------

    def cache(self, pipeline_version: str, content_hash: str) -> str:
        """STRING (with a TTL): an article's extraction as JSON, by content hash and pipeline version."""
        return f"{self.prefix}:cache:{pipeline_version}:{content_hash}"

    def extraction_lock(self, pipeline_version: str, content_hash: str) -> str:
        """STRING (SET NX EX): held by the one process extracting this content."""
        return f"{self.prefix}:lock:{pipeline_version}:{content_hash}"
