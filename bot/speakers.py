"""Speakers across articles: which stored speaker a name in a new article is, decided inside its store transaction.

An article's extraction already resolves "Zelensky", "He" and "Mr Zelensky" to one name per person within the
article. Across articles the archive matches that name on ``nlp.names.person_key`` (spelling variants, titles
and honorifics folded away), then on the surname:

- a full name joins the speaker who has that surname when exactly one such speaker has no name that
  ``nlp.names.same_person`` calls another person ("Volodymyr Zelensky" joins "Zelensky"; "Amy Hill" does not
  join "Hugh Hill");
- a bare surname joins the one speaker with that surname, or, when several share it, the one whose roles match
  the title the article gives ("Hill, a doctor"); otherwise it is left unattributed rather than guessed.

``SpeakerBook`` reads through a pipeline in WATCH mode (so a concurrent change to anything it read makes the
transaction retry), keeps its decisions in memory, and queues the writes once, inside MULTI.
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass, field

import redis
from redis.client import Pipeline

from bot.keys import Keys
from nlp.model import EntityKind
from nlp.names import name_trigrams, person_key, role_terms, same_person, surname_key

logger = logging.getLogger(__name__)

RE_NOT_SLUG = re.compile(r"[^a-z0-9]+")


@dataclass
class SpeakerRecord:
    """What the archive knows of one speaker; ``keys`` are the person keys of the names seen."""

    id: str
    name: str
    kind: str
    roles: list[str] = field(default_factory=list)
    names: list[str] = field(default_factory=list)
    keys: list[str] = field(default_factory=list)
    surname: str | None = None

    def to_hash(self) -> dict[str, str]:
        return {
            "name": self.name,
            "kind": self.kind,
            "roles": json.dumps(self.roles, ensure_ascii=False),
            "names": json.dumps(self.names, ensure_ascii=False),
            "keys": json.dumps(self.keys, ensure_ascii=False),
            "surname": self.surname or "",
        }

    @classmethod
    def from_hash(cls, speaker_id: str, data: dict[bytes, bytes]) -> SpeakerRecord:
        """Raise KeyError or ValueError when the hash is not a speaker record."""
        text = {key.decode(): value.decode() for key, value in data.items()}
        return cls(
            id=speaker_id,
            name=text["name"],
            kind=text["kind"],
            roles=json.loads(text["roles"]),
            names=json.loads(text["names"]),
            keys=json.loads(text["keys"]),
            surname=text.get("surname") or None,
        )

    def may_be(self, name: str) -> bool:
        """Whether ``name`` may be this speaker: none of the names seen is another person's (``same_person``)."""
        return all(same_person(name, seen) is not False for seen in self.names)


def roles_match(title: str | None, roles: list[str]) -> bool:
    if not title:
        return False
    wanted = set(role_terms(title))
    return bool(wanted) and any(wanted <= set(role_terms(role)) or set(role_terms(role)) <= wanted for role in roles)


