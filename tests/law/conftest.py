"""Fixtures of the law tests, and the scenario plugin (``law_scenarios.py``) that runs ``cases/*.yaml``."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from law_scenarios import pytest_collect_file

__all__ = ["pytest_collect_file"]


@pytest.fixture(autouse=True)
def _language_back_to_environment() -> Iterator[None]:
    """``--lang`` fixes the language for the process; put it back so one test's French does not leak."""
    from casekit.i18n import set_lang

    yield
    set_lang(None)
