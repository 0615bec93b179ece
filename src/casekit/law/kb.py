"""Loading the knowledge base: ``law/data/<COUNTRY>/*.yaml`` plus ``law/data/platforms.yaml``.

Each YAML file is a mapping whose keys are sections of a ``Pack`` (``pack``, ``offences``, ``provisions``,
``agencies``, ``urgency``, ``steps``) or, for ``platforms.yaml``, ``platforms``.  Every entry is checked on
its own (keys starting with ``_`` only hold YAML anchors), so an error names the file, the entry (its id or position) and the field.  Adding a
jurisdiction or an offence is adding data, not code.

Accessors (all take a jurisdiction such as ``CA`` or ``CA-ON``; ``UK`` is read as ``GB``):

* ``load(j) -> KnowledgeBase``          the whole pack, cached
* ``jurisdictions()``                   the countries with a pack
* ``offences(j)``, ``provisions(j)``    entries of the pack
* ``agencies(j, kind=None)``            agencies serving that place (``CA`` ones serve every province)
* ``oversight_bodies(j)``               police complaint bodies for the place, provincial first, then federal
* ``oversight_body(j)``                 the first of those (the province's own, else the RCMP's)
* ``ice_units(j)``                      the child-exploitation (ICE) police units for the place
* ``platform(name)``, ``platforms()``   where users report and where police send requests
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from ..errors import KnowledgeBaseError
from .facts import PLATFORM_ALIASES
from .schema import Agency, Offence, Pack, Platform, Provision, Step, UrgencyRule

DATA = Path(__file__).parent / "data"
ALIASES = {"UK": "GB"}
# The C loader reads the same safe subset of YAML about seven times faster; fall back where libyaml is absent.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
SECTIONS: dict[str, type[BaseModel]] = {
    "offences": Offence,
    "provisions": Provision,
    "agencies": Agency,
    "urgency": UrgencyRule,
    "steps": Step,
}


def _fail(file: Path | str, entry: str, field_name: str, problem: str) -> KnowledgeBaseError:
    name = file.name if isinstance(file, Path) else file
    return KnowledgeBaseError.from_key(  # type: ignore[return-value]
        "law.kb.invalid", file=name, entry=entry, field=field_name, problem=problem
    )


def _read_yaml(path: Path) -> dict[str, Any]:
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}" if mark is not None else "?"
        raise _fail(path, where, "-", getattr(exc, "problem", None) or "not valid YAML") from None
    except OSError as exc:
        raise _fail(path, "-", "-", exc.strerror or type(exc).__name__) from None
    if not isinstance(data, dict):
        raise _fail(path, "-", "-", "the file must be a mapping of sections (offences:, agencies:, …)")
    return data


def _entry(model: type[BaseModel], raw: Any, path: Path, section: str, index: int) -> Any:
    label = raw.get("id") if isinstance(raw, dict) and raw.get("id") else f"{section}[{index}]"
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "-"
        raise _fail(path, str(label), where, first["msg"]) from None


def load_pack(folder: Path) -> Pack:
    """Read and check one jurisdiction folder (any folder: tests point it at broken copies)."""
    header: dict[str, Any] | None = None
    lists: dict[str, list[Any]] = {name: [] for name in SECTIONS}
    for path in sorted(folder.glob("*.yaml")):
        for section, raw in _read_yaml(path).items():
            if section.startswith("_"):
                continue  # a holder for YAML anchors shared by the entries of this file
            if section == "pack":
                if not isinstance(raw, dict):
                    raise _fail(path, "pack", "-", "must be a mapping")
                header = raw
            elif section in SECTIONS:
                if not isinstance(raw, list):
                    raise _fail(path, section, "-", "must be a list of entries")
                lists[section] += [_entry(SECTIONS[section], r, path, section, i) for i, r in enumerate(raw)]
            else:
                raise _fail(path, section, "-", f"unknown section; use one of pack, {', '.join(SECTIONS)}")
    if header is None:
        raise _fail(folder.name, "pack", "-", "no file declares the 'pack:' header")
    try:
        pack = Pack(**header, **lists)
    except ValidationError as exc:
        first = exc.errors()[0]
        raise _fail(folder.name, "pack", ".".join(map(str, first["loc"])), first["msg"]) from None
    _check_references(pack, folder.name)
    return pack


def _check_references(pack: Pack, where: str) -> None:
    for section in SECTIONS:
        seen: set[str] = set()
        for item in getattr(pack, section):
            if item.id in seen:
                raise _fail(where, item.id, "id", f"the id is used twice in {section}")
            seen.add(item.id)
    provisions = {p.id for p in pack.provisions}
    agencies = {a.id for a in pack.agencies}
    for off in pack.offences:
        for ref in off.powers:
            if ref not in provisions:
                raise _fail(where, off.id, "powers", f"'{ref}' is not a provision of this pack")
    for step in pack.steps:
        if step.agency and step.agency not in agencies:
            raise _fail(where, step.id, "agency", f"'{step.agency}' is not an agency of this pack")
        if step.provision and step.provision not in provisions:
            raise _fail(where, step.id, "provision", f"'{step.provision}' is not a provision of this pack")


def load_platforms(path: Path = DATA / "platforms.yaml") -> list[Platform]:
    raw = _read_yaml(path).get("platforms")
    if not isinstance(raw, list):
        raise _fail(path, "platforms", "-", "must be a list of entries")
    items = [_entry(Platform, r, path, "platforms", i) for i, r in enumerate(raw)]
    ids = [p.id for p in items]
    for dup in {i for i in ids if ids.count(i) > 1}:
        raise _fail(path, dup, "id", "the id is used twice in platforms")
    return items


def country_of(jurisdiction: str) -> str:
    code = jurisdiction.strip().upper().split("-")[0]
    return ALIASES.get(code, code)


def normalise(jurisdiction: str) -> str:
    parts = jurisdiction.strip().upper().split("-")
    parts[0] = ALIASES.get(parts[0], parts[0])
    return "-".join(parts)


def jurisdictions() -> list[str]:
    return sorted(p.name for p in DATA.iterdir() if p.is_dir() and (p / "pack.yaml").exists())


@dataclass(frozen=True)
class KnowledgeBase:
    pack: Pack
    platforms: list[Platform] = field(default_factory=list)

    @property
    def jurisdiction(self) -> str:
        return self.pack.jurisdiction

    def offence(self, ident: str) -> Offence | None:
        return next((o for o in self.pack.offences if ident in (o.id, o.section)), None)

    def provision(self, ident: str) -> Provision | None:
        return next((p for p in self.pack.provisions if ident in (p.id, p.citation)), None)

    def agency(self, ident: str) -> Agency | None:
        return next((a for a in self.pack.agencies if a.id == ident), None)

    def agencies_for(self, jurisdiction: str, kind: str | None = None) -> list[Agency]:
        place = normalise(jurisdiction)
        found = [
            a
            for a in self.pack.agencies
            if (kind is None or a.kind == kind)
            and any(place == r or place.startswith(r + "-") for r in a.regions)
        ]
        # By priority; at equal priority the place's own bodies before country-wide ones.
        return sorted(found, key=lambda a: (a.priority, place not in a.regions, a.id))

    def platform(self, name: str) -> Platform | None:
        key = name.strip().lower()
        key = PLATFORM_ALIASES.get(key, key)
        return next((p for p in self.platforms if p.id == key), None)


@cache
def _load_country(country: str) -> KnowledgeBase:
    folder = DATA / country
    if not (folder / "pack.yaml").exists():
        raise KnowledgeBaseError.from_key(
            "law.kb.no_pack", jurisdiction=country, available=", ".join(jurisdictions())
        )
    return KnowledgeBase(pack=load_pack(folder), platforms=_all_platforms())


@cache
def _all_platforms() -> list[Platform]:
    return load_platforms()


def load(jurisdiction: str = "CA") -> KnowledgeBase:
    """The knowledge base for a jurisdiction (``CA``, ``CA-ON``, ``US``, ``GB``/``UK``, ``AU``)."""
    return _load_country(country_of(jurisdiction))


def offences(jurisdiction: str = "CA") -> list[Offence]:
    return list(load(jurisdiction).pack.offences)


def provisions(jurisdiction: str = "CA") -> list[Provision]:
    return list(load(jurisdiction).pack.provisions)


def agencies(jurisdiction: str = "CA", kind: str | None = None) -> list[Agency]:
    return load(jurisdiction).agencies_for(jurisdiction, kind)


def oversight_bodies(jurisdiction: str) -> list[Agency]:
    return agencies(jurisdiction, "oversight")


def oversight_body(jurisdiction: str) -> Agency | None:
    bodies = oversight_bodies(jurisdiction)
    return bodies[0] if bodies else None


def ice_units(jurisdiction: str) -> list[Agency]:
    return agencies(jurisdiction, "ice_unit")


def platform(name: str) -> Platform | None:
    """A platform by name or common alias (``ig``, ``twitter``…), or None."""
    key = PLATFORM_ALIASES.get(name.strip().lower(), name.strip().lower())
    return next((p for p in _all_platforms() if p.id == key), None)


def platforms() -> list[Platform]:
    return list(_all_platforms())


__all__ = [
    "KnowledgeBase",
    "Step",
    "UrgencyRule",
    "agencies",
    "ice_units",
    "jurisdictions",
    "load",
    "offences",
    "oversight_bodies",
    "oversight_body",
    "platform",
    "platforms",
    "provisions",
]