class SpeakerBook:
    """The speakers one store transaction reads and changes."""

    def __init__(self, pipe: Pipeline, keys: Keys) -> None:
        self.pipe = pipe
        self.keys = keys
        self._aliases: dict[str, str | None] = {}
        self._surnames: dict[str, set[str]] = {}
        self._records: dict[str, SpeakerRecord | None] = {}
        self._changed: set[str] = set()
        self._new_surname_members: dict[str, set[str]] = {}
        self._new_aliases: dict[str, str] = {}
        self._new_trigrams: dict[str, set[str]] = {}
        self._new_roles: dict[str, set[str]] = {}
        self._foreign: set[str] = set()
        self.pipe.watch(keys.aliases())

    # Reads (immediate, watched) -----------------------------------------------------------------------------

    def _alias(self, key: str) -> str | None:
        if key not in self._aliases:
            value = self.pipe.hget(self.keys.aliases(), key)
            self._aliases[key] = value.decode() if value else None
        return self._aliases[key]

    def _surname_members(self, surname: str) -> set[str]:
        if surname not in self._surnames:
            key = self.keys.surname(surname)
            self.pipe.watch(key)
            try:
                self._surnames[surname] = {member.decode() for member in self.pipe.smembers(key)}
            except redis.ResponseError:
                # Not a set: a foreign key. Left alone (a write to it would fail inside the transaction).
                logger.warning("skipped a surname key that is not a set", extra={"key": key})
                self._foreign.add(key)
                self._surnames[surname] = set()
        return self._surnames[surname]

    def _record(self, speaker_id: str) -> SpeakerRecord | None:
        if speaker_id not in self._records:
            key = self.keys.speaker(speaker_id)
            self.pipe.watch(key)
            try:
                data = self.pipe.hgetall(key)
                self._records[speaker_id] = SpeakerRecord.from_hash(speaker_id, data) if data else None
            except redis.ResponseError:
                logger.warning("skipped a speaker key that is not a hash", extra={"key": key})
                self._foreign.add(key)
                self._records[speaker_id] = None
            except (KeyError, ValueError, UnicodeDecodeError):
                # A corrupt record is replaced by what this article says, not allowed to stop the ingest.
                logger.warning("replacing a speaker key that holds no speaker", extra={"key": key})
                self._records[speaker_id] = None
        return self._records[speaker_id]

    # Decisions ----------------------------------------------------------------------------------------------

    def resolve(self, name: str | None, title: str | None, kind: EntityKind | None) -> str | None:
        """The id of the speaker ``name`` is (a new one when nobody matches), or None when it cannot be told."""
        if not name:
            return None
        key = person_key(name)
        if not key:
            return None
        is_person = kind in (EntityKind.PERSON, None)
        surname = surname_key(name) if is_person else None
        speaker_id = self._alias(key)
        if speaker_id is None and surname:
            candidates = sorted(self._surname_members(surname))
            if key != surname:
                fitting = [c for c in candidates if (r := self._record(c)) and r.may_be(name)]
                speaker_id = fitting[0] if len(fitting) == 1 else None
            elif len(candidates) == 1:
                speaker_id = candidates[0]
            elif candidates:
                fitting = [c for c in candidates if (r := self._record(c)) and roles_match(title, r.roles)]
                if len(fitting) != 1:
                    return None
                speaker_id = fitting[0]
        record = self._record(speaker_id) if speaker_id else None
        if speaker_id and self.keys.speaker(speaker_id) in self._foreign:
            speaker_id = None  # its key holds something else: the person gets a new one
        if record is None:
            speaker_id = speaker_id or self._new_id(key)
            record = SpeakerRecord(id=speaker_id, name=name, kind=(kind or EntityKind.PERSON).value, surname=surname)
            self._records[speaker_id] = record
        self._learn(record, name, key, surname, title)
        return record.id

    def _new_id(self, key: str) -> str:
        base = RE_NOT_SLUG.sub("-", key).strip("-") or "speaker"
        speaker_id, number = base, 1
        while self._record(speaker_id) is not None or self._taken(speaker_id):
            number += 1
            speaker_id = f"{base}-{number}"
        return speaker_id

    def _taken(self, speaker_id: str) -> bool:
        return self.pipe.exists(self.keys.speaker(speaker_id)) > 0

    def _learn(self, record: SpeakerRecord, name: str, key: str, surname: str | None, title: str | None) -> None:
        changed = False
        if name not in record.names:
            record.names.append(name)
            changed = True
        if key not in record.keys:
            record.keys.append(key)
            changed = True
        # The display name is the fullest name seen: "Volodymyr Zelensky" rather than "Zelensky".
        if len(key.split()) > len(person_key(record.name).split()):
            record.name = name
            changed = True
        if title and title.casefold() not in {role.casefold() for role in record.roles}:
            record.roles.append(title)
            self._new_roles.setdefault(record.id, set()).update(role_terms(title))
            changed = True
        if surname and not record.surname:
            record.surname = surname
            changed = True
        if changed:
            self._changed.add(record.id)
        self._aliases[key] = record.id
        self._new_aliases[key] = record.id
        self._new_trigrams.setdefault(record.id, set()).update(name_trigrams(name))
        if surname:
            members = self._surname_members(surname)
            if record.id not in members:
                members.add(record.id)
                self._new_surname_members.setdefault(surname, set()).add(record.id)

    # Writes (queued inside MULTI) ---------------------------------------------------------------------------

    def queue_writes(self) -> None:
        pipe, keys = self.pipe, self.keys
        for speaker_id in sorted(self._changed):
            pipe.hset(keys.speaker(speaker_id), mapping=self._records[speaker_id].to_hash())
        for surname, added in self._new_surname_members.items():
            if keys.surname(surname) not in self._foreign:
                pipe.sadd(keys.surname(surname), *sorted(added))
        for key, speaker_id in self._new_aliases.items():
            pipe.hset(keys.aliases(), key, speaker_id)
        # A surname is an alias only while one speaker has it: "Hill" alone names nobody once there are two.
        for surname, members in self._surnames.items():
            if len(members) == 1:
                pipe.hset(keys.aliases(), surname, next(iter(members)))
            elif len(members) > 1:
                pipe.hdel(keys.aliases(), surname)
        for speaker_id, trigrams in self._new_trigrams.items():
            for trigram in trigrams:
                pipe.sadd(keys.trigram(trigram), speaker_id)
        for speaker_id, terms in self._new_roles.items():
            for term in terms:
                pipe.sadd(keys.role(term), speaker_id)


def speaker_record(data: dict[bytes, bytes], speaker_id: str) -> SpeakerRecord | None:
    """A stored speaker, or None when the hash is missing or is no speaker record."""
    if not data:
        return None
    try:
        return SpeakerRecord.from_hash(speaker_id, data)
    except (KeyError, ValueError, UnicodeDecodeError):
        return None
