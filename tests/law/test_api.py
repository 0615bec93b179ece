"""The public API of casekit.law is listed and stays put (documents and intake build on it)."""

from __future__ import annotations

import casekit.law as law
from casekit.law import kb


def test_public_names():
    assert set(law.__all__) == {
        "FACTS", "FACTS_VERSION", "Assessment", "ElementResult", "FactError", "FactSpec", "OffenceResult",
        "Question", "Referral", "StepResult", "assess", "facts_json_schema", "kb", "validate_fact", "validate_facts",
    }  # fmt: skip
    for name in law.__all__:
        assert getattr(law, name) is not None
        assert name in (law.__doc__ or "") or name in {
            "ElementResult",
            "FactSpec",
            "OffenceResult",
            "Question",
            "Referral",
            "StepResult",
        }


def test_kb_accessors_are_documented():
    for name in (
        "load",
        "jurisdictions",
        "offences",
        "provisions",
        "agencies",
        "oversight_body",
        "oversight_bodies",
        "ice_units",
        "platform",
        "platforms",
    ):
        assert callable(getattr(kb, name))
        assert f"{name}(" in (kb.__doc__ or ""), name
