"""A small pytest plugin: every scenario in ``tests/law/cases/*.yaml`` is one test.

A scenario is data, so anyone who knows the law can add one without writing Python::

    - name: A 9-year-old sent a nude image an unknown adult asked for
      source: where the situation comes from (case, news report, guidance)
      jurisdiction: CA-ON          # default CA
      date: 2024-05-01             # optional: judge under the law in force that day (not "on": YAML reads it as true)
      facts: {victim_age: 9, ...}
      expect:
        offences: {"172.1": likely, "163.1": likely}   # a section, or its start: 163.1 finds 163.1(4)
        absent: ["346"]            # must not come out at all
        none: true                 # no offence at all
        urgency: high
        titles: {"163.1(4)": "Possession of child pornography"}
        referrals: [cybertip]      # ids that must be among the referrals
        steps: [stop_and_do_not_pay]
        questions: [victim_age]    # fact keys that must be asked

A failure reads like the scenario: ``luring.yaml: 'A 9-year-old sent…': expected 172.1 likely, got possible``.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from casekit.law import Assessment, assess

CASES = Path(__file__).parent / "cases"
EXPECT_KEYS = {"offences", "absent", "none", "urgency", "titles", "referrals", "steps", "questions"}


class ScenarioFailed(AssertionError):
    pass


def _found(a: Assessment, section: str) -> list[Any]:
    from casekit.law.engine import matches_section

    return [o for o in a.offences if matches_section(o.section, section)]


def check(a: Assessment, expect: dict[str, Any]) -> list[str]:
    """What differs from the expectation, in words; empty when the scenario holds."""
    from casekit.law import kb
    from casekit.law.engine import matches_section

    problems: list[str] = []
    known = [o.section for o in kb.offences(a.jurisdiction)]
    named = [*(expect.get("offences") or {}), *(expect.get("absent") or []), *(expect.get("titles") or {})]
    for section in named:
        # A misspelt section would make "absent" pass for nothing: it must exist in the knowledge base.
        if not any(matches_section(k, str(section)) for k in known):
            problems.append(f"section {section} is not in the {a.jurisdiction} knowledge base")
    got_all = ", ".join(f"{o.section} {o.status}" for o in a.offences) or "no offence"
    for section, status in (expect.get("offences") or {}).items():
        hits = _found(a, str(section))
        if not any(o.status == status for o in hits):
            got = ", ".join(f"{o.section} {o.status}" for o in hits) or "absent"
            problems.append(f"expected {section} {status}, got {got}")
    for section in expect.get("absent") or []:
        if _found(a, str(section)):
            problems.append(f"expected no {section}, got {got_all}")
    if expect.get("none") and a.offences:
        problems.append(f"expected no offence, got {got_all}")
    if "urgency" in expect and a.urgency != expect["urgency"]:
        problems.append(f"expected urgency {expect['urgency']}, got {a.urgency}")
    for section, title in (expect.get("titles") or {}).items():
        titles = [o.title.en for o in _found(a, str(section))]
        if title not in titles:
            problems.append(f"expected {section} titled '{title}', got {titles or 'absent'}")
    for key, wanted, have in (
        ("referrals", expect.get("referrals") or [], [r.id for r in a.referrals]),
        ("steps", expect.get("steps") or [], [s.id for s in a.steps]),
        ("questions", expect.get("questions") or [], [q.key for q in a.questions]),
    ):
        missing = [w for w in wanted if w not in have]
        if missing:
            problems.append(f"expected {key} {missing}, got {have}")
    return problems


class ScenarioItem(pytest.Item):
    def __init__(self, *, scenario: dict[str, Any], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.scenario = scenario

    def runtest(self) -> None:
        sc = self.scenario
        a = assess(sc.get("facts") or {}, sc.get("jurisdiction", "CA"), on=sc.get("date"))
        problems = check(a, sc["expect"])
        if problems:
            raise ScenarioFailed("; ".join(problems))

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException], style: Any = None) -> str:
        if isinstance(excinfo.value, ScenarioFailed):
            return f"{self.path.name}: '{self.scenario['name']}': {excinfo.value}"
        return super().repr_failure(excinfo)

    def reportinfo(self) -> tuple[Path, int, str]:
        return self.path, 0, f"scenario: {self.scenario['name']}"


class ScenarioFile(pytest.File):
    def collect(self) -> Iterator[ScenarioItem]:
        scenarios = yaml.safe_load(self.path.read_text(encoding="utf-8")) or []
        for i, sc in enumerate(scenarios):
            unknown = set(sc.get("expect", {})) - EXPECT_KEYS
            if not sc.get("name") or not sc.get("source") or "expect" not in sc or unknown:
                raise ValueError(
                    f"{self.path.name}: scenario {i + 1} needs name, source and expect (unknown: {unknown})"
                )
            yield ScenarioItem.from_parent(self, name=f"{i + 1:02d} {sc['name']}", scenario=sc)


def pytest_collect_file(parent: pytest.Collector, file_path: Path) -> ScenarioFile | None:
    if file_path.suffix == ".yaml" and file_path.parent == CASES:
        return ScenarioFile.from_parent(parent, path=file_path)
    return None
