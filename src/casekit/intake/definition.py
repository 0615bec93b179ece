"""Loading the interview and the guidance from the package's YAML, validated once and cached."""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from ..errors import IntakeError
from .schema import GuidanceBook, Interview

M = TypeVar("M", bound=BaseModel)


def _read(name: str) -> tuple[str, Any]:
    entry = resources.files("casekit.intake") / "data" / name
    return str(entry), yaml.safe_load(entry.read_text(encoding="utf-8"))


def _validated(model: type[M], where: str, data: Any) -> M:
    if isinstance(data, dict):
        # Keys starting with "_" hold YAML anchors (named conditions) and are not part of the model.
        data = {k: v for k, v in data.items() if not str(k).startswith("_")}
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        place = ".".join(str(p) for p in first["loc"])
        raise IntakeError.from_key(
            "intake.error.definition", file=Path(where).name, place=place or "-", detail=first["msg"]
        ) from None


def parse_interview(data: Any, where: str = "interview.yaml") -> Interview:
    return _validated(Interview, where, data)


def parse_guidance(data: Any, where: str = "guidance.yaml") -> GuidanceBook:
    return _validated(GuidanceBook, where, data)


@cache
def load_interview() -> Interview:
    """The interview shipped with casekit."""
    return parse_interview(*reversed(_read("interview.yaml")))


@cache
def load_guidance() -> GuidanceBook:
    """The emergency, while-you-wait and next-hour guidance shipped with casekit."""
    return parse_guidance(*reversed(_read("guidance.yaml")))
