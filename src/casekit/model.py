"""Domain types shared by every part of casekit.

These are plain pydantic models: the store turns them into rows, the CLI and web app into JSON, the
documents into text.  Nothing here touches a database or a file.
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator


def utcnow() -> datetime:
    return datetime.now(UTC)


def new_id() -> str:
    """Short, unambiguous ids a person can read out over the phone (12 hex digits)."""
    return uuid.uuid4().hex[:12]


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True)


class CaseStatus(StrEnum):
    open = "open"
    reported = "reported"
    escalated = "escalated"
    closed = "closed"


class Case(Model):
    id: str = Field(default_factory=new_id)
    title: str = Field(min_length=1, max_length=200)
    jurisdiction: str = Field(
        default="CA-ON", description="ISO 3166 country, optionally with subdivision: CA-ON"
    )
    status: CaseStatus = CaseStatus.open
    created: datetime = Field(default_factory=utcnow)
    updated: datetime = Field(default_factory=utcnow)

    @field_validator("jurisdiction")
    @classmethod
    def _jurisdiction_shape(cls, value: str) -> str:
        value = value.strip().upper()
        parts = value.split("-")
        if not (
            len(parts[0]) == 2 and parts[0].isalpha() and len(parts) <= 2 and all(p.isalnum() for p in parts)
        ):
            raise ValueError(
                "a jurisdiction looks like 'CA' or 'CA-ON' (country code, optional province code)"
            )
        return value

    @property
    def country(self) -> str:
        return self.jurisdiction.split("-")[0]

    @property
    def subdivision(self) -> str | None:
        parts = self.jurisdiction.split("-")
        return parts[1] if len(parts) > 1 else None


class PersonRole(StrEnum):
    victim = "victim"
    reporter = "reporter"
    suspect = "suspect"
    witness = "witness"


class Handle(Model):
    """An account identifier: platform + the handle as shown (username, phone, email, id)."""

    platform: str
    value: str
    kind: str = "username"


class Person(Model):
    id: str = Field(default_factory=new_id)
    case_id: str
    role: PersonRole
    names: list[str] = Field(default_factory=list)
    aliases: list[str] = Field(default_factory=list)
    age: int | None = Field(default=None, ge=0, le=130)
    date_of_birth: date | None = None
    location: str | None = None
    handles: list[Handle] = Field(default_factory=list)


class FactSource(StrEnum):
    user = "user"
    derived = "derived"


class Fact(Model):
    """One answer about what happened.  ``provenance`` says where it came from: an intake question id,
    a message locator, an exhibit hash, or a person's note."""

    case_id: str
    key: str
    value: Any
    source: FactSource = FactSource.user
    provenance: str | None = None
    recorded: datetime = Field(default_factory=utcnow)


class Exhibit(Model):
    """A piece of evidence.  The vault fills in the fields; ``sensitive`` items are hash-only."""

    id: str = Field(default_factory=new_id)
    case_id: str
    number: int = Field(ge=1, description="Exhibit number within the case: E1, E2, …")
    sha256: str
    size: int = Field(ge=0)
    original_name: str
    original_path: str | None = None
    media_type: str | None = None
    md5: str | None = None
    pdq: str | None = None
    pdq_quality: int | None = None
    sensitive: bool = False
    stored: bool = True
    note: str | None = None
    metadata: dict[str, Any] = Field(default_factory=dict)
    acquired: datetime = Field(default_factory=utcnow)

    @property
    def label(self) -> str:
        return f"E{self.number}"


class Message(Model):
    """One chat message or system event, pointing back to the exhibit and place it was read from."""

    id: str = Field(default_factory=new_id)
    case_id: str
    exhibit_sha256: str
    locator: str = Field(description="Where in the exhibit: 'line 12', '$.messages[3]', 'record 7'")
    platform: str
    conversation: str | None = None
    sender: str | None = Field(default=None, description="Display name; None for system events")
    sender_id: str | None = None
    recipients: list[str] = Field(default_factory=list)
    timestamp: datetime | None = None
    timezone_assumed: str | None = Field(default=None, description="Zone assumed where the export had none")
    text: str = ""
    kind: str = Field(default="message", description="message | system | call | media")
    attachments: list[dict[str, Any]] = Field(default_factory=list)
    edited: bool = False
    deleted: bool = False
    reactions: list[dict[str, Any]] = Field(default_factory=list)


class ContactKind(StrEnum):
    call = "call"
    visit = "visit"
    email = "email"
    letter = "letter"
    online = "online"


class Contact(Model):
    """One contact with police or another agency: who, when, what was said, what was asked for."""

    id: str = Field(default_factory=new_id)
    case_id: str
    when: datetime = Field(default_factory=utcnow)
    kind: ContactKind = ContactKind.call
    agency: str
    officer_name: str | None = None
    badge_number: str | None = None
    rank: str | None = None
    file_number: str | None = None
    summary: str = ""
    outcome: str | None = None
    follow_up_due: date | None = None


class TimelineEvent(Model):
    """Something that happened, on the case's timeline: from the user's account, a message, or a contact."""

    id: str = Field(default_factory=new_id)
    case_id: str
    when: datetime | None = None
    title: str
    detail: str = ""
    source: str = Field(default="user", description="user | message | exhibit | contact")
    reference: str | None = Field(default=None, description="Message id, exhibit sha256 or contact id")
