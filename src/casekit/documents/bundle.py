"""``CaseBundle``: everything a document may say about one case, gathered once.

The bundle is read from the store and the other parts (law engine, vault, messages) at the edge; the
builders are pure functions of it.  A part that is missing or has nothing for this case leaves its
field empty and its name in ``gaps``, and the documents say "not yet recorded" there instead of failing.
Tests build a ``CaseBundle`` directly from model objects.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from ..model import Case, Contact, Exhibit, Fact, Person, PersonRole, TimelineEvent, utcnow
from .views import AgencyView, AssessmentView, CustodyLog, IdentifierView, KeyMessage, PlatformView

NARRATIVE_SOURCE = "narrative"  # a timeline entry holding the person's own account, quoted in statements


@dataclass
class CaseBundle:
    case: Case
    people: list[Person] = field(default_factory=list)
    facts: dict[str, Fact] = field(default_factory=dict)
    contacts: list[Contact] = field(default_factory=list)
    timeline: list[TimelineEvent] = field(default_factory=list)
    exhibits: list[Exhibit] = field(default_factory=list)
    custody: CustodyLog = field(default_factory=CustodyLog)
    messages: list[KeyMessage] = field(default_factory=list)
    identifiers: list[IdentifierView] = field(default_factory=list)  # found in the suspect's messages
    assessment: AssessmentView | None = None
    platforms: dict[str, PlatformView] = field(default_factory=dict)  # keyed by lower-case platform name
    oversight: AgencyView | None = None
    ice_unit: AgencyView | None = None
    generated: datetime = field(default_factory=utcnow)
    gaps: set[str] = field(default_factory=set)

    # --- people -------------------------------------------------------------------------------------
    def role(self, role: PersonRole) -> list[Person]:
        return [p for p in self.people if p.role == role]

    @property
    def victim(self) -> Person | None:
        found = self.role(PersonRole.victim)
        return found[0] if found else None

    @property
    def reporter(self) -> Person | None:
        found = self.role(PersonRole.reporter) or self.role(PersonRole.victim)
        return found[0] if found else None

    @property
    def suspects(self) -> list[Person]:
        return self.role(PersonRole.suspect)

    # --- facts --------------------------------------------------------------------------------------
    def fact(self, key: str, default: Any = None) -> Any:
        found = self.facts.get(key)
        return default if found is None else found.value

    def has(self, key: str) -> bool:
        return key in self.facts

    @property
    def events(self) -> list[TimelineEvent]:
        """The timeline without the person's own account (that is quoted whole, not listed as an event)."""
        return [e for e in self.timeline if e.source != NARRATIVE_SOURCE]

    @property
    def narrative(self) -> tuple[str, str] | None:
        """(the person's own account, where it came from): the latest one given, else a ``narrative`` fact."""
        given = [e for e in self.timeline if e.source == NARRATIVE_SOURCE and e.detail.strip()]
        if given:
            return given[-1].detail.strip(), given[-1].reference or ""
        fact = self.facts.get("narrative")
        if fact is not None and isinstance(fact.value, str) and fact.value.strip():
            return fact.value.strip(), "fact"
        return None

    @property
    def victim_age(self) -> int | None:
        age = self.fact("victim_age")
        if isinstance(age, int):
            return age
        victim = self.victim
        return victim.age if victim else None

    @property
    def platform_names(self) -> list[str]:
        """Platforms named in the facts, then any a suspect has a handle on, without repeats."""
        names: list[str] = []
        value = self.fact("platform") or []
        for name in [value] if isinstance(value, str) else list(value):
            if str(name).lower() not in [n.lower() for n in names]:
                names.append(str(name))
        for person in self.suspects:
            for handle in person.handles:
                if handle.platform.lower() not in [n.lower() for n in names]:
                    names.append(handle.platform)
        return names

    def platform(self, name: str) -> PlatformView | None:
        return self.platforms.get(name.lower())

    def platform_label(self, name: str) -> str:
        """The platform's name as the knowledge base writes it (Instagram, not instagram)."""
        view = self.platform(name)
        if view is not None:
            return view.name
        try:  # a platform no fact names yet (a handle's, an identifier's) may still be in the knowledge base
            from ..law import kb

            found = kb.platform(name)
        except ImportError:  # pragma: no cover - the law part ships with casekit
            found = None
        return found.name if found is not None else name

    # --- exhibits -----------------------------------------------------------------------------------
    def exhibit_by_sha(self, sha256: str) -> Exhibit | None:
        return next((e for e in self.exhibits if e.sha256 == sha256), None)

    @property
    def sensitive_exhibits(self) -> list[Exhibit]:
        return [e for e in self.exhibits if e.sensitive]

    @property
    def declined_contacts(self) -> list[Contact]:
        """Police contacts where the answer was no (an outcome was recorded and it was not a yes)."""
        words = (
            "declin",
            "refus",
            "nothing",
            "no action",
            "rien",
            "aucune",
            "not a crime",
            "won't",
            "will not",
        )
        return [c for c in self.contacts if c.outcome and any(w in c.outcome.lower() for w in words)]
