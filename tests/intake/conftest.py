"""Intake tests: the language a command fixes for itself must not leak into the next test."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from casekit.i18n import set_lang


@pytest.fixture(autouse=True)
def _language_reset() -> Iterator[None]:
    yield
    set_lang(None)
